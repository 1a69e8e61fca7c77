package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/r2p-monitor/r2p/internal/render"
)

// Dir writes a build into a temporary directory beside its destination and
// swaps it in by renaming, so that public/ is either the previous output or
// the new one, never a mixture. On a failed build Abort removes the
// temporary directory and public/ stays exactly as it was.
type Dir struct {
	dest string
	tmp  string
	mu   sync.Mutex
	made map[string]bool // directories already created under tmp
}

// NewDir prepares a temporary directory for dest.
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
	return &Dir{dest: dest, tmp: tmp, made: map[string]bool{tmp: true}}, nil
}

// Write stores one file; it is safe to call from several goroutines.
func (d *Dir) Write(f render.File) error {
	name := filepath.Join(d.tmp, filepath.FromSlash(f.Path))
	if !strings.HasPrefix(name, d.tmp+string(filepath.Separator)) {
		return fmt.Errorf("refusing to write %q outside the output directory", f.Path)
	}
	if err := d.mkdir(filepath.Dir(name)); err != nil {
		return err
	}
	return os.WriteFile(name, f.Data, 0o644)
}

func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.made[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for ; !d.made[dir]; dir = filepath.Dir(dir) {
		d.made[dir] = true
	}
	return nil
}

// Commit replaces dest with the new output. A .git directory in the old
// output (a GitHub Pages worktree, say) is carried over to the new one.
func (d *Dir) Commit() error {
	old := ""
	if _, err := os.Lstat(d.dest); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.dest, old); err != nil {
			d.Abort()
			return fmt.Errorf("moving the previous %s aside: %w", d.dest, err)
		}
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest)
		}
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
	return os.RemoveAll(old)
}

// Abort removes the temporary directory.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }

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
