package render

import (
	"net/url"
	"testing"
)

func TestURLs(t *testing.T) {
	root := NewURLs(&url.URL{Scheme: "https", Host: "example.org", Path: "/"})
	sub := NewURLs(&url.URL{Scheme: "https", Host: "example.org", Path: "/r2p/"})
	bare := NewURLs(&url.URL{Path: "/"})
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
