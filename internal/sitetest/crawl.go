package sitetest

import (
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Crawl follows every link of a built site as a browser would when
// public/ is served at base (for example https://example.org/r2p/), and
// returns every problem found, sorted, so a test can report them all at
// once:
//
//   - an href or src on the site's host that names no output file
//     (dir/ is dir/index.html) or a #fragment that names no id there;
//   - a root-relative link outside base's path (href="/x" under /r2p/);
//   - markup a strict Content-Security-Policy would block: a style
//     attribute or element, an inline script (a JSON-LD data block is not
//     one), an on* event handler, a javascript: URL;
//   - an id given twice on one page, which makes a fragment ambiguous;
//   - tags that do not balance;
//   - a <loc> or href in feed.xml and sitemap.xml that names no page.
//
// Links to other hosts, to paths of base's host outside base's path, and
// mailto: are not followed.
func Crawl(out *Output, base string) []string {
	b, err := url.Parse(base)
	if err != nil {
		return []string{"bad base URL: " + err.Error()}
	}
	c := &crawler{out: out, base: b, docs: map[string]*Doc{}}
	for _, p := range out.Paths() {
		switch path.Ext(p) {
		case ".html":
			c.page(p)
		case ".xml":
			c.xml(p)
		}
	}
	sort.Strings(c.problems)
	return c.problems
}

type crawler struct {
	out      *Output
	base     *url.URL
	docs     map[string]*Doc
	problems []string
}

func (c *crawler) report(file string, line int, msg string) {
	c.problems = append(c.problems, file+":"+strconv.Itoa(line)+": "+msg)
}

func (c *crawler) doc(p string) *Doc {
	d, ok := c.docs[p]
	if !ok {
		d = ParseHTML(c.out.Files[p])
		c.docs[p] = d
	}
	return d
}

// pageURL is the URL a browser shows for an output file.
func (c *crawler) pageURL(p string) *url.URL {
	u := *c.base
	u.Path = strings.TrimSuffix(c.base.Path, "/") + "/" + strings.TrimSuffix(p, "index.html")
	return &u
}

func (c *crawler) page(p string) {
	d := c.doc(p)
	for _, msg := range d.Problems {
		c.problems = append(c.problems, p+": "+msg)
	}
	self := c.pageURL(p)
	firstID := map[string]int{}
	for _, e := range d.Elements() {
		if id, ok := e.Attr("id"); ok {
			if first, dup := firstID[id]; dup {
				c.report(p, e.Line, "id "+strconv.Quote(id)+" is also given at line "+strconv.Itoa(first))
			} else {
				firstID[id] = e.Line
			}
		}
		c.csp(p, e)
		for _, attr := range []string{"href", "src"} {
			if v, ok := e.Attr(attr); ok {
				c.link(p, e.Line, self, v)
			}
		}
	}
}

func (c *crawler) csp(p string, e *Node) {
	switch {
	case e.Tag == "script":
		// A data block (JSON-LD) is never run, so script-src does not
		// apply to it; only inline code would be blocked.
		if _, ok := e.Attr("src"); !ok && !isDataBlock(e.Get("type")) {
			c.report(p, e.Line, "inline <script> (a strict Content-Security-Policy blocks it)")
		}
	case e.Tag == "style":
		c.report(p, e.Line, "<style> element (a strict Content-Security-Policy blocks it)")
	}
	for _, a := range e.Attrs {
		switch {
		case a.Name == "style":
			c.report(p, e.Line, "style attribute on <"+e.Tag+"> (a strict Content-Security-Policy blocks it)")
		case strings.HasPrefix(a.Name, "on"):
			c.report(p, e.Line, a.Name+" event handler on <"+e.Tag+"> (a strict Content-Security-Policy blocks it)")
		case (a.Name == "href" || a.Name == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
			c.report(p, e.Line, "javascript: URL on <"+e.Tag+">")
		}
	}
}

// isDataBlock reports whether a <script> of this type holds data rather
// than code: browsers run only JavaScript types and modules.
func isDataBlock(typ string) bool {
	t := strings.ToLower(strings.TrimSpace(typ))
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	switch t {
	case "", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript":
		return false
	}
	return true
}

// link checks one href or src found on page p (whose URL is self).
func (c *crawler) link(p string, line int, self *url.URL, ref string) {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		c.report(p, line, "unparsable link "+strconv.Quote(ref))
		return
	}
	switch {
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		return // mailto:, tel:, data: are not pages of this site
	case u.Host != "" && (u.Host != c.base.Host || !strings.HasPrefix(u.Path, c.base.Path)):
		return // another site, or another part of this host that r2p does not build
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, c.base.Path):
		c.report(p, line, "root-relative link "+strconv.Quote(ref)+" escapes "+c.base.Path)
		return
	}
	target := self.ResolveReference(u)
	if !strings.HasPrefix(target.Path, c.base.Path) {
		c.report(p, line, "link "+strconv.Quote(ref)+" leaves "+c.base.Path+" (resolves to "+target.Path+")")
		return
	}
	file := strings.TrimPrefix(target.Path, c.base.Path)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if _, ok := c.out.Files[file]; !ok {
		c.report(p, line, "broken link "+strconv.Quote(ref)+": public/"+file+" does not exist")
		return
	}
	if u.Fragment == "" || path.Ext(file) != ".html" {
		return
	}
	if c.doc(file).IDs()[u.Fragment] == 0 {
		c.report(p, line, "broken link "+strconv.Quote(ref)+": public/"+file+" has no id "+strconv.Quote(u.Fragment))
	}
}

var xmlLinks = regexp.MustCompile(`<loc>([^<]*)</loc>|href="([^"]*)"`)

func (c *crawler) xml(p string) {
	data := string(c.out.Files[p])
	for _, m := range xmlLinks.FindAllStringSubmatchIndex(data, -1) {
		ref := ""
		for i := 2; i < len(m); i += 2 {
			if m[i] >= 0 {
				ref = data[m[i]:m[i+1]]
			}
		}
		line := strings.Count(data[:m[0]], "\n") + 1
		u, err := url.Parse(ref)
		if err != nil || u.Host != c.base.Host {
			if err == nil && u.Host == "" {
				c.report(p, line, "link "+strconv.Quote(ref)+" is not absolute; feeds and sitemaps need full URLs")
			}
			continue
		}
		c.link(p, line, c.base, ref)
	}
}
