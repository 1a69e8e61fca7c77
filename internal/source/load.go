package source

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

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
	Tables []*Table   // the same files read as tables, in the same order
	Assets []string   // every other file under content/, copied as is
}

// Load reads the content of a site from fsys, whose root is the site
// directory. Problems are added to l; what could be read is returned.
func Load(fsys fs.FS, l *diag.List) *Site { return LoadCached(fsys, l, nil) }

// LoadCached is Load reusing the Markdown files that cache already holds;
// a nil cache reads everything.
func LoadCached(fsys fs.FS, l *diag.List, cache *Cache) *Site {
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
	var docs []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// A site with no content/ yet is an empty site, not an error.
			if p != "content" || !isNotExist(err) {
				l.Addf(diag.Pos{Path: p}, "cannot read: %v", unwrapPath(err))
			}
			return nil
		}
		if d.IsDir() {
			if p != "content" && ignored(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case ignored(d.Name()) || p == ConfigPath:
		case path.Dir(p) == DataDir && isTable(p):
			s.Data = append(s.Data, p)
		case strings.HasSuffix(p, ".md"):
			docs = append(docs, p)
		default:
			s.Assets = append(s.Assets, p)
		}
		return nil
	})
	if err != nil && !isNotExist(err) {
		l.Addf(diag.Pos{Path: "content"}, "cannot read: %v", err)
	}
	s.Docs = readDocs(fsys, docs, l, cache)
	s.Tables = readTables(fsys, s.Data, l, cache)
	sort.Slice(s.Docs, func(i, j int) bool { return s.Docs[i].Path < s.Docs[j].Path })
	return s
}

// readDocs reads and splits Markdown files on all cores: at ten thousand
// briefs, reading and decoding front matter one file at a time would be a
// noticeable share of a build.
func readDocs(fsys fs.FS, paths []string, l *diag.List, cache *Cache) []*Doc {
	out := make([]*Doc, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(paths); i = int(next.Add(1) - 1) {
				if d := cache.doc(paths[i]); d != nil {
					out[i] = d
					continue
				}
				data, err := fs.ReadFile(fsys, paths[i])
				if err != nil {
					l.Addf(diag.Pos{Path: paths[i]}, "cannot read: %v", unwrapPath(err))
					continue
				}
				out[i] = ParseDoc(paths[i], data, l)
				cache.keep(out[i])
			}
		}()
	}
	wg.Wait()
	docs := out[:0]
	for _, d := range out {
		if d != nil {
			docs = append(docs, d)
		}
	}
	return docs
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
