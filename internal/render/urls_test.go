package render

import (
	"net/url"
	"testing"
)

func TestURLs(t *testing.T) {
	root := NewURLs(&url.URL{Scheme: "https", Host: "example.org", Path: "/"}, false)
	sub := NewURLs(&url.URL{Scheme: "https", Host: "example.org", Path: "/r2p/"}, false)
	bare := NewURLs(&url.URL{Path: "/"}, false)
	for _, tc := range []struct {
		u        URLs
		in, rel  string
		abs      string
		resolved bool
	}{
		{root, "/about/", "/about/", "https://example.org/about/", true},
		{sub, "/about/", "/r2p/about/", "https://example.org/r2p/about/", true},
		{sub, "/", "/r2p/", "https://example.org/r2p/", true},
		{sub, "/situations/syria/#p3", "/r2p/situations/syria/#p3", "https://example.org/r2p/situations/syria/#p3", true},
		{sub, "https://undocs.org/A/70/999", "https://undocs.org/A/70/999", "https://undocs.org/A/70/999", false},
		{sub, "//cdn.example/x", "//cdn.example/x", "//cdn.example/x", false},
		{sub, "#top", "#top", "#top", false},
		{sub, "/a b/", "/r2p/a%20b/", "https://example.org/r2p/a%20b/", true},
		{bare, "/x/", "/x/", "/x/", true},
	} {
		if got := tc.u.Rel(tc.in); got != tc.rel {
			t.Errorf("Rel(%q) = %q, want %q", tc.in, got, tc.rel)
		}
		if got := tc.u.Abs(tc.in); got != tc.abs {
			t.Errorf("Abs(%q) = %q, want %q", tc.in, got, tc.abs)
		}
		if _, ok := tc.u.Resolve(tc.in); ok != tc.resolved {
			t.Errorf("Resolve(%q) ok = %v, want %v", tc.in, ok, tc.resolved)
		}
	}
}

func TestRelativize(t *testing.T) {
	off := NewURLs(&url.URL{Scheme: "https", Host: "example.org", Path: "/r2p/"}, true)
	page := `<a href="` + off.Rel("/") + `">home</a> <a href="` + off.Rel("/situations/syria/#p3") + `">p3</a> ` +
		`<link href="` + off.Rel("/css/r2p.css") + `"> <form action="` + off.Rel("/search/") + `"></form> ` +
		`<link rel="canonical" href="` + off.Abs("/about/") + `">`
	for _, tc := range []struct{ file, want string }{
		{"index.html", `<a href="index.html">home</a> <a href="situations/syria/index.html#p3">p3</a> <link href="css/r2p.css"> <form action="search/index.html"></form> <link rel="canonical" href="https://example.org/r2p/about/">`},
		{"situations/syria/index.html", `<a href="../../index.html">home</a> <a href="../../situations/syria/index.html#p3">p3</a> <link href="../../css/r2p.css"> <form action="../../search/index.html"></form> <link rel="canonical" href="https://example.org/r2p/about/">`},
	} {
		if got := string(Relativize(tc.file, []byte(page))); got != tc.want {
			t.Errorf("Relativize(%s):\n got %s\nwant %s", tc.file, got, tc.want)
		}
	}
	if got := RelativeRoot("/search/"); got != "../" {
		t.Errorf("RelativeRoot(/search/) = %q", got)
	}
}

// A base path with doubled slashes must not make links protocol-relative
// (//host/...), which would point them at another host.
func TestURLsCollapseDoubledSlashes(t *testing.T) {
	u := NewURLs(&url.URL{Scheme: "https", Host: "example.org", Path: "//"}, false)
	if got := u.Rel("/"); got != "/" {
		t.Errorf("Rel(/) under base path // = %q, want /", got)
	}
	if got := u.Abs("/about/"); got != "https://example.org/about/" {
		t.Errorf("Abs(/about/) under base path // = %q", got)
	}
	u = NewURLs(&url.URL{Path: "/r2p//x/"}, false)
	if got := u.Rel("/a/"); got != "/r2p/x/a/" {
		t.Errorf("Rel(/a/) under /r2p//x/ = %q", got)
	}
}
