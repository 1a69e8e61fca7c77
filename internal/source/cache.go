package source

import (
	"io/fs"
	"sync"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// Cache keeps the Markdown files a load has read, so that the live preview
// re-reads only the files an edit touched. Only files that read without a
// problem are kept: a file with problems is read again on every load, so
// its problems are reported every time until it is fixed.
type Cache struct {
	mu     sync.Mutex
	docs   map[string]*Doc
	tables map[string]*Table
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{docs: map[string]*Doc{}, tables: map[string]*Table{}} }

// readTables is ReadTables reusing the tables cache holds. Tables are read
// only, by every later stage, so one read serves every rebuild until the
// file changes.
func readTables(fsys fs.FS, paths []string, l *diag.List, cache *Cache) []*Table {
	if cache == nil {
		return ReadTables(fsys, paths, l)
	}
	out := make([]*Table, len(paths))
	for i, p := range paths {
		cache.mu.Lock()
		t := cache.tables[p]
		cache.mu.Unlock()
		if t == nil {
			var own diag.List
			t = ReadTableFile(fsys, p, &own)
			if own.Len() == 0 {
				cache.mu.Lock()
				cache.tables[p] = t
				cache.mu.Unlock()
			}
			l.Append(own.Errors()...)
		}
		out[i] = t
	}
	return out
}

// Forget drops a file, which the next load reads again.
func (c *Cache) Forget(path string) {
	c.mu.Lock()
	delete(c.docs, path)
	c.mu.Unlock()
}

func (c *Cache) doc(path string) *Doc {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[path]
}

func (c *Cache) keep(d *Doc) {
	if c == nil || d == nil {
		return
	}
	c.mu.Lock()
	c.docs[d.Path] = d
	c.mu.Unlock()
}

// ForgetTree drops the file at p and every file below it (p may name a
// directory that was removed or renamed).
func (c *Cache) ForgetTree(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	under := func(k string) bool { return k == p || len(k) > len(p) && k[:len(p)] == p && k[len(p)] == '/' }
	for k := range c.docs {
		if under(k) {
			delete(c.docs, k)
		}
	}
	for k := range c.tables {
		if under(k) {
			delete(c.tables, k)
		}
	}
}
