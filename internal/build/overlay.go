package build

import (
	"errors"
	"io"
	"io/fs"
	"sort"
)

// Overlay is a file system in which upper's files hide lower's files of the
// same path. It gives "a site's templates/ overrides a default by file name"
// without any special case: the site directory lies over the defaults
// embedded in the binary.
type Overlay struct {
	Upper, Lower fs.FS
}

// Layers lists the layers, the lowest first, for readers that merge
// files rather than take the upper one (interface strings; see
// render.Layered).
func (o Overlay) Layers() []fs.FS {
	var out []fs.FS
	for _, l := range []fs.FS{o.Lower, o.Upper} {
		if lf, ok := l.(interface{ Layers() []fs.FS }); ok {
			out = append(out, lf.Layers()...)
		} else {
			out = append(out, l)
		}
	}
	return out
}

// Open opens name from Upper, or from Lower when Upper lacks it. A
// directory present in both layers opens as their merged listing.
func (o Overlay) Open(name string) (fs.File, error) {
	f, err := o.Upper.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return o.Lower.Open(name)
		}
		return f, err
	}
	fi, err := f.Stat()
	if err != nil || !fi.IsDir() {
		return f, err
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &mergedDir{File: f, entries: entries}, nil
}

// mergedDir is a directory of the upper layer listing both layers' entries.
type mergedDir struct {
	fs.File
	entries []fs.DirEntry
	read    int
}

func (d *mergedDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.read += len(rest)
	return rest, nil
}

// ReadDir merges both layers' entries, Upper's winning, sorted by name.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	up, errUp := fs.ReadDir(o.Upper, name)
	low, errLow := fs.ReadDir(o.Lower, name)
	if errUp != nil && errLow != nil {
		return nil, errUp
	}
	seen := make(map[string]bool, len(up))
	out := append([]fs.DirEntry(nil), up...)
	for _, e := range up {
		seen[e.Name()] = true
	}
	for _, e := range low {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
