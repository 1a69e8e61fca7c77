package render

import (
	"bytes"
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/r2p-monitor/r2p/internal/model"
)

// Names in the page's language are listed in that language's alphabetical
// order, from the CLDR collation data of golang.org/x/text/collate: in
// French "Égypte" comes between "Dominique" and "El Salvador", not after
// "Zimbabwe" as the order of bytes puts it; Russian follows the Cyrillic
// alphabet, Chinese the pinyin of the characters.

// collators holds, per language, a pool of collators: a collate.Collator
// keeps buffers and is not safe for concurrent use, and the pages of one
// language are rendered in parallel.
var collators sync.Map // language -> *sync.Pool

func collatorPool(lang string) *sync.Pool {
	if p, ok := collators.Load(lang); ok {
		return p.(*sync.Pool)
	}
	tag := language.Make(lang)
	p, _ := collators.LoadOrStore(lang, &sync.Pool{New: func() any { return collate.New(tag) }})
	return p.(*sync.Pool)
}

// sortCollated sorts items in place by the text key gives, in lang's
// alphabetical order. Texts that collate equal ("Côte d'Ivoire" and
// "Côte d’Ivoire") are ordered by their bytes, and items with the same
// text keep their order, so the result is the same on every run.
func sortCollated[T any](lang string, items []T, key func(T) string) {
	pool := collatorPool(lang)
	c := pool.Get().(*collate.Collator)
	type entry struct {
		text string
		key  []byte
		item T
	}
	entries := make([]entry, len(items))
	var buf collate.Buffer
	for i, it := range items {
		text := key(it)
		entries[i] = entry{text: text, key: bytes.Clone(c.KeyFromString(&buf, text)), item: it}
		buf.Reset()
	}
	pool.Put(c)
	sort.SliceStable(entries, func(i, j int) bool {
		if d := bytes.Compare(entries[i].key, entries[j].key); d != 0 {
			return d < 0
		}
		return entries[i].text < entries[j].text
	})
	for i, e := range entries {
		items[i] = e.item
	}
}

// sortNames sorts names in the renderer's language.
func (r *Renderer) sortNames(names []string) {
	sortCollated(r.lang, names, func(s string) string { return s })
}

// statesByName lists the site's states by their names in the renderer's
// language (stateName), in its alphabetical order; states of the same name
// are ordered by code. The matrix and the compliance page list their rows
// in this order.
func (r *Renderer) statesByName() []*model.State {
	out := append([]*model.State(nil), r.site.States...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	sortCollated(r.lang, out, r.stateName)
	return out
}
