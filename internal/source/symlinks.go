package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// LinkedDirs are the directories of a site whose files reach public/ or
// shape it, and so must not be able to reach outside the site.
var LinkedDirs = []string{"content", "static", "templates", "i18n"}

// CheckLinks inspects the site directory dir on disk, before anything is
// read through os.DirFS, and reports every entry of LinkedDirs that a build
// must refuse:
//
//   - a symbolic link that points outside the site: through it a site
//     (an archive a contributor sent, say) could publish /etc/passwd or a
//     private key from the machine that builds it;
//   - a symbolic link that loops, or that points nowhere;
//   - a file that is not a regular file or a directory (a named pipe, a
//     device), which reading would block on forever or never finish.
//
// os.DirFS follows symbolic links without telling, and fs.FS has no
// Lstat, so this works on the real directory and must be called by the
// commands that read one, before they build. Links that stay inside the
// site are allowed: a shared image linked into two sections is fine.
func CheckLinks(dir string, l *diag.List) {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return // the caller reports a missing site directory
	}
	if root, err = filepath.Abs(root); err != nil {
		return
	}
	for _, sub := range LinkedDirs {
		top := filepath.Join(dir, sub)
		if _, err := os.Lstat(top); err != nil {
			continue
		}
		_ = filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			rel := siteRel(dir, p)
			if err != nil {
				l.Addf(diag.Pos{Path: rel}, "cannot read: %v", unwrapPath(err))
				return nil
			}
			if d.IsDir() && p != top && ignored(d.Name()) {
				return fs.SkipDir // Load skips it too
			}
			checkEntry(root, p, rel, d.Type(), l)
			return nil
		})
	}
}

// checkEntry reports one entry of the walk. WalkDir does not follow
// symbolic links, so a link to a directory is seen once, here, and never
// descended into: a loop cannot make the walk run forever.
func checkEntry(root, p, rel string, mode fs.FileMode, l *diag.List) {
	pos := diag.Pos{Path: rel}
	switch {
	case mode&fs.ModeSymlink != 0:
		checkSymlink(root, p, pos, l)
	case mode&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0:
		l.Addf(pos, "not a regular file (%v); a site holds only files and directories", mode.Type())
	}
}

func checkSymlink(root, p string, pos diag.Pos, l *diag.List) {
	target, _ := os.Readlink(p)
	real, err := filepath.EvalSymlinks(p)
	switch {
	case errors.Is(err, syscall.ELOOP) || isLoop(err):
		l.Addf(pos, "symbolic link loop (%s -> %s); it is not followed: replace the link by the file it should name", pos.Path, target)
		return
	case err != nil:
		l.Addf(pos, "symbolic link to %s, which does not exist", target)
		return
	}
	if real, err = filepath.Abs(real); err != nil || !within(real, root) {
		l.Addf(pos, "symbolic link points outside the site (to %s); copy the file into the site instead", real)
		return
	}
	fi, err := os.Stat(real)
	if err != nil {
		l.Addf(pos, "cannot read: %v", unwrapPath(err))
		return
	}
	// A link to a directory that holds the link is a loop for any tool
	// that follows links (cp -L, rsync -L, a future walker of ours).
	if parent, err := filepath.EvalSymlinks(filepath.Dir(p)); fi.IsDir() && err == nil && within(parent, real) {
		l.Addf(pos, "symbolic link loop (%s -> %s): it points to a directory that contains it", pos.Path, target)
		return
	}
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		l.Addf(pos, "symbolic link to %s, which is not a regular file (%v)", target, fi.Mode().Type())
	}
}

// isLoop recognises the loop error on systems where EvalSymlinks reports
// it in its own words rather than as ELOOP.
func isLoop(err error) bool {
	return err != nil && strings.Contains(err.Error(), "too many links")
}

func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// siteRel is p relative to the site directory, slash-separated, as every
// position is written.
func siteRel(dir, p string) string {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}
