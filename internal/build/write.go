package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/r2p-monitor/r2p/internal/render"
)

// Dir writes a build into a working directory beside its destination and
// swaps it in, so that public/ is either the previous output or the new
// one, never a mixture. On a failed build Abort puts the working directory
// away and public/ stays exactly as it was.
//
// The output a build replaces is not deleted: it is kept beside the
// destination (public/ -> .public.prev) and becomes the next build's
// working directory. A file whose bytes have not changed is then left as
// it is, a changed one is overwritten in place, and files the new build
// does not make are removed before the swap. Creating and deleting tens of
// thousands of files is what costs most on many file systems, and a
// rebuild then costs the files that changed; unchanged files also keep
// their modification times, so rsync-style deploys skip them.
//
// Files are written by a few goroutines of their own, so that rendering
// goes on while the file system is busy.
type Dir struct {
	dest   string
	tmp    string
	reused bool // tmp is a previous output, not a fresh directory

	mu      sync.Mutex
	made    map[string]bool // directories known to exist under tmp
	oldFile map[string]bool // regular files tmp held when the build began
	oldDirs []string        // directories tmp held when the build began
	wrote   map[string]bool // files this build wrote or kept
	failed  error

	claimed chan struct{} // closed once claimPrevious has run
	queue   chan render.File
	wg      sync.WaitGroup
	once    sync.Once
}

// writers is how many goroutines write files. Most of a write is waiting
// on the file system, so more than the number of cores pays.
const writers = 8

// prevName is the name of the kept previous output beside dest.
func prevName(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".prev")
}

// NewDir prepares a working directory for dest: the kept previous output
// when there is one, a fresh temporary directory otherwise.
func NewDir(dest string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("creating a temporary directory beside %s: %w", dest, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	d := &Dir{dest: dest, tmp: tmp, made: map[string]bool{tmp: true}, wrote: map[string]bool{}, claimed: make(chan struct{})}
	// Listing a previous output of ten thousand pages takes a tenth of a
	// second, which passes while the build reads the site: the writers
	// wait for it, and nothing is written before pages are rendered.
	go func() {
		defer close(d.claimed)
		d.claimPrevious()
	}()
	d.queue = make(chan render.File, 4*writers)
	for range writers {
		d.wg.Add(1)
		go d.writer()
	}
	return d, nil
}

// claimPrevious takes the kept previous output as the working directory.
// Renaming it claims it atomically: a second build running at the same
// time finds nothing to claim and starts from its fresh directory. A
// previous output is not reused if it holds a .git directory, nor if it
// cannot be listed.
func (d *Dir) claimPrevious() {
	prev := prevName(d.dest)
	if _, err := os.Lstat(filepath.Join(prev, ".git")); err == nil {
		return
	}
	claimed := d.tmp + ".reuse"
	if err := os.Rename(prev, claimed); err != nil {
		return
	}
	if err := d.scan(claimed); err != nil {
		_ = os.RemoveAll(claimed)
		d.oldFile, d.oldDirs = nil, nil
		d.made = map[string]bool{d.tmp: true}
		return
	}
	if err := os.Remove(d.tmp); err != nil {
		_ = os.RemoveAll(claimed)
		return
	}
	if err := os.Rename(claimed, d.tmp); err != nil {
		_ = os.RemoveAll(claimed)
		_ = os.Mkdir(d.tmp, 0o755)
		d.oldFile, d.oldDirs = nil, nil
		d.made = map[string]bool{d.tmp: true}
		return
	}
	d.reused = true
}

// scan lists the regular files and directories of a previous output
// (recorded under the names they will have once it is renamed to tmp),
// and removes anything else, such as a symbolic link: a write must never
// follow one out of the output.
func (d *Dir) scan(root string) error {
	d.oldFile = map[string]bool{}
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := filepath.Join(d.tmp, strings.TrimPrefix(p, root))
		switch {
		case e.IsDir():
			d.made[name] = true
			if p != root {
				d.oldDirs = append(d.oldDirs, name)
			}
		case e.Type().IsRegular():
			d.oldFile[name] = true
		default:
			return os.Remove(p)
		}
		return nil
	})
}

// Write queues one file; it is safe to call from several goroutines. An
// error from an earlier write is returned by a later call and by Commit.
func (d *Dir) Write(f render.File) error {
	name := filepath.Join(d.tmp, filepath.FromSlash(f.Path))
	if !strings.HasPrefix(name, d.tmp+string(filepath.Separator)) {
		return fmt.Errorf("refusing to write %q outside the output directory", f.Path)
	}
	if err := d.err(); err != nil {
		return err
	}
	d.queue <- f
	return nil
}

func (d *Dir) writer() {
	defer d.wg.Done()
	<-d.claimed
	for f := range d.queue {
		if d.err() != nil {
			continue
		}
		if err := d.store(f); err != nil {
			d.mu.Lock()
			if d.failed == nil {
				d.failed = fmt.Errorf("writing %s: %w", f.Path, err)
			}
			d.mu.Unlock()
		}
	}
}

func (d *Dir) err() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.failed
}

// store writes one file, leaving a previous file with the same bytes
// untouched and overwriting a different one in place. The file's bytes
// are not needed after.
func (d *Dir) store(f render.File) error {
	defer render.Recycle(f)
	name := filepath.Join(d.tmp, filepath.FromSlash(f.Path))
	if err := d.mkdir(filepath.Dir(name)); err != nil {
		return err
	}
	d.mu.Lock()
	d.wrote[name] = true
	old := d.oldFile[name]
	d.mu.Unlock()
	if !old {
		return os.WriteFile(name, f.Data, 0o644)
	}
	return overwrite(name, f.Data)
}

// overwrite makes the file at name hold data, reading it first: an
// unchanged file is not written at all.
func overwrite(name string, data []byte) error {
	fh, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return os.WriteFile(name, data, 0o644)
	}
	same, err := holds(fh, data)
	if err == nil && !same {
		if _, err = fh.WriteAt(data, 0); err == nil {
			err = fh.Truncate(int64(len(data)))
		}
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}

// holds reports whether the open file's contents are exactly data. It
// reads in pieces through a pooled buffer: a whole-file copy for every
// page would double what a rebuild allocates.
func holds(fh *os.File, data []byte) (bool, error) {
	fi, err := fh.Stat()
	if err != nil || fi.Size() != int64(len(data)) {
		return false, err
	}
	bp := chunkPool.Get().(*[]byte)
	defer chunkPool.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := io.ReadFull(fh, buf[:min(len(buf), len(data))])
		if err != nil {
			return false, err
		}
		if !bytes.Equal(buf[:n], data[:n]) {
			return false, nil
		}
		data = data[n:]
	}
	return true, nil
}

var chunkPool = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// mkdir makes dir and its parents, once. The lock is not held while the
// directories are made: on a first build every page makes its own, and
// the writers would otherwise wait on each other's system calls.
// MkdirAll tolerates a directory made meanwhile by another writer.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if made {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.mu.Lock()
	for p := dir; !d.made[p]; p = filepath.Dir(p) {
		d.made[p] = true
	}
	d.mu.Unlock()
	return nil
}

// wait stops the writers and returns the first error they met.
func (d *Dir) wait() error {
	d.once.Do(func() {
		close(d.queue)
		d.wg.Wait()
	})
	return d.err()
}

// prune removes what a reused previous output holds that this build did
// not write: stale files first, then the directories left empty, deepest
// first.
func (d *Dir) prune() error {
	for name := range d.oldFile {
		if !d.wrote[name] {
			if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	used := map[string]bool{}
	for name := range d.wrote {
		for p := filepath.Dir(name); p != d.tmp && !used[p]; p = filepath.Dir(p) {
			used[p] = true
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(d.oldDirs)))
	for _, dir := range d.oldDirs {
		if !used[dir] {
			if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// Commit replaces dest with the new output and keeps the replaced one for
// the next build. A .git directory in the old output (a GitHub Pages
// worktree, say) is carried over to the new one.
func (d *Dir) Commit() error {
	if err := d.wait(); err != nil {
		d.Abort()
		return err
	}
	if d.reused {
		if err := d.prune(); err != nil {
			d.Abort()
			return fmt.Errorf("removing stale files: %w", err)
		}
	}
	old := ""
	if _, err := os.Lstat(d.dest); err == nil {
		old = d.tmp + ".old"
		if err := swap(d.dest, d.tmp, old); err != nil {
			d.Abort()
			return err
		}
	} else if err := os.Rename(d.tmp, d.dest); err != nil {
		d.Abort()
		return fmt.Errorf("moving the new output into %s: %w", d.dest, err)
	}
	if old == "" {
		return nil
	}
	if _, err := os.Stat(filepath.Join(old, ".git")); err == nil {
		if err := os.Rename(filepath.Join(old, ".git"), filepath.Join(d.dest, ".git")); err != nil {
			return fmt.Errorf("keeping %s/.git: %w", d.dest, err)
		}
	}
	return keep(old, prevName(d.dest))
}

// swap moves the new output at tmp into dest and the previous output to
// old: in one atomic step where the system can exchange two names, else
// in two renames, putting dest back if the second fails.
func swap(dest, tmp, old string) error {
	if exchange(tmp, dest) == nil {
		return os.Rename(tmp, old)
	}
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("moving the previous %s aside: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		return fmt.Errorf("moving the new output into %s: %w", dest, err)
	}
	return nil
}

// keep stores a replaced output as the next build's working directory, or
// removes it when another build has already kept one.
func keep(old, prev string) error {
	if err := os.Rename(old, prev); err == nil {
		return nil
	}
	return os.RemoveAll(old)
}

// Abort stops the writers and puts the working directory away: a fresh
// one is removed, a reused previous output is kept for the next build
// (every file in it is compared before reuse, so a half-written one does
// no harm).
func (d *Dir) Abort() {
	_ = d.wait()
	if d.reused {
		if keep(d.tmp, prevName(d.dest)) == nil {
			return
		}
	}
	_ = os.RemoveAll(d.tmp)
}

// ErrUnsafeDest is returned for a destination that replacing would destroy
// something that is not a previous build.
var ErrUnsafeDest = errors.New("unsafe destination")

// CheckDest refuses destinations that replacing would damage: the site
// directory itself or one of its parents, the site's input directories and
// anything inside them, a directory holding content/, the file system root
// and the home directory.
func CheckDest(site, dest string) error {
	siteAbs, err := filepath.Abs(site)
	if err != nil {
		return err
	}
	destAbs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	siteAbs, destAbs = realPath(siteAbs), realPath(destAbs)
	home, _ := os.UserHomeDir()
	switch {
	case destAbs == filepath.Dir(destAbs):
		return fmt.Errorf("%w: %s is the root of the file system", ErrUnsafeDest, dest)
	case home != "" && destAbs == realPath(home):
		return fmt.Errorf("%w: %s is the home directory", ErrUnsafeDest, dest)
	case destAbs == siteAbs:
		return fmt.Errorf("%w: %s is the site directory", ErrUnsafeDest, dest)
	case within(siteAbs, destAbs):
		return fmt.Errorf("%w: %s contains the site directory %s", ErrUnsafeDest, dest, site)
	}
	for _, in := range []string{"content", "templates", "static", "i18n"} {
		if d := filepath.Join(siteAbs, in); destAbs == d || within(destAbs, d) {
			return fmt.Errorf("%w: %s is inside the site's %s/ directory, which the build reads", ErrUnsafeDest, dest, in)
		}
	}
	if fi, err := os.Stat(filepath.Join(destAbs, "content")); err == nil && fi.IsDir() {
		return fmt.Errorf("%w: %s holds a content/ directory, so it looks like a site, not its output", ErrUnsafeDest, dest)
	}
	return nil
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath resolves symbolic links in as much of p as exists, so that two
// names for one directory compare equal.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	dir, base := filepath.Split(p)
	if dir == p || dir == "" {
		return p
	}
	return filepath.Join(realPath(filepath.Clean(dir)), base)
}
