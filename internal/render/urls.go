package render

import (
	"net/url"
	"strings"
)

// URLs makes every link of the site. Templates and Markdown never write a
// root-relative path by hand: they pass a site path such as /situations/
// through Rel or Abs, which add base_url's path (and, later, a language
// prefix), so the same site works at a domain root or under /r2p/.
type URLs struct {
	base *url.URL // scheme and host may be empty; Path ends in "/"
}

// NewURLs returns the URL maker for a base URL whose path ends in "/".
func NewURLs(base *url.URL) URLs { return URLs{base: base} }

// BasePath returns base_url's path, e.g. "/" or "/r2p/".
func (u URLs) BasePath() string { return u.base.Path }

// Rel turns a site path (/about/, /css/site.css) into a path from the host's
// root (/r2p/about/). Anything that is not a site path (a full URL, a
// fragment, a relative path, a protocol-relative //host) is returned as is.
func (u URLs) Rel(p string) string {
	if !isSitePath(p) {
		return p
	}
	return strings.TrimSuffix(u.base.Path, "/") + escapePath(p)
}

// Abs turns a site path into an absolute URL under base_url. Without a host
// in base_url it returns what Rel does.
func (u URLs) Abs(p string) string {
	rel := u.Rel(p)
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
	if !strings.ContainsAny(path, " \"<>\\^`{|}%") {
		return p
	}
	if unescaped, err := url.PathUnescape(path); err == nil {
		path = unescaped
	}
	return (&url.URL{Path: path}).EscapedPath() + rest
}
