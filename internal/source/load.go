package source

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"go.yaml.in/yaml/v3"
)

// ConfigPath is where a site keeps its settings.
const ConfigPath = "content/site.yaml"

// DataDir holds a site's structured data tables.
const DataDir = "content/data"

// Site is a site directory as read from disk, before any meaning is given
// to it.
type Site struct {
	Config *yaml.Node // content/site.yaml; an empty mapping when absent
	Docs   []*Doc     // content/**/*.md, sorted by path
	Data   []string   // content/data/*.{csv,yaml,yml,json}, sorted
	Assets []string   // every other file under content/, copied as is
}

// Load reads the content of a site from fsys, whose root is the site
// directory. Problems are added to l; what could be read is returned.
func Load(fsys fs.FS, l *diag.List) *Site {
	s := &Site{Config: &yaml.Node{Kind: yaml.MappingNode}}
	if data, err := fs.ReadFile(fsys, ConfigPath); err == nil {
		if data, bad := Normalize(ConfigPath, data); bad != nil {
			l.Append(*bad)
		} else if n := ParseYAML(ConfigPath, data, 0, l); n != nil {
			s.Config = n
		}
	} else if !isNotExist(err) {
		l.Addf(diag.Pos{Path: ConfigPath}, "cannot read: %v", err)
	}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.Addf(diag.Pos{Path: p}, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if d.IsDir() {
			if p != "content" && ignored(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if ignored(d.Name()) || p == ConfigPath {
			return nil
		}
		s.add(fsys, p, l)
		return nil
	})
	if err != nil && !isNotExist(err) {
		l.Addf(diag.Pos{Path: "content"}, "cannot read: %v", err)
	}
	sort.Slice(s.Docs, func(i, j int) bool { return s.Docs[i].Path < s.Docs[j].Path })
	return s
}

func (s *Site) add(fsys fs.FS, p string, l *diag.List) {
	switch {
	case path.Dir(p) == DataDir && isTable(p):
		s.Data = append(s.Data, p)
	case strings.HasSuffix(p, ".md"):
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Addf(diag.Pos{Path: p}, "cannot read: %v", unwrapPath(err))
			return
		}
		if d := ParseDoc(p, data, l); d != nil {
			s.Docs = append(s.Docs, d)
		}
	default:
		s.Assets = append(s.Assets, p)
	}
}

func isTable(p string) bool {
	switch path.Ext(p) {
	case ".csv", ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// ignored reports whether a file name is an editor's or system's by-product
// (swap and backup files, lock files, .DS_Store) or hidden, which a site
// never means to publish.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"),
		strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".tmp"),
		name == "4913", strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}

// Ignored reports whether a file name is skipped by Load; the live preview
// uses it to ignore the same files.
func Ignored(name string) bool { return ignored(name) }

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// unwrapPath drops the path from an fs.PathError, since every message is
// already printed after the file's position.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
