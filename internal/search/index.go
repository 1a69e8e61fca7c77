package search

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The facets, in the order of Analyzed.facets and of the manifest.
const (
	facetKind = iota
	facetRegion
	facetRisk
	facetYear
	numFacets
)

var facetNames = [numFacets]string{"kind", "region", "risk", "year"}

// Ranking constants. BM25's usual k1 and b; a title hit adds titleBoost to
// the saturated body score, which is at most k1+1, so a page named by the
// query ranks above pages that only discuss it.
const (
	k1         = 1.2
	bm25b      = 0.75
	titleBoost = 2.0
	maxImpact  = 63 // scores are stored as 1..63 of the term's best score
)

// shardTarget is roughly how many bytes of uncompressed JSON a term shard
// holds before the next one starts: a one-word query fetches one shard, so
// this is most of what it costs beyond the manifest and the fragments it
// shows. maxShards bounds the manifest, which lists every shard's first
// word, on very large sites.
const (
	shardTarget = 16 << 10
	maxShards   = 2500
)

// Index accumulates analyzed docs and writes the index files. Add is safe
// for concurrent use; Files must not run concurrently with Add.
type Index struct {
	lang string
	mu   sync.Mutex
	docs map[string]*Analyzed
}

// NewIndex returns an empty index for a site in language lang.
func NewIndex(lang string) *Index {
	return &Index{lang: lang, docs: map[string]*Analyzed{}}
}

// Add adds a doc. A doc with the URL of one added before replaces it, so
// the live preview can re-add an edited page.
func (ix *Index) Add(a *Analyzed) {
	ix.mu.Lock()
	ix.docs[a.url] = a
	ix.mu.Unlock()
}

// Len returns the number of docs added.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.docs)
}

// Files returns the index as files under public/, at paths beginning
// "search/". With offline set every file is a script (search/x.js calling
// r2pSearchLoad("x", data)) for a site opened from file://, where fetch()
// is not allowed; otherwise it is JSON (search/x.json). The bytes depend
// only on the set of docs, not on the order they were added in.
func (ix *Index) Files(offline bool) map[string][]byte {
	ix.mu.Lock()
	docs := make([]*Analyzed, 0, len(ix.docs))
	for _, a := range ix.docs {
		docs = append(docs, a)
	}
	ix.mu.Unlock()
	sort.Slice(docs, func(i, j int) bool { return docs[i].url < docs[j].url })

	b := &builder{docs: docs}
	b.invert()
	shards := b.shards()
	files := map[string][]byte{}
	put := func(name string, data []byte) {
		if offline {
			js := make([]byte, 0, len(data)+len(name)+24)
			js = append(js, "r2pSearchLoad(\""...)
			js = append(js, name...)
			js = append(js, "\","...)
			js = append(js, data...)
			js = append(js, ");\n"...)
			files["search/"+name+".js"] = js
			return
		}
		files["search/"+name+".json"] = data
	}
	put("index", b.manifest(shards))
	encoded := make([][]byte, len(shards))
	parallel(len(shards), func(i int) { encoded[i] = b.shardJSON(shards[i]) })
	for i, data := range encoded {
		put("t/"+strconv.Itoa(i), data)
	}
	for id, a := range docs {
		put(FragmentName(id), a.frag)
	}
	return files
}

// FragmentName is the name of doc id's fragment (without "search/" and the
// extension). Fragments sit a thousand to a directory: a FAT32 stick, on
// which an offline copy may travel, holds at most 65,534 files in one.
func FragmentName(id int) string {
	return fmt.Sprintf("f/%d/%d", id/1000, id%1000)
}

// builder holds one Files call's working state.
type builder struct {
	docs    []*Analyzed
	stems   map[string]*postings
	surface map[string]string // surface word -> stem; "" for a stop word
	names   map[string]int    // NameKey -> doc id (the first doc in URL order)
}

// postings is one stem's list: doc ids ascending, each with its score.
type postings struct {
	docs []uint32
	tf   []uint16
	best float64
	enc  string // the encoded list, filled by score
}

// invert turns the per-doc terms into per-stem postings. It counts first
// and fills exactly sized slices after, because on a large site the
// postings are most of the memory a build holds at once.
func (b *builder) invert() {
	b.stems = map[string]*postings{}
	b.surface = map[string]string{}
	b.names = map[string]int{}
	count := map[string]int{}
	for id, a := range b.docs {
		a.eachTerm(func(stem, surfaces string, _ uint16) {
			count[stem]++
			for _, w := range strings.Split(surfaces, "\x01") {
				b.surface[w] = stem
			}
		})
		for _, w := range strings.Split(strings.TrimSuffix(a.stops, "\x02"), "\x02") {
			if _, ok := b.surface[w]; w != "" && !ok {
				b.surface[w] = ""
			}
		}
		for _, n := range a.names {
			if _, ok := b.names[n]; !ok {
				b.names[n] = id
			}
		}
	}
	for stem, n := range count {
		b.stems[stem] = &postings{docs: make([]uint32, 0, n), tf: make([]uint16, 0, n)}
	}
	for id, a := range b.docs {
		a.eachTerm(func(stem, _ string, tf uint16) {
			p := b.stems[stem]
			p.docs = append(p.docs, uint32(id))
			p.tf = append(p.tf, tf)
		})
	}
	b.score()
}

// score computes each posting's BM25 score, keeps the best per stem and
// stores every score as a fraction (1..63) of it. The client adds
// impact/63*best over the query's words: per-term quantisation keeps the
// order within a term exact to 1/63 while costing one character.
func (b *builder) score() {
	n := float64(len(b.docs))
	var total float64
	for _, a := range b.docs {
		total += float64(a.length)
	}
	avg := math.Max(total/math.Max(n, 1), 1)
	all := make([]*postings, 0, len(b.stems))
	for _, p := range b.stems {
		all = append(all, p)
	}
	parallel(len(all), func(i int) {
		p := all[i]
		df := float64(len(p.docs))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		scores := make([]float64, len(p.docs))
		for i, id := range p.docs {
			f := float64(p.tf[i] &^ titleBit)
			dl := float64(b.docs[id].length)
			s := f * (k1 + 1) / (f + k1*(1-bm25b+bm25b*dl/avg))
			if p.tf[i]&titleBit != 0 {
				s += titleBoost
			}
			scores[i] = idf * s
			p.best = math.Max(p.best, scores[i])
		}
		p.best = round4(p.best)
		enc := make([]byte, 0, 2*len(p.docs))
		prev := -1
		for i, id := range p.docs {
			q := 1
			if p.best > 0 {
				q = int(math.Round(maxImpact * scores[i] / p.best))
			}
			q = max(1, min(maxImpact, q))
			enc = appendVarint(enc, uint32(int(id)-prev-1))
			enc = append(enc, digits[q])
			prev = int(id)
		}
		p.enc = string(enc)
		p.tf = nil
	})
}

// parallel calls fn(0..n-1) on all cores. Each call writes only its own
// slot, so the result does not depend on scheduling.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// round4 keeps four significant digits, enough for ranking and short in
// JSON.
func round4(x float64) float64 {
	if x == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return v
}
