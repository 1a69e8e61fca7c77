package render

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// URLs makes every link of the site. Templates and Markdown never write a
// root-relative path by hand: they pass a site path such as /situations/
// through Rel or Abs, which add base_url's path (and, later, a language
// prefix), so the same site works at a domain root or under /r2p/.
type URLs struct {
	base    *url.URL // scheme and host may be empty; Path ends in "/"
	offline bool
	lang    string // the language prefix of pages ("fr"), "" for the default language
}

// WithLang returns the URL maker for pages in another language: links to
// pages gain the prefix (/fr/about/), links to files (/css/r2p.css,
// /feed.xml), which every language shares, do not.
func (u URLs) WithLang(lang string) URLs {
	u.lang = lang
	return u
}

// isPagePath reports whether a site path names a page (a directory such
// as /about/) rather than a file (/css/r2p.css).
func isPagePath(p string) bool {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	return !strings.Contains(p[strings.LastIndexByte(p, '/')+1:], ".")
}

// NewURLs returns the URL maker for a base URL whose path ends in "/". In
// an offline build, Rel marks each link with OfflineRoot so that
// Relativize can make it relative to the page it ends up in.
func NewURLs(base *url.URL, offline bool) URLs {
	// A path such as "//" would make every link protocol-relative, that is
	// a link to another host; one slash between segments is what is meant.
	b := *base
	b.Path = strings.TrimSuffix(path.Clean("/"+b.Path), "/") + "/"
	b.RawPath = ""
	return URLs{base: &b, offline: offline}
}

// OfflineRoot stands for the site's root in the pages of an offline build
// until Relativize replaces it.
const OfflineRoot = "/__r2p_root__/"

// BasePath returns base_url's path, e.g. "/" or "/r2p/".
func (u URLs) BasePath() string { return u.base.EscapedPath() }

// Rel turns a site path (/about/, /css/site.css) into a path from the host's
// root (/r2p/about/). Anything that is not a site path (a full URL, a
// fragment, a relative path, a protocol-relative //host) is returned as is.
func (u URLs) Rel(p string) string {
	if !isSitePath(p) {
		return p
	}
	if u.lang != "" && isPagePath(p) {
		p = "/" + u.lang + p
	}
	if u.offline {
		return strings.TrimSuffix(OfflineRoot, "/") + escapePath(p)
	}
	return strings.TrimSuffix(u.base.EscapedPath(), "/") + escapePath(p)
}

// Abs turns a site path into an absolute URL under base_url. Without a host
// in base_url it returns what Rel does.
func (u URLs) Abs(p string) string {
	rel := URLs{base: u.base, lang: u.lang}.Rel(p)
	if u.base.Host == "" || !strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, "//") {
		return rel
	}
	return u.base.Scheme + "://" + u.base.Host + rel
}

// Resolve implements markdown.Links: a root-relative link written in
// Markdown means the site's root.
func (u URLs) Resolve(ref string) (string, bool) {
	if !isSitePath(ref) {
		return "", false
	}
	return u.Rel(ref), true
}

func isSitePath(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//")
}

// escapePath percent-encodes what a path must not hold raw (spaces, quotes,
// non-ASCII stays as is for readability) while keeping a query or fragment.
func escapePath(p string) string {
	path, rest := p, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		path, rest = p[:i], p[i:]
	}
	if !strings.ContainsAny(path, " \"<>\\^`{|}%") && strings.IndexFunc(path, isControl) < 0 {
		return p
	}
	if unescaped, err := url.PathUnescape(path); err == nil {
		path = unescaped
	}
	esc := (&url.URL{Path: path}).EscapedPath()
	// "/%2F..." unescapes to "//...", which a browser reads as another
	// host: keep the second slash escaped.
	if strings.HasPrefix(esc, "//") {
		esc = "/%2F" + esc[2:]
	}
	return esc + rest
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// offlineLink is a marked link as it appears in an attribute or CSS url().
var offlineLink = regexp.MustCompile(`(["'(=])` + regexp.QuoteMeta(OfflineRoot) + `([^"'\s()<>]*)`)

// Relativize rewrites the marked links of a page written at file (a path
// under public/, e.g. situations/syria/index.html) into relative ones, and
// points links to directories at their index.html, so that the page works
// opened from disk (file://), where a browser neither resolves / to the
// site nor opens a directory's index.
func Relativize(file string, page []byte) []byte {
	if !bytes.Contains(page, []byte(OfflineRoot)) {
		return page
	}
	up := strings.Repeat("../", strings.Count(file, "/"))
	return offlineLink.ReplaceAllFunc(page, func(m []byte) []byte {
		sub := offlineLink.FindSubmatch(m)
		target := string(sub[2])
		path, rest := target, ""
		if i := strings.IndexAny(target, "?#"); i >= 0 {
			path, rest = target[:i], target[i:]
		}
		if path == "" || strings.HasSuffix(path, "/") {
			path += "index.html"
		}
		out := append([]byte(nil), sub[1]...)
		return append(out, up+path+rest...)
	})
}

// RelativeRoot is the site's root as seen from a page at the site path url,
// for scripts that must find files relative to the page: /search/ -> ../.
func RelativeRoot(url string) string {
	n := strings.Count(strings.TrimPrefix(url, "/"), "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}
