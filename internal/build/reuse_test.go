package build_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// The third build reuses the first one's output, kept beside public/: an
// unchanged file is the very same file (same inode, same modification
// time), a changed one has its new bytes, a removed brief is gone, and the
// result equals a build into an empty directory.
func TestRebuildReusesPreviousOutput(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	site := smallSite(t)
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	about := filepath.Join(dest, "about/index.html")
	first, err := os.Stat(about)
	if err != nil {
		t.Fatal(err)
	}
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(parent, ".public.prev", "about/index.html")); err != nil {
		t.Fatalf("the replaced output was not kept: %v", err)
	}

	syria := site["content/situations/syria.md"]
	syria.Data = append(append([]byte(nil), syria.Data...), "\nA paragraph added for the third build.\n"...)
	delete(site, "content/situations/burundi.md")
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	third, err := os.Stat(about)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(first, third) || !first.ModTime().Equal(third.ModTime()) {
		t.Error("an unchanged page was written again instead of kept")
	}
	page, err := os.ReadFile(filepath.Join(dest, "situations/syria/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("A paragraph added for the third build.")) {
		t.Error("the changed brief does not show its edit")
	}
	for _, p := range []string{"situations/burundi/index.html", "situations/burundi"} {
		if _, err := os.Stat(filepath.Join(dest, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("public/%s survived (stat: %v)", p, err)
		}
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if err := buildTo(t, site, fresh); err != nil {
		t.Fatal(err)
	}
	if got, want := treeHash(t, dest), treeHash(t, fresh); got != want {
		t.Errorf("a rebuild differs from a fresh build:\n%s", sitetest.Diff(want, got))
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("left beside public/: %v", l)
	}
}

// A symbolic link in an output (put there by hand or by a deploy tool)
// is never followed when that output is reused: the file outside stays as
// it was and the build writes a regular file in its place.
func TestReuseDoesNotFollowLinks(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := smallSite(t)
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	about := filepath.Join(dest, "about/index.html")
	if err := os.Remove(about); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, about); err != nil {
		t.Fatal(err)
	}
	otherDir := t.TempDir()
	if err := os.Symlink(otherDir, filepath.Join(dest, "situations", "linked")); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second build reuses the output holding the links
		if err := buildTo(t, site, dest); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(outside); err != nil || string(b) != "keep me" {
		t.Fatalf("the file behind the link changed: %q, %v", b, err)
	}
	fi, err := os.Lstat(about)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("about/index.html is %v (%v), want a regular file", fi.Mode(), err)
	}
	if _, err := os.Lstat(filepath.Join(dest, "situations", "linked")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the linked directory survived: %v", err)
	}
	if l, _ := os.ReadDir(otherDir); len(l) != 0 {
		t.Errorf("the build wrote into a linked directory: %v", l)
	}
}

// Two builds into one destination at the same time both succeed and leave
// a complete output: only one of them can claim the kept previous output.
func TestConcurrentBuildsShareNothing(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	site := smallSite(t)
	for range 2 {
		if err := buildTo(t, site, dest); err != nil {
			t.Fatal(err)
		}
	}
	want := treeHash(t, dest)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = buildInto(site, dest)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := treeHash(t, dest); got != want {
		t.Errorf("concurrent builds left a different output:\n%s", sitetest.Diff(want, got))
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("left beside public/: %v", l)
	}
}

// A failed write (here: a directory where the build writes a file) fails
// the commit, and public/ is left as it was.
func TestWriteErrorFailsCommit(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d, err := build.NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write(renderFile("a/index.html", "x")); err != nil {
		t.Fatal(err)
	}
	// a/index.html is a file, so nothing can be written beneath it.
	_ = d.Write(renderFile("a/index.html/b.html", "y"))
	if err := d.Commit(); err == nil {
		t.Fatal("Commit succeeded after a failed write")
	}
	if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("public/ exists after a failed commit: %v", err)
	}
	if l, _ := os.ReadDir(parent); len(l) != 0 {
		t.Errorf("left beside public/: %v", l)
	}
}

// buildInto is buildTo for a goroutine: it returns instead of failing t.
func buildInto(site fstest.MapFS, dest string) error {
	out, err := build.NewDir(dest)
	if err != nil {
		return err
	}
	if _, err := build.Run(site, r2p.Defaults, build.Options{}, out.Write); err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}
