package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// Each entry a build must refuse is reported at its own path, and the
// links that stay inside the site pass.
func TestCheckLinks(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	write(t, secret, "private key")
	site := t.TempDir()
	write(t, filepath.Join(site, "content/about.md"), "---\ntitle: About\n---\n")
	write(t, filepath.Join(site, "static/css/shared.css"), "p{}")
	link(t, secret, filepath.Join(site, "content/leak.txt"))
	link(t, outside, filepath.Join(site, "static/outside"))
	link(t, "../../../"+filepath.Base(outside)+"/secret.txt", filepath.Join(site, "static/css/relative-leak.txt"))
	link(t, "loop-b", filepath.Join(site, "content/loop-a"))
	link(t, "loop-a", filepath.Join(site, "content/loop-b"))
	link(t, "self", filepath.Join(site, "templates/self"))
	link(t, "missing.png", filepath.Join(site, "content/dangling.png"))
	link(t, "../static/css/shared.css", filepath.Join(site, "content/shared.css")) // inside: allowed
	link(t, "../static", filepath.Join(site, "content/static-again"))              // inside: allowed, not descended
	if err := syscall.Mkfifo(filepath.Join(site, "content/pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A link to the site itself would be a loop for a walker that
	// followed links; this one must not follow it, and reports it.
	link(t, "..", filepath.Join(site, "content/up"))

	var l diag.List
	done := make(chan struct{})
	go func() { CheckLinks(site, &l); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("CheckLinks did not return in 10s: it followed a loop")
	}
	got := l.Err().Error()
	for _, want := range []string{
		"content/dangling.png: symbolic link to missing.png, which does not exist",
		"content/leak.txt: symbolic link points outside the site (to " + realPath(t, secret) + ")",
		"content/loop-a: symbolic link loop (content/loop-a -> loop-b)",
		"content/loop-b: symbolic link loop",
		"content/pipe.md: not a regular file",
		"static/css/relative-leak.txt: symbolic link points outside the site",
		"static/outside: symbolic link points outside the site",
		"templates/self: symbolic link loop",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	for _, ok := range []string{"content/shared.css", "content/static-again", "content/about.md"} {
		if strings.Contains(got, ok+":") {
			t.Errorf("%s is inside the site but was reported:\n%s", ok, got)
		}
	}
	// content/up points at the site itself, which holds the link.
	if !strings.Contains(got, "content/up: symbolic link loop (content/up -> ..): it points to a directory that contains it") {
		t.Errorf("content/up (-> ..) not reported:\n%s", got)
	}
	if n := l.Len(); n != 9 {
		t.Errorf("%d problems, want 9:\n%s", n, got)
	}
}

// A site reached through a symbolic link is judged by where it really is.
func TestCheckLinksSiteIsALink(t *testing.T) {
	real := t.TempDir()
	write(t, filepath.Join(real, "content/a.md"), "x")
	link(t, "a.md", filepath.Join(real, "content/b.md"))
	via := filepath.Join(t.TempDir(), "site")
	link(t, real, via)
	var l diag.List
	CheckLinks(via, &l)
	if l.Len() != 0 {
		t.Fatalf("links inside a linked site reported: %v", l.Err())
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

func realPath(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
