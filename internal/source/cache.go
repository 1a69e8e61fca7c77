package source

import "sync"

// Cache keeps the Markdown files a load has read, so that the live preview
// re-reads only the files an edit touched. Only files that read without a
// problem are kept: a file with problems is read again on every load, so
// its problems are reported every time until it is fixed.
type Cache struct {
	mu   sync.Mutex
	docs map[string]*Doc
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{docs: map[string]*Doc{}} }

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
	for k := range c.docs {
		if k == p || len(k) > len(p) && k[:len(p)] == p && k[len(p)] == '/' {
			delete(c.docs, k)
		}
	}
}
