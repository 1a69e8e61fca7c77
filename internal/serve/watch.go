package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/r2p-monitor/r2p/internal/source"
)

// watchedDirs are the parts of a site directory that the preview follows.
var watchedDirs = []string{"content", "templates", "static", "i18n"}

// Watcher reports batches of changed files under a site directory. fsnotify
// is not recursive, so every directory is watched on its own and new ones
// are added as they appear; watching directories rather than files keeps
// working when editors save by renaming a temporary file over the original.
type Watcher struct {
	root  string
	fs    *fsnotify.Watcher
	quiet time.Duration
	out   chan []string
	errs  chan error
}

// NewWatcher starts watching root. Batches of site-relative, slash-separated
// paths arrive on Changes once no event has come for quiet.
func NewWatcher(root string, quiet time.Duration) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, fs: fw, quiet: quiet, out: make(chan []string, 1), errs: make(chan error, 16)}
	// The root itself is watched so that content/ or templates/ created
	// after start-up are noticed.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d))
	}
	return w, nil
}

// Changes delivers batches of changed paths.
func (w *Watcher) Changes() <-chan []string { return w.out }

// Errors delivers the watcher's own errors (an overflowing event queue,
// say), which the caller shows rather than drops.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching.
func (w *Watcher) Close() error { return w.fs.Close() }

// addTree watches dir and every directory below it, and returns the files
// found, so that a directory moved into the site counts as changed files.
func (w *Watcher) addTree(dir string) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && source.Ignored(d.Name()) {
				return filepath.SkipDir
			}
			if err := w.fs.Add(p); err != nil {
				w.report(err)
			}
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

// Run collects events until ctx ends. A burst of events (one save often
// makes several; a git checkout makes thousands) becomes one batch once the
// file system has been quiet for w.quiet.
func (w *Watcher) Run(ctx context.Context) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			for _, p := range w.handle(ev) {
				pending[p] = true
			}
			if len(pending) > 0 {
				timer.Reset(w.wait(len(pending)))
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.report(err)
		case <-timer.C:
			w.flush(ctx, pending)
			pending = map[string]bool{}
		case <-ctx.Done():
			return
		}
	}
}

// burst is the number of changed files from which a batch is taken to be a
// checkout, an unpacked archive or a search-and-replace rather than a save.
const burst = 8

// wait is how long the file system must stay quiet before a batch of n
// changes is handed over. A save is a handful of events within a
// millisecond or two, and the author is waiting, so a single save waits
// only w.quiet. A burst of many files (a git checkout) comes with pauses as
// the tool moves between files; waiting ten times longer then keeps it one
// rebuild instead of several.
func (w *Watcher) wait(n int) time.Duration {
	if n >= burst {
		return 10 * w.quiet
	}
	return w.quiet
}

func (w *Watcher) flush(ctx context.Context, pending map[string]bool) {
	batch := make([]string, 0, len(pending))
	for p := range pending {
		batch = append(batch, p)
	}
	sort.Strings(batch)
	select {
	case w.out <- batch:
	case <-ctx.Done():
	}
}

// handle turns one event into the site paths it changes. Chmod alone is
// dropped: editors and backup tools touch modes without changing content,
// and a rebuild for each would be noise.
func (w *Watcher) handle(ev fsnotify.Event) []string {
	if ev.Op == fsnotify.Chmod || source.Ignored(filepath.Base(ev.Name)) {
		return nil
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return nil
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			var out []string
			for _, f := range w.addTree(ev.Name) {
				if r, ok := w.rel(f); ok {
					out = append(out, r)
				}
			}
			return append(out, rel)
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// A directory that went away takes its watch with it on Linux;
		// removing it here as well covers a rename, where the kernel keeps
		// watching the directory under its new name outside our view.
		w.unwatchTree(ev.Name)
	}
	return []string{rel}
}

// unwatchTree drops the watches on dir and every directory below it. After
// a rename the kernel goes on watching those directories under their old
// names, so the new names are watched afresh when their Create arrives.
func (w *Watcher) unwatchTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for _, p := range w.fs.WatchList() {
		if p != dir && !strings.HasPrefix(p, prefix) {
			continue
		}
		if err := w.fs.Remove(p); err != nil && !errors.Is(err, fsnotify.ErrNonExistentWatch) {
			w.report(err)
		}
	}
}

// rel returns the site-relative path of name if it lies in a watched part
// of the site.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	for _, d := range watchedDirs {
		if r == d || strings.HasPrefix(r, d+"/") {
			return r, true
		}
	}
	return "", false
}
