package render

import (
	"net/url"
	"path"
	"strings"
	"testing"
)

// FuzzURLs: whatever a site path holds, Rel keeps it under base_url's
// path, yields a URL that parses to the same path, and leaves nothing
// raw that would end an attribute or start markup; Resolve agrees with
// Rel on site paths and leaves everything else alone.
func FuzzURLs(f *testing.F) {
	for _, s := range []string{
		"/", "/about/", "/situations/syria/#p12", "/search/?q=a b", "/a b/\"x\"/", "/%2e%2e/%2e%2e/etc/passwd",
		"/ünï/", "//evil.example/", "/\\evil", "https://example.org/", "#p1", "../x", "/x%zz/", "/<script>/",
	} {
		f.Add(s, "/r2p/")
		f.Add(s, "/")
	}
	f.Fuzz(func(t *testing.T, p, basePath string) {
		if !strings.HasPrefix(basePath, "/") || strings.HasPrefix(basePath, "//") || !strings.HasSuffix(basePath, "/") || strings.ContainsAny(basePath, "?#%\\ \"<>") || strings.TrimSuffix(path.Clean(basePath), "/")+"/" != basePath || strings.IndexFunc(basePath, isControl) >= 0 {
			basePath = "/r2p/"
		}
		u := NewURLs(&url.URL{Scheme: "https", Host: "example.org", Path: basePath}, false)
		rel := u.Rel(p)
		if !isSitePath(p) {
			if rel != p {
				t.Fatalf("Rel(%q) = %q; a non-site path must stay as is", p, rel)
			}
			if _, ok := u.Resolve(p); ok {
				t.Fatalf("Resolve(%q) claimed a non-site path", p)
			}
			return
		}
		// The base path is written escaped, as it must be in a URL.
		if escaped := (&url.URL{Path: basePath}).EscapedPath(); !strings.HasPrefix(rel, escaped) {
			t.Fatalf("Rel(%q) = %q is outside %s", p, rel, escaped)
		}
		// The query and fragment are kept as written (templates and the
		// Markdown renderer escape them for their attribute); the path is
		// Rel's own work and must be escaped.
		if pathPart, _, _ := strings.Cut(strings.SplitN(rel, "#", 2)[0], "?"); strings.ContainsAny(pathPart, " \"<>\\`\n") {
			t.Fatalf("Rel(%q) = %q holds a character that must be escaped", p, rel)
		}
		if res, ok := u.Resolve(p); !ok || res != rel {
			t.Fatalf("Resolve(%q) = %q, %v; Rel gives %q", p, res, ok, rel)
		}
		if abs := u.Abs(p); abs != "https://example.org"+rel {
			t.Fatalf("Abs(%q) = %q, want the host before %q", p, abs, rel)
		}
		// Control characters pass through Rel unescaped (escapePath lists
		// only printable ones); html/template and goldmark escape them in
		// attributes, so that is reported, not asserted here.
		if _, err := url.Parse(rel); err != nil && !strings.Contains(p, "%") && !hasControl(p) {
			t.Fatalf("Rel(%q) = %q does not parse: %v", p, rel, err)
		}
	})
}

// FuzzOutputPath: the file a site path is written to never leaves
// public/ and is never absolute.
func FuzzOutputPath(f *testing.F) {
	for _, s := range []string{"/", "/about/", "/404.html", "/situations/x/", "/a/../../b/", "/./"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if !isSitePath(p) {
			return // OutputPath is only given page URLs, which are site paths
		}
		out := OutputPath(p)
		if strings.HasPrefix(out, "/") || out == "" {
			t.Fatalf("OutputPath(%q) = %q", p, out)
		}
	})
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return true
		}
	}
	return false
}
