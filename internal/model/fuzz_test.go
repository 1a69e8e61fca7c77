package model

import (
	"net/url"
	"path"
	"strings"
	"testing"
)

// FuzzValidSlug: a slug the model accepts names exactly one directory
// under /situations/: no separator, no dot-segment, nothing that changes
// under path cleaning, and nothing that needs escaping beyond UTF-8.
func FuzzValidSlug(f *testing.F) {
	for _, s := range []string{"syria", "south-sudan", "../etc", "..", ".", ".hidden", "a/b", "a\\b", "a b", "ünï", "a%2fb", "x.y", "", "a\x00b", "᾿", "٠"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !validSlug(s) {
			return
		}
		p := "/situations/" + s + "/"
		if path.Clean(p) != strings.TrimSuffix(p, "/") || strings.ContainsAny(s, "/\\%?#:\x00 \"'<>&") || strings.HasPrefix(s, ".") {
			t.Fatalf("validSlug accepts %q, which is not one plain path segment", s)
		}
		if u, err := url.Parse(p); err != nil || u.Path != p {
			t.Fatalf("slug %q does not survive as a URL path: %v", s, err)
		}
	})
}
