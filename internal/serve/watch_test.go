package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The watcher is tested against the real file system and real fsnotify,
// writing files the way editors and tools do, because each of them produces
// a different sequence of events and the bugs live in those sequences.

// waitBatch returns the next batch of changes, failing after a few seconds.
func waitBatch(t *testing.T, w *Watcher) []string {
	t.Helper()
	select {
	case b := <-w.Changes():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
	}
	return nil
}

// noBatch fails if a batch arrives within d: used after a burst to prove it
// was reported once, and for events that must not be reported at all.
func noBatch(t *testing.T, w *Watcher, d time.Duration) {
	t.Helper()
	select {
	case b := <-w.Changes():
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(d):
	}
}

// collect gathers batches until every path in want has been reported,
// failing after a few seconds with what was seen. It returns the batches.
func collect(t *testing.T, w *Watcher, want ...string) [][]string {
	t.Helper()
	missing := map[string]bool{}
	for _, p := range want {
		missing[p] = true
	}
	var batches [][]string
	deadline := time.After(5 * time.Second)
	for len(missing) > 0 {
		select {
		case b := <-w.Changes():
			batches = append(batches, b)
			for _, p := range b {
				delete(missing, p)
			}
		case <-deadline:
			t.Fatalf("never reported %v; batches were %v", keys(missing), batches)
		}
	}
	return batches
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// noErrors fails if the watcher reported errors of its own: a directory
// that came and went is ordinary, and must not show up as a watch error in
// the author's terminal.
func noErrors(t *testing.T, w *Watcher) {
	t.Helper()
	for {
		select {
		case err := <-w.Errors():
			t.Errorf("watch error: %v", err)
		default:
			return
		}
	}
}

func newTestWatcher(t *testing.T) (string, *Watcher) {
	t.Helper()
	return startWatcher(t, t.TempDir(), 20*time.Millisecond, "content/situations")
}

// startWatcher creates dirs under dir, then watches dir with the given
// quiet period until the test ends.
func startWatcher(t *testing.T, dir string, quiet time.Duration, dirs ...string) (string, *Watcher) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := NewWatcher(dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done; w.Close() })
	return dir, w
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWatcherSeesWrite(t *testing.T) {
	dir, w := newTestWatcher(t)
	write(t, filepath.Join(dir, "content", "situations", "a.md"), "x")
	if got := waitBatch(t, w); !slices.Contains(got, "content/situations/a.md") {
		t.Fatalf("batch %v lacks the written file", got)
	}
}

// Vim (backupcopy=no), JetBrains "safe write", VS Code on some platforms and
// every atomic-write library save by writing a temporary file and renaming
// it over the original. A watch on the file itself would die with the old
// inode; watching the directory keeps seeing later saves.
func TestWatcherAtomicRenameOver(t *testing.T) {
	dir, w := newTestWatcher(t)
	target := filepath.Join(dir, "content", "situations", "a.md")
	write(t, target, "v0")
	collect(t, w, "content/situations/a.md")

	for i := range 3 {
		tmp := filepath.Join(dir, "content", "situations", fmt.Sprintf(".a.md.%d.tmp", i))
		write(t, tmp, fmt.Sprintf("v%d", i+1))
		must(t, os.Rename(tmp, target))
		got := waitBatch(t, w)
		if !slices.Equal(got, []string{"content/situations/a.md"}) {
			t.Fatalf("save %d: batch %v, want just the target (the hidden temp file is no page)", i, got)
		}
	}
	noErrors(t, w)
}

// JetBrains IDEs write name___jb_tmp___, move the original to
// name___jb_old___, move the temporary file into place and delete the old
// one: four steps, one save, and only the real name matters.
func TestWatcherJetBrainsSafeWrite(t *testing.T) {
	dir, w := newTestWatcher(t)
	d := filepath.Join(dir, "content", "situations")
	target := filepath.Join(d, "a.md")
	write(t, target, "v0")
	collect(t, w, "content/situations/a.md")

	write(t, target+"___jb_tmp___", "v1")
	must(t, os.Rename(target, target+"___jb_old___"))
	must(t, os.Rename(target+"___jb_tmp___", target))
	must(t, os.Remove(target+"___jb_old___"))
	if got := waitBatch(t, w); !slices.Equal(got, []string{"content/situations/a.md"}) {
		t.Fatalf("batch %v, want only content/situations/a.md", got)
	}
	noBatch(t, w, 100*time.Millisecond)
}

// Some tools delete a file and create it again. Both events belong to one
// save and must arrive as one batch naming the file once.
func TestWatcherDeleteThenCreate(t *testing.T) {
	dir, w := newTestWatcher(t)
	target := filepath.Join(dir, "content", "situations", "a.md")
	write(t, target, "v0")
	collect(t, w, "content/situations/a.md")

	must(t, os.Remove(target))
	write(t, target, "v1")
	if got := waitBatch(t, w); !slices.Equal(got, []string{"content/situations/a.md"}) {
		t.Fatalf("batch %v, want only content/situations/a.md", got)
	}
	noBatch(t, w, 100*time.Millisecond)
}

// One save is often several events (truncate, a write per buffer, a
// chmod, a close): they must make one rebuild, not several.
func TestWatcherOneSaveOneBatch(t *testing.T) {
	dir, w := startWatcher(t, t.TempDir(), 50*time.Millisecond, "content/situations")
	target := filepath.Join(dir, "content", "situations", "a.md")
	write(t, target, "v0")
	collect(t, w, "content/situations/a.md")

	f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0o644)
	must(t, err)
	for _, chunk := range []string{"---\n", "title: A\n", "---\n", "Body.\n"} {
		if _, err := f.WriteString(chunk); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond) // a buffered writer's pace, well inside the quiet period
	}
	must(t, f.Chmod(0o600))
	must(t, f.Close())

	if got := waitBatch(t, w); !slices.Equal(got, []string{"content/situations/a.md"}) {
		t.Fatalf("batch %v, want only content/situations/a.md", got)
	}
	noBatch(t, w, 100*time.Millisecond)
}

// A git checkout or a branch switch rewrites a thousand briefs at once
// (unlink and create, as git does). That must become one rebuild; a rebuild
// per file, or per quiet gap of a slow disk, would keep the preview busy
// for minutes.
func TestWatcherBurstIsOneBatch(t *testing.T) {
	const n = 1000
	dir := t.TempDir()
	d := filepath.Join(dir, "content", "situations")
	must(t, os.MkdirAll(d, 0o755))
	want := make([]string, 0, n+1)
	for i := range n {
		write(t, filepath.Join(d, fmt.Sprintf("b%04d.md", i)), "old")
		want = append(want, fmt.Sprintf("content/situations/b%04d.md", i))
	}
	// The quiet period is longer than the server's 10 ms so that the
	// race detector's slowdown does not split a burst; the watcher must
	// still reset it on every event rather than flush a fixed time after
	// the first one, which is what this test catches.
	_, w := startWatcher(t, dir, 100*time.Millisecond)

	start := time.Now()
	for i := range n {
		p := filepath.Join(d, fmt.Sprintf("b%04d.md", i))
		must(t, os.Remove(p))
		write(t, p, fmt.Sprintf("new %d", i))
	}
	// A checkout also brings new directories.
	write(t, filepath.Join(d, "new", "c.md"), "new")
	want = append(want, "content/situations/new", "content/situations/new/c.md")
	took := time.Since(start)

	batches := collect(t, w, want...)
	noBatch(t, w, 300*time.Millisecond)
	if len(batches) != 1 {
		sizes := make([]int, len(batches))
		for i, b := range batches {
			sizes[i] = len(b)
		}
		t.Fatalf("%d files written in %s arrived in %d batches of sizes %v, want one", n, took, len(batches), sizes)
	}
	if got := batches[0]; len(got) != len(want) {
		t.Errorf("batch has %d paths, want %d (each changed file once)", len(got), len(want))
	}
	noErrors(t, w)
}

// Directories made while the preview runs are watched: files created in
// them at once (before the watch can exist) and files created later are
// both reported, at any depth. content/ itself may appear late too, in a
// site started from templates only.
func TestWatcherNewDirectories(t *testing.T) {
	dir, w := startWatcher(t, t.TempDir(), 20*time.Millisecond, "templates")

	// Created together with the directories, faster than any watch.
	write(t, filepath.Join(dir, "content", "situations", "early.md"), "x")
	write(t, filepath.Join(dir, "content", "reports", "2024", "deep.md"), "x")
	collect(t, w, "content/situations/early.md", "content/reports/2024/deep.md")

	// Created later, inside directories that only exist since start-up:
	// reported only if those directories are now watched.
	write(t, filepath.Join(dir, "content", "situations", "late.md"), "x")
	write(t, filepath.Join(dir, "content", "reports", "2024", "late.md"), "x")
	collect(t, w, "content/situations/late.md", "content/reports/2024/late.md")

	// A directory with files moved in from outside the site counts as
	// those files having changed.
	outside := t.TempDir()
	write(t, filepath.Join(outside, "moved", "m.md"), "x")
	must(t, os.Rename(filepath.Join(outside, "moved"), filepath.Join(dir, "content", "moved")))
	collect(t, w, "content/moved/m.md")
	write(t, filepath.Join(dir, "content", "moved", "after.md"), "x")
	collect(t, w, "content/moved/after.md")
	noErrors(t, w)
}

// A directory renamed while the preview runs: its files appear under the
// new name, files written into it afterwards (at any depth) are reported
// under the new name, and nothing is reported under the old name any more.
func TestWatcherRenamedDirectory(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "old", "a.md"), "x")
	write(t, filepath.Join(dir, "content", "old", "sub", "b.md"), "x")
	_, w := startWatcher(t, dir, 20*time.Millisecond)

	must(t, os.Rename(filepath.Join(dir, "content", "old"), filepath.Join(dir, "content", "new")))
	collect(t, w, "content/old", "content/new/a.md", "content/new/sub/b.md")

	write(t, filepath.Join(dir, "content", "new", "c.md"), "x")
	write(t, filepath.Join(dir, "content", "new", "sub", "d.md"), "x")
	batches := collect(t, w, "content/new/c.md", "content/new/sub/d.md")
	for _, b := range batches {
		for _, p := range b {
			if strings.HasPrefix(p, "content/old/") {
				t.Errorf("after the rename, %s was reported under the directory's old name (batch %v)", p, b)
			}
		}
	}
	noErrors(t, w)
}

// A directory removed (rm -r) while the preview runs, and made again with
// the same name: removal is reported, the new directory is watched, and the
// kernel dropping the old watches is not a watch error.
func TestWatcherRemovedDirectory(t *testing.T) {
	dir, w := newTestWatcher(t)
	d := filepath.Join(dir, "content", "situations", "group")
	for i := range 5 {
		write(t, filepath.Join(d, "a.md"), "x")
		write(t, filepath.Join(d, "sub", "b.md"), "x")
		collect(t, w, "content/situations/group/a.md", "content/situations/group/sub/b.md")

		must(t, os.RemoveAll(d))
		collect(t, w, "content/situations/group")
		noErrors(t, w)
		if t.Failed() {
			t.Fatalf("round %d", i)
		}
	}
	write(t, filepath.Join(d, "sub", "again.md"), "x")
	collect(t, w, "content/situations/group/sub/again.md")
	noErrors(t, w)
}

// Swap, backup and lock files of vim, emacs and JetBrains IDEs (and vim's
// 4913 probe) are not site files: writing them must not rebuild. A real
// file written after them proves the watcher was listening.
func TestWatcherIgnoresEditorFiles(t *testing.T) {
	dir, w := newTestWatcher(t)
	d := filepath.Join(dir, "content", "situations")
	for _, name := range []string{".a.md.swp", ".a.md.swx", "a.md~", "4913", "#a.md#", "a.md___jb_tmp___", "a.md___jb_old___", ".DS_Store"} {
		write(t, filepath.Join(d, name), "junk")
	}
	// Emacs marks a file it is editing with a dangling symlink .#name.
	must(t, os.Symlink("user@host.1234:1700000000", filepath.Join(d, ".#a.md")))
	time.Sleep(30 * time.Millisecond)
	write(t, filepath.Join(d, "real.md"), "x")
	for _, b := range collect(t, w, "content/situations/real.md") {
		if !slices.Equal(b, []string{"content/situations/real.md"}) {
			t.Errorf("batch %v reports editor files", b)
		}
	}
	// Removing them is not a change either.
	for _, name := range []string{".a.md.swp", "a.md~", "4913", ".#a.md"} {
		must(t, os.Remove(filepath.Join(d, name)))
	}
	noBatch(t, w, 150*time.Millisecond)
}

// A mode or time change alone (chmod, touch -m by a backup tool, an editor
// restoring permissions) changes no content and must not rebuild.
func TestWatcherIgnoresChmod(t *testing.T) {
	dir, w := newTestWatcher(t)
	p := filepath.Join(dir, "content", "situations", "a.md")
	write(t, p, "x")
	collect(t, w, "content/situations/a.md")

	must(t, os.Chmod(p, 0o600))
	must(t, os.Chmod(p, 0o644))
	when := time.Now().Add(-time.Hour)
	must(t, os.Chtimes(p, when, when))
	noBatch(t, w, 150*time.Millisecond)

	// Still listening.
	write(t, p, "y")
	collect(t, w, "content/situations/a.md")
}

// Files outside content/, templates/, static/ and i18n/ (public/ above
// all, which `r2p build` writes into the same directory) are no input.
func TestWatcherIgnoresOutsideSite(t *testing.T) {
	dir, w := newTestWatcher(t)
	write(t, filepath.Join(dir, "public", "index.html"), "x")
	write(t, filepath.Join(dir, "notes.txt"), "x")
	write(t, filepath.Join(dir, "templates", "base.html"), "x")
	for _, b := range collect(t, w, "templates/base.html") {
		for _, p := range b {
			if p != "templates" && !strings.HasPrefix(p, "templates/") {
				t.Errorf("reported %s, which is not a site input", p)
			}
		}
	}
}
