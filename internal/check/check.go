package check

import (
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// Input is a built site held in memory.
type Input struct {
	Files   map[string][]byte // output path (as under public/) -> contents
	Sources map[string]string // output path -> what produced it (build.Stats.Sources)
	Site    fs.FS             // the site directory, where problems are located
	// Base is base_url; only its host and path matter. A nil Base is
	// the domain root of an unknown host.
	Base *url.URL
}

// Link is an external link and the first place it is written.
type Link struct {
	URL string
	Pos diag.Pos
}

// Report is the outcome of Run.
type Report struct {
	Problems []diag.Error // sorted by path, line and column; one per place and message
	External []Link       // each once, sorted by place
	Checked  int          // internal links checked
}

// Run checks every HTML page, stylesheet, feed and sitemap of in.
func Run(in Input) Report {
	c := newChecker(in)
	paths := make([]string, 0, len(in.Files))
	for p := range in.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	pages := make([]page, len(paths))
	parallel(len(paths), func(i int) { pages[i] = c.scan(paths[i]) })
	for i, p := range paths {
		if strings.HasSuffix(p, ".html") {
			c.ids[p] = pages[i].ids
		}
	}
	for i, p := range paths {
		for _, r := range pages[i].refs {
			c.ref(p, r)
		}
	}
	return c.report()
}

type checker struct {
	in       Input
	base     *url.URL
	ids      map[string]map[string]bool // html output path -> ids
	loc      *locator
	problems map[diag.Error]bool
	external map[string]diag.Pos
	pages    []string // site paths of HTML pages, for suggestions
	checked  int
}

func newChecker(in Input) *checker {
	base := in.Base
	if base == nil {
		base = &url.URL{Path: "/"}
	}
	c := &checker{in: in, base: base, ids: map[string]map[string]bool{}, problems: map[diag.Error]bool{},
		external: map[string]diag.Pos{}, loc: newLocator(in, base)}
	for p := range in.Files {
		if strings.HasSuffix(p, "index.html") {
			c.pages = append(c.pages, "/"+strings.TrimSuffix(p, "index.html"))
		}
	}
	sort.Strings(c.pages)
	return c
}

func (c *checker) scan(p string) page {
	switch path.Ext(p) {
	case ".html":
		return scanHTML(c.in.Files[p])
	case ".css":
		return scanText(c.in.Files[p], cssURL, "url()")
	case ".xml":
		return scanText(c.in.Files[p], xmlURL, "href")
	}
	return page{}
}

// ref checks one URL found in output file p.
func (c *checker) ref(p string, r ref) {
	raw := strings.TrimSpace(r.url)
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	if err != nil {
		c.problem(p, r, raw, "link %s cannot be parsed: "+unwrapURLError(err))
		return
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme == "javascript" || scheme == "vbscript":
		c.problem(p, r, raw, scheme+": URL in "+r.attr+" %s: a strict Content-Security-Policy blocks it, and it must never come from content")
		return
	case scheme != "" && scheme != "http" && scheme != "https":
		return // mailto:, tel:, data: are not files of the site
	case u.Host != "" && (u.Host != c.base.Host || !strings.HasPrefix(u.Path, c.base.Path)):
		if loaded(r) {
			c.problem(p, r, raw, "%s is loaded from another site, which the Content-Security-Policy blocks ("+
				"only the site's own files may be loaded); copy it into the site")
			return
		}
		c.externalLink(p, r, raw)
		return
	case u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, c.base.Path):
		c.problem(p, r, raw, "link %s is outside the site's base path "+c.base.Path+"; write it from the site's root (/about/) and r2p adds the base path")
		return
	}
	c.checked++
	target := c.pageURL(p).ResolveReference(u)
	if !strings.HasPrefix(target.Path, c.base.Path) {
		c.problem(p, r, raw, "link %s leaves the site (it resolves to "+target.Path+")")
		return
	}
	file := strings.TrimPrefix(target.Path, c.base.Path)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if _, ok := c.in.Files[file]; !ok {
		if _, dir := c.in.Files[file+"/index.html"]; dir {
			return // a server redirects /about to /about/
		}
		c.problem(p, r, raw, c.missing(r, file))
		return
	}
	if u.Fragment != "" && path.Ext(file) == ".html" && !c.ids[file][u.Fragment] && u.Fragment != "top" {
		c.problem(p, r, raw, "broken link %s: "+describe(file)+" has no paragraph, heading or footnote with id "+strconv.Quote(u.Fragment))
	}
}

// loaded reports whether the browser fetches r as part of the page
// (rather than following it when clicked).
func loaded(r ref) bool {
	switch r.tag {
	case "img", "script", "source", "video", "audio", "track", "iframe", "embed", "object", "input":
		return r.attr != "href"
	}
	return false
}

// missing is the message for a reference to a file the build did not
// write, with a suggestion when a page of a similar name exists.
func (c *checker) missing(r ref, file string) string {
	what := "link"
	switch {
	case r.tag == "img" || r.attr == "srcset" || r.attr == "poster":
		what = "image"
	case r.tag == "script" || r.tag == "link" && r.attr == "href" && path.Ext(file) == ".css", r.attr == "url()":
		what = "asset"
	}
	msg := "broken " + what + " %s: the site has no " + describe(file)
	if dir, ok := strings.CutSuffix(file, "index.html"); ok {
		msg += c.suggest("/" + dir)
	}
	return msg
}

// suggest names the page whose last segment is closest to that of
// target among its siblings: comparing whole paths would find every
// /situations/X/ close to every other, however different X is.
func (c *checker) suggest(target string) string {
	parent, name := path.Split(strings.TrimSuffix(target, "/"))
	var names []string
	for _, p := range c.pages {
		if pp, n := path.Split(strings.TrimSuffix(p, "/")); pp == parent && n != "" {
			names = append(names, n)
		}
	}
	if best := diag.Nearest(name, names); best != "" {
		return "; did you mean " + strconv.Quote(parent+best+"/") + "?"
	}
	return ""
}

// describe names an output file as a reader knows it: its URL.
func describe(file string) string {
	if strings.HasSuffix(file, "index.html") {
		return "page /" + strings.TrimSuffix(file, "index.html")
	}
	return "file /" + file
}

// pageURL is the URL a browser shows for output file p.
func (c *checker) pageURL(p string) *url.URL {
	u := *c.base
	u.Path = c.base.Path + strings.TrimSuffix(p, "index.html")
	u.RawPath = ""
	return &u
}

func (c *checker) externalLink(p string, r ref, raw string) {
	if _, seen := c.external[raw]; seen {
		return
	}
	c.external[raw] = c.loc.find(p, r.line, raw)
}

// problem records msg, whose %s is the link as the author wrote it, at
// the place in the source that holds that link.
func (c *checker) problem(p string, r ref, raw, msg string) {
	pos, written := c.loc.locate(p, r.line, raw)
	c.problems[diag.Error{Pos: pos, Msg: strings.Replace(msg, "%s", strconv.Quote(written), 1)}] = true
}

func (c *checker) report() Report {
	rep := Report{Checked: c.checked}
	var l diag.List
	for e := range c.problems {
		l.Append(e)
	}
	rep.Problems = l.Errors()
	for u, pos := range c.external {
		rep.External = append(rep.External, Link{URL: u, Pos: pos})
	}
	sort.Slice(rep.External, func(i, j int) bool {
		a, b := rep.External[i], rep.External[j]
		if a.Pos != b.Pos {
			return diag.Error{Pos: a.Pos}.Error() < diag.Error{Pos: b.Pos}.Error()
		}
		return a.URL < b.URL
	})
	return rep
}

func unwrapURLError(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

// parallel runs f(0..n-1) on a few goroutines; each writes its own slot.
func parallel(n int, f func(int)) {
	const workers = 8
	var wg sync.WaitGroup
	for w := range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}()
	}
	wg.Wait()
}
