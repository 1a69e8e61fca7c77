package build_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/render"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// buildTo runs a whole build into dest the way `r2p build` does: a Dir
// beside dest, committed only when the build succeeded.
func buildTo(t *testing.T, site fs.FS, dest string) error {
	t.Helper()
	out, err := build.NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(site, r2p.Defaults, build.Options{}, out.Write); err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}

// treeHash lists every file and directory under dir with its mode and, for
// files, a hash of the contents: two equal hashes mean nothing was added,
// removed or changed.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", filepath.ToSlash(rel), info.Mode())
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// leftovers lists what sits beside public/ other than public/ itself and
// the previous output kept for the next build: a temporary directory left
// there would pile up with every build.
func leftovers(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != ".public.prev" {
			out = append(out, e.Name())
		}
	}
	return out
}

func smallSite(t *testing.T) fstest.MapFS {
	return sitetest.ReadArchive(t, "testdata/sites/small.txtar").Site()
}

// A page removed from content/ disappears from public/ at the next build,
// and so do files a previous build wrote that this one does not.
func TestRemovedPageDisappears(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	site := smallSite(t)
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"situations/burundi/index.html", "about/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Fatalf("first build: %v", err)
		}
	}
	// Something a user or an old version left in public/.
	if err := os.WriteFile(filepath.Join(dest, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	delete(site, "content/situations/burundi.md")
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"situations/burundi/index.html", "situations/burundi", "stale.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("public/%s survived the rebuild (stat: %v)", p, err)
		}
	}
	list, err := os.ReadFile(filepath.Join(dest, "situations/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(list), "/situations/burundi/") {
		t.Error("the list page still links the removed brief")
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("left beside public/: %v", l)
	}
}

// A failed build leaves the previous public/ exactly as it was, even
// though it had already written some pages to its temporary directory, and
// leaves no temporary directory behind.
func TestFailedBuildLeavesPublicUntouched(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	site := smallSite(t)
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dest)

	// Valid briefs render (and are written) while a broken one is found.
	site["content/situations/yemen.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Yemen\nstates: [YEM]\nrisk: current-crisis\ndate: 2016-02-30\n---\nBody.\n")}
	site["content/situations/syria.md"].Data = append([]byte(nil), site["content/situations/syria.md"].Data...)
	site["content/situations/syria.md"].Data = append(site["content/situations/syria.md"].Data, "\nA new paragraph.\n"...)
	err := buildTo(t, site, dest)
	if err == nil {
		t.Fatal("build with an impossible date succeeded")
	}
	if after := treeHash(t, dest); after != before {
		t.Errorf("public/ changed after a failed build:\n%s", sitetest.Diff(before, after))
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("left beside public/: %v", l)
	}
}

// Abort with nothing built, and Commit into a destination that does not
// exist yet, both leave a clean parent directory.
func TestDirFirstBuildAndAbort(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d, err := build.NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if l, err := os.ReadDir(parent); err != nil || len(l) != 0 {
		t.Fatalf("after Abort the parent holds %v (%v)", l, err)
	}
	if err := buildTo(t, smallSite(t), dest); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// A static host reads these files as another user: they must be readable.
	if fi.Mode().Perm()&0o044 != 0o044 {
		t.Errorf("index.html has mode %v, want readable by all", fi.Mode())
	}
	if di, err := os.Stat(dest); err != nil || di.Mode().Perm()&0o055 != 0o055 {
		t.Errorf("public/ has mode %v (%v), want readable and searchable by all", di.Mode(), err)
	}
}

// A public/ that is a git worktree (GitHub Pages, say) keeps its .git
// directory across builds, untouched; everything else is replaced.
func TestCommitKeepsGit(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	site := smallSite(t)
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	git := filepath.Join(dest, ".git")
	if err := os.MkdirAll(filepath.Join(git, "refs", "heads"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(git, "HEAD"), []byte("ref: refs/heads/gh-pages\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitBefore := treeHash(t, git)
	if err := buildTo(t, site, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(git); err != nil {
		t.Fatalf(".git did not survive the rebuild: %v", err)
	}
	if after := treeHash(t, git); after != gitBefore {
		t.Errorf(".git changed:\n%s", sitetest.Diff(gitBefore, after))
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("left beside public/: %v", l)
	}
}

// Write refuses a path that would land outside the temporary directory; a
// slug check upstream should make this impossible, and this is the last
// line of defence.
func TestDirWriteStaysInside(t *testing.T) {
	parent := t.TempDir()
	d, err := build.NewDir(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range []string{"../escape.html", "a/../../escape.html"} {
		if err := d.Write(renderFile(p, "x")); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
		t.Error("a file was written outside the output directory")
	}
}

// CheckDest refuses every destination whose replacement would destroy
// something that is not a previous build, and accepts the usual ones.
func TestCheckDest(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	site := filepath.Join(home, "monitor")
	other := filepath.Join(root, "other-site")
	for _, d := range []string{filepath.Join(site, "content"), filepath.Join(other, "content")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(root, "link-to-site")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)

	refused := map[string]string{
		"the site directory":           site,
		"the site, spelt with a dot":   site + "/.",
		"the site through a symlink":   link,
		"a directory holding content/": other,
		"the file system root":         "/",
		"the home directory":           home,
		"a parent of the site":         root,
		// Replacing content/ with the output would wipe every page the
		// author wrote: as destructive as replacing the site itself.
		"the site's content/ directory": filepath.Join(site, "content"),
	}
	for name, dest := range refused {
		t.Run("refuses "+name, func(t *testing.T) {
			err := build.CheckDest(site, dest)
			if !errors.Is(err, build.ErrUnsafeDest) {
				t.Errorf("CheckDest(%s, %s) = %v, want ErrUnsafeDest", site, dest, err)
			}
		})
	}
	accepted := map[string]string{
		"the default public/":    filepath.Join(site, "public"),
		"a sibling directory":    filepath.Join(home, "monitor-out"),
		"a new nested directory": filepath.Join(root, "deploy", "www"),
	}
	for name, dest := range accepted {
		t.Run("accepts "+name, func(t *testing.T) {
			if err := build.CheckDest(site, dest); err != nil {
				t.Errorf("CheckDest(%s, %s) = %v, want nil", site, dest, err)
			}
		})
	}
}

func renderFile(path, data string) render.File { return render.File{Path: path, Data: []byte(data)} }
