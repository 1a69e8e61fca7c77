package check

import (
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// locator finds where in the site's own files a URL of the output was
// written. It searches text rather than re-parsing, because the link may
// sit in Markdown, in front matter, in a data cell or in a template, and
// in each the target is written out literally.
type locator struct {
	in       Input
	basePath string
	baseHost string
	texts    map[string]*string // site file -> contents; nil when it is not a readable site file
	cursor   map[[3]string]int  // (output, source, needle) -> where the next search starts
	shared   []string           // files any generated page may take a link from
}

func newLocator(in Input, base *url.URL) *locator {
	l := &locator{in: in, basePath: base.Path, baseHost: base.Host, texts: map[string]*string{}, cursor: map[[3]string]int{}}
	if in.Site == nil {
		return l
	}
	l.shared = append(l.shared, "content/site.yaml")
	for _, dir := range []string{"content/data", "templates"} {
		_ = fs.WalkDir(in.Site, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				l.shared = append(l.shared, p)
			}
			return nil
		})
	}
	sort.Strings(l.shared)
	return l
}

// locate returns where the link raw, found at line of output file out,
// is written, and the link as written there.
func (l *locator) locate(out string, line int, raw string) (diag.Pos, string) {
	needles := l.needles(raw)
	own := l.own(out)
	for _, src := range own {
		for _, n := range needles {
			if pos, ok := l.search(out, src, n, true); ok {
				return pos, n
			}
		}
	}
	for _, src := range l.shared {
		for _, n := range needles {
			if pos, ok := l.search(out, src, n, false); ok {
				return pos, n
			}
		}
	}
	return diag.Pos{Path: "public/" + out, Line: line}, raw
}

// find is locate for a link whose wording does not matter.
func (l *locator) find(out string, line int, raw string) diag.Pos {
	pos, _ := l.locate(out, line, raw)
	return pos
}

// own lists the site files that made output file out: the file the build
// names, and for a generated list page the Markdown introduction at its
// URL (content/situations/index.md for situations/index.html).
func (l *locator) own(out string) []string {
	var files []string
	if src := l.in.Sources[out]; src != "" {
		files = append(files, src)
	}
	if dir, ok := strings.CutSuffix(out, "index.html"); ok {
		if dir == "" {
			files = append(files, "content/index.md", "content/_index.md")
		} else {
			d := strings.TrimSuffix(dir, "/")
			files = append(files, "content/"+d+"/index.md", "content/"+d+"/_index.md", "content/"+d+".md")
		}
	}
	return files
}

// needles are the ways the author may have written raw: as emitted, and
// without base_url's path or host, which r2p adds to root-relative links.
func (l *locator) needles(raw string) []string {
	out := []string{raw}
	add := func(s string) {
		for _, have := range out {
			if have == s {
				return
			}
		}
		out = append(out, s)
	}
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		if u.Host == l.baseHost && strings.HasPrefix(u.Path, l.basePath) {
			rest := strings.TrimPrefix(raw, u.Scheme+"://"+u.Host)
			add(rest)
			raw = rest
		} else if p := strings.TrimPrefix(u.Path, "/"); strings.Contains(p, "/") {
			// A link made from a UN document symbol (A/70/999 ->
			// https://undocs.org/A/70/999) is written as the symbol.
			add(p)
		}
	}
	if l.basePath != "/" && strings.HasPrefix(raw, l.basePath) {
		add("/" + strings.TrimPrefix(raw, l.basePath))
	}
	for _, n := range append([]string(nil), out...) {
		if d, err := url.PathUnescape(n); err == nil {
			add(d)
		}
	}
	return out
}

// search looks for needle in site file src. On the page's own file it
// starts after the previous hit for the same page, so a link written
// twice is reported at each place; in shared files a link may appear on
// many pages and is always reported at its first place.
func (l *locator) search(out, src, needle string, advance bool) (diag.Pos, bool) {
	text := l.text(src)
	if text == nil || needle == "" {
		return diag.Pos{}, false
	}
	key := [3]string{out, src, needle}
	from := 0
	if advance {
		from = l.cursor[key]
	}
	i := strings.Index((*text)[from:], needle)
	if i < 0 && from > 0 {
		i, from = strings.LastIndex(*text, needle), 0 // more links than places: the last place
	}
	if i < 0 {
		return diag.Pos{}, false
	}
	off := from + i
	if advance {
		l.cursor[key] = off + len(needle)
	}
	return position(src, *text, off), true
}

func (l *locator) text(src string) *string {
	t, ok := l.texts[src]
	if ok {
		return t
	}
	if l.in.Site != nil && fs.ValidPath(src) && path.Clean(src) == src {
		if data, err := fs.ReadFile(l.in.Site, src); err == nil {
			s := string(data)
			t = &s
		}
	}
	l.texts[src] = t
	return t
}

// position turns a byte offset into a 1-based line and a column counted
// in characters, as an editor shows them.
func position(file, text string, off int) diag.Pos {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return diag.Pos{Path: file, Line: strings.Count(text[:off], "\n") + 1, Col: utf8.RuneCountInString(text[start:off]) + 1}
}
