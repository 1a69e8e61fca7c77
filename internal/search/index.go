package search

import (
	"math"
	"math/bits"
	"runtime"
	"slices"
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
	facetLang
	numFacets
)

// The manifest writes "lang" only for a site whose docs are in more than
// one language: on any other it would be a digit a doc that tells the
// client nothing.
var facetNames = [numFacets]string{"kind", "region", "risk", "year", "lang"}

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

// Index accumulates analyzed docs and writes the index files. Add and
// AddFragment are safe for concurrent use; Files and FilesFunc must not
// run concurrently with them.
//
// It keeps, per doc, only what the files need: the Analyzed's term bytes
// (shared, not copied), its length, facet values and names, and its
// fragment unless the caller has written that itself (AddFragment). It
// does not keep the Analyzed. Doc ids are the docs' ranks in URL order,
// which only the whole set fixes, so they are given out by Files, or
// earlier by Plan.
type Index struct {
	lang string
	mu   sync.Mutex
	docs map[string]*docRec
	plan map[string]int32 // planned URL -> doc id; nil until Plan, never changed after
}

// docRec is what the index keeps of one Analyzed: about a kilobyte for a
// brief, against ten for the Analyzed with its text.
type docRec struct {
	url    string
	terms  []byte
	length int32
	facets [numFacets]string
	names  []string
	frag   []byte // nil once the caller has written the fragment
	head   []byte // [url, title, kind, date]: the shards list it for the docs that lead a stem
}

// NewIndex returns an empty index for a site in language lang.
func NewIndex(lang string) *Index {
	return &Index{lang: lang, docs: map[string]*docRec{}}
}

// Add adds a doc. A doc with the URL of one added before replaces it, so
// the live preview can re-add an edited page. The index keeps the doc's
// fragment, if it has one (it is not TextOnPage), and Files writes it;
// see AddFragment for a build that writes fragments as it goes.
func (ix *Index) Add(a *Analyzed) {
	ix.mu.Lock()
	ix.docs[a.url] = newRec(a, true)
	ix.mu.Unlock()
}

func newRec(a *Analyzed, keepFrag bool) *docRec {
	d := &docRec{url: a.url, terms: a.terms, length: a.length, facets: a.facets, names: a.names, head: a.head}
	if keepFrag {
		d.frag = a.frag
	}
	return d
}

// Plan fixes the doc ids in advance: urls are every page that may be
// added (duplicates and pages never added are harmless). A doc's id is then
// its URL's rank among them, known before Files, so AddFragment can hand
// its fragment file to the caller to write at once, and the index need not
// hold the text of every page until the end. Docs added with URLs not
// planned are numbered after the planned ones, in URL order, and their
// fragments written by Files as before. A planned URL that is never added
// leaves an unused id: it matches nothing and costs each query a few
// bytes. Call it once, before adding (docs added before it keep their
// fragments for Files).
//
// Why not fragment names that need no plan, such as a hash of the URL?
// The client reaches a fragment from a doc id (postings hold ids), so it
// would need an id -> name table on every query: at 10,000 docs some 40 KB
// (30 KB gzipped) more than the 47 KB manifest, which is what Plan
// avoids.
func (ix *Index) Plan(urls []string) {
	sorted := uniqueSorted(urls)
	plan := make(map[string]int32, len(sorted))
	for i, u := range sorted {
		plan[u] = int32(i)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.plan != nil {
		panic("search: Plan called twice")
	}
	ix.plan = plan
}

// AddFragment adds a as Add does. For an offline copy whose URL was
// planned (Plan), it returns a's fragment file, a path under public/ and
// its bytes, for the caller to write now; the index then keeps none of
// the page's text and Files does not write that file. Otherwise ok is
// false: a served site has no fragment files (Files writes the heads, and
// the text of docs that are not TextOnPage, into chunks), and an unplanned
// doc's fragment is written by Files. data is shared with a: do not
// modify it. Re-adding a URL returns the same path.
func (ix *Index) AddFragment(a *Analyzed, offline bool) (path string, data []byte, ok bool) {
	ix.mu.Lock()
	id, planned := ix.plan[a.url]
	now := offline && planned && a.frag != nil
	ix.docs[a.url] = newRec(a, !now)
	ix.mu.Unlock()
	if !now {
		return "", nil, false
	}
	path, data = file(FragmentName(int(id)), a.frag, offline)
	return path, data, true
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
// only on the set of docs (and the plan), not on the order they were added
// in. It holds every file at once; FilesFunc streams them.
func (ix *Index) Files(offline bool) map[string][]byte {
	files := map[string][]byte{}
	ix.FilesFunc(offline, func(path string, data []byte) error {
		files[path] = data
		return nil
	})
	return files
}

// FilesFunc calls emit with each file Files would return, one at a time
// and in a fixed order (the manifest, the term shards, then the chunks of
// heads or, offline, the fragments the index holds), and stops at emit's first error, which it returns. The
// index does not use a file's bytes after emit returns; emit must not
// modify them (a fragment's are shared with its Analyzed).
func (ix *Index) FilesFunc(offline bool, emit func(path string, data []byte) error) error {
	b := ix.builder()
	b.invert()
	shards := b.shards()
	put := func(name string, data []byte) error {
		path, data := file(name, data, offline)
		return emit(path, data)
	}
	if err := put("index", b.manifest(shards)); err != nil {
		return err
	}
	// Shards are encoded on all cores a batch at a time, so that at most a
	// batch of them is held at once on a site of thousands.
	batch := 4 * runtime.GOMAXPROCS(0)
	enc := make([][]byte, batch)
	for lo := 0; lo < len(shards); lo += batch {
		n := min(batch, len(shards)-lo)
		parallel(n, func(i int) { enc[i] = b.shardJSON(shards[lo+i]) })
		for i := range n {
			if err := put("t/"+strconv.Itoa(lo+i), enc[i]); err != nil {
				return err
			}
			enc[i] = nil
		}
	}
	b.enc = nil // the postings are written: let them go before the fragments
	if !offline {
		return b.chunks(put)
	}
	for id, d := range b.docs {
		if d != nil && d.frag != nil {
			if err := put(FragmentName(id), d.frag); err != nil {
				return err
			}
		}
	}
	return nil
}

// headChunk is how many docs a chunk of heads (h/N) holds.
const headChunk = 128

// chunks writes the heads of a served site's docs, headChunk to a file
// (h/N holds ids N*headChunk and on), as a JSON array: a doc's head, its
// whole fragment where it has one (a doc that is not TextOnPage), or null
// for an id no doc took. A result that the shards did not give a head
// for is shown from its chunk.
func (b *builder) chunks(put func(name string, data []byte) error) error {
	for lo := 0; lo < len(b.docs); lo += headChunk {
		buf := []byte{'['}
		for id := lo; id < min(lo+headChunk, len(b.docs)); id++ {
			if id > lo {
				buf = append(buf, ',')
			}
			switch d := b.docs[id]; {
			case d == nil:
				buf = append(buf, "null"...)
			case d.frag != nil:
				buf = append(buf, d.frag...)
			default:
				buf = append(buf, d.head...)
			}
		}
		if err := put("h/"+strconv.Itoa(lo/headChunk), append(buf, ']')); err != nil {
			return err
		}
	}
	return nil
}

// file returns the path and bytes of index file name.
func file(name string, data []byte, offline bool) (string, []byte) {
	if !offline {
		return "search/" + name + ".json", data
	}
	js := make([]byte, 0, len(data)+len(name)+24)
	js = append(js, "r2pSearchLoad(\""...)
	js = append(js, name...)
	js = append(js, "\","...)
	js = append(js, data...)
	js = append(js, ");\n"...)
	return "search/" + name + ".js", js
}

// FragmentName is the name of doc id's fragment (without "search/" and the
// extension). Fragments sit a thousand to a directory: a FAT32 stick, on
// which an offline copy may travel, holds at most 65,534 files in one.
func FragmentName(id int) string {
	return "f/" + strconv.Itoa(id/1000) + "/" + strconv.Itoa(id%1000)
}

// builder holds one Files call's working state. Stems and words are
// lexicon ids; arrays indexed by them span the lexicon, which is small.
type builder struct {
	docs []*docRec // by doc id; nil for a planned URL never added
	live int       // docs that are not nil

	strs               []string // the lexicon's tables, as Files began
	pairWord, pairStem []uint32

	norm     []float64          // per doc: BM25's length term
	idf      []float64          // per stem
	best     []float64          // per stem: the best score, rounded
	enc      []byte             // every stem's encoded postings, in stem order
	encOff   []int              // per stem: where its postings start in enc; then the end
	surface  []uint32           // the words of the live docs, in UTF-16 order
	wordStem []int32            // per word: its stem (the first, in UTF-16 order), -1 for a stop word
	more     map[uint32][]int32 // the other stems of a word that has more than one, in UTF-16 order
	names    map[string]int
	langOf   []uint16 // per doc: its language, as an index into langs
	langs    []string

	runs  [][2]int   // contiguous runs of doc ids, one per worker
	stats []runStats // per run, between the passes
	used  []uint64   // bitset of the pairs the docs use
}

// builder snapshots the docs and numbers them.
func (ix *Index) builder() *builder {
	ix.mu.Lock()
	recs := make([]*docRec, 0, len(ix.docs))
	for _, d := range ix.docs {
		recs = append(recs, d)
	}
	plan := ix.plan
	ix.mu.Unlock()

	docs := make([]*docRec, len(plan), len(plan)+len(recs))
	var extra []*docRec
	for _, d := range recs {
		if id, ok := plan[d.url]; ok {
			docs[id] = d
		} else {
			extra = append(extra, d)
		}
	}
	slices.SortFunc(extra, func(x, y *docRec) int { return strings.Compare(x.url, y.url) })
	b := &builder{docs: append(docs, extra...), live: len(recs)}
	b.strs, b.pairWord, b.pairStem = lex.snapshot()
	return b
}

// numberLangs numbers the docs' languages, so that the loops over
// postings that rank docs per language index a small array instead of
// following each doc's record to a string.
func (b *builder) numberLangs() {
	b.langOf = make([]uint16, len(b.docs))
	ids := map[string]uint16{}
	for id, d := range b.docs {
		if d == nil {
			continue
		}
		lang := d.facets[facetLang]
		n, ok := ids[lang]
		if !ok {
			n = uint16(len(b.langs))
			ids[lang] = n
			b.langs = append(b.langs, lang)
		}
		b.langOf[id] = n
	}
	if len(b.langs) == 0 {
		b.langs = []string{""}
	}
}

// invert turns the docs' terms into per-stem postings, scored and encoded,
// and finds the surface words and names.
func (b *builder) invert() {
	b.count()
	b.fill()
	b.words()
	b.numberLangs()
	b.names = map[string]int{}
	for id, d := range b.docs {
		if d == nil {
			continue
		}
		for _, n := range d.names {
			if _, ok := b.names[n]; !ok {
				b.names[n] = id
			}
		}
	}
}

// uvarint decodes a uvarint of at most 32 bits from t at i. It is small
// enough to be inlined into the loops over every doc's terms, where
// nearly all are one byte.
func uvarint(t []byte, i int) (uint32, int) {
	x := uint32(t[i])
	i++
	if x < 0x80 {
		return x, i
	}
	x &= 0x7f
	for s := 7; ; s += 7 {
		c := t[i]
		i++
		x |= uint32(c&0x7f) << s
		if c < 0x80 {
			return x, i
		}
	}
}

// The postings are made in two passes over the docs' terms, each on all
// cores over contiguous runs of docs. Pass one (count) finds, per run and
// stem, what pass two needs to write its postings straight into their
// place in one buffer of the exact size: how many, the first and last doc
// (a run's first gap depends on the runs before it), their bytes, and
// the best BM25 term score before idf. No postings are held apart from
// the encoded ones, which the shards are written from.
//
// The best score is found before idf is known: idf is positive, and
// multiplying by it keeps the order of floating-point numbers, so the best
// of idf*s is idf times the best s, exactly as when each score was kept.

// runStats is pass one's findings for one run of docs, by stem.
type runStats struct {
	df          []int32
	first, last []int32 // doc ids; first becomes the doc before the run's first (pass two's start)
	size        []int32 // bytes of the run's postings, but its first gap until merged
	top         []float64
	cur         []int // pass two: where the run's next posting of the stem goes
}

// count is pass one.
func (b *builder) count() {
	n := float64(b.live)
	var total float64
	for _, d := range b.docs {
		if d != nil {
			total += float64(d.length)
		}
	}
	avg := math.Max(total/math.Max(n, 1), 1)
	// BM25's length term per doc, read for every posting.
	b.norm = make([]float64, len(b.docs))
	for id, d := range b.docs {
		if d != nil {
			dl := float64(d.length)
			b.norm[id] = k1 * (1 - bm25b + bm25b*dl/avg)
		}
	}

	// Each run's findings span the lexicon: eight runs keep a large
	// machine's memory busy without an array per core.
	w := max(1, min(runtime.GOMAXPROCS(0), 8, len(b.docs)))
	// Runs of about equal term bytes, not equal docs: a brief has ten
	// times the words of a state page.
	var bytes int
	for _, d := range b.docs {
		if d != nil {
			bytes += len(d.terms) + 1
		}
	}
	b.runs = make([][2]int, 0, w)
	for lo, acc, id := 0, 0, 0; id < len(b.docs); id++ {
		if d := b.docs[id]; d != nil {
			acc += len(d.terms) + 1
		}
		if acc*w >= bytes*(len(b.runs)+1) || id == len(b.docs)-1 {
			b.runs = append(b.runs, [2]int{lo, id + 1})
			lo = id + 1
		}
	}
	ns, np := len(b.strs), len(b.pairWord)
	b.stats = make([]runStats, len(b.runs))
	used := make([][]uint64, len(b.runs))
	parallel(len(b.runs), func(r int) {
		st := runStats{df: make([]int32, ns), first: make([]int32, ns), last: make([]int32, ns),
			size: make([]int32, ns), top: make([]float64, ns)}
		u := make([]uint64, (np+63)/64)
		stems := b.pairStem
		for id := b.runs[r][0]; id < b.runs[r][1]; id++ {
			d := b.docs[id]
			if d == nil {
				continue
			}
			norm := b.norm[id]
			t, p := d.terms, uint32(0)
			for i := 0; i < len(t); {
				var gap, field uint32
				gap, i = uvarint(t, i)
				field, i = uvarint(t, i)
				p += gap
				u[p>>6] |= 1 << (p & 63)
				if field == 0 {
					continue
				}
				s := stems[p] - 1
				if st.df[s] == 0 {
					st.first[s] = int32(id)
				} else {
					st.size[s] += int32(varintLen(uint32(id) - uint32(st.last[s]) - 1))
				}
				st.size[s]++ // the score's digit
				st.last[s] = int32(id)
				st.df[s]++
				// The built-in max, unlike math.Max, is inlined; the
				// two agree on scores, which are never NaN.
				st.top[s] = max(st.top[s], termScore(field, norm))
			}
		}
		b.stats[r], used[r] = st, u
	})
	b.used = make([]uint64, (np+63)/64)
	for r := range b.runs {
		for i, x := range used[r] {
			b.used[i] |= x
		}
	}

	// Merge the runs, stem by stem: document frequency, idf and best
	// score; each run's first gap; and where each stem's postings go.
	b.idf = make([]float64, ns)
	b.best = make([]float64, ns)
	b.encOff = make([]int, ns+1)
	off := 0
	for r := range b.stats {
		b.stats[r].cur = make([]int, ns)
	}
	for s := range ns {
		b.encOff[s] = off
		df, top, prev := 0, 0.0, int32(-1)
		for r := range b.stats {
			st := &b.stats[r]
			if st.df[s] == 0 {
				continue
			}
			df += int(st.df[s])
			top = max(top, st.top[s])
			st.size[s] += int32(varintLen(uint32(st.first[s] - prev - 1)))
			st.first[s], prev = prev, st.last[s]
			st.cur[s] = off
			off += int(st.size[s])
		}
		if df > 0 {
			fdf := float64(df)
			b.idf[s] = math.Log(1 + (n-fdf+0.5)/(fdf+0.5))
			b.best[s] = round4(b.idf[s] * top)
		}
	}
	b.encOff[ns] = off
}

// termScore is BM25's term score before idf: the body count saturated and
// normalised by the doc's length, plus titleBoost for a title hit. field
// is as in Analyzed.terms.
func termScore(field uint32, norm float64) float64 {
	f := float64(field >> 1)
	s := f * (k1 + 1) / (f + norm)
	if field&1 != 0 {
		s += titleBoost
	}
	return s
}

// fill is pass two: each run writes its postings, gap and impact (1..63
// of the stem's best score; see score in the package doc), where pass one
// said they go.
func (b *builder) fill() {
	b.enc = make([]byte, b.encOff[len(b.encOff)-1])
	parallel(len(b.runs), func(r int) {
		st := &b.stats[r]
		prev, cur := st.first, st.cur
		stems := b.pairStem
		for id := b.runs[r][0]; id < b.runs[r][1]; id++ {
			d := b.docs[id]
			if d == nil {
				continue
			}
			norm := b.norm[id]
			t, p := d.terms, uint32(0)
			for i := 0; i < len(t); {
				var gap, field uint32
				gap, i = uvarint(t, i)
				field, i = uvarint(t, i)
				p += gap
				if field == 0 {
					continue
				}
				s := stems[p] - 1
				q := 1
				if best := b.best[s]; best > 0 {
					q = int(math.Round(maxImpact * (b.idf[s] * termScore(field, norm)) / best))
				}
				q = max(1, min(maxImpact, q))
				j := putVarint(b.enc, cur[s], uint32(int32(id)-prev[s]-1))
				b.enc[j] = digits[q]
				cur[s], prev[s] = j+1, int32(id)
			}
		}
	})
	b.stats = nil
}

// postings returns stem s's encoded postings.
func (b *builder) postings(s int32) []byte { return b.enc[b.encOff[s]:b.encOff[s+1]] }

// words finds the surface words of the docs, each with its stem, in the
// order of the shards.
func (b *builder) words() {
	b.wordStem = make([]int32, len(b.strs))
	for i := range b.wordStem {
		b.wordStem[i] = -2 // not a word of these docs
	}
	for i, x := range b.used {
		for ; x != 0; x &= x - 1 {
			p := i*64 + bits.TrailingZeros64(x)
			w, s := b.pairWord[p], int32(b.pairStem[p])-1
			// A word is one pair in any one language, but pages in two
			// languages may stem it apart (French "crimes" is crim,
			// English crime): the word then leads to both stems, so
			// that a query finds the pages of every language. A stem
			// beats a stop word.
			switch old := b.wordStem[w]; {
			case old == -2:
				b.surface = append(b.surface, w)
				b.wordStem[w] = s
			case s < 0:
			case old == -1:
				b.wordStem[w] = s
			default:
				if b.more == nil {
					b.more = map[uint32][]int32{}
				}
				b.more[w] = append(b.more[w], s)
			}
		}
	}
	// The pairs came in lexicon order, which depends on the order pages
	// were analyzed in: order each word's stems by their text.
	for w, more := range b.more {
		all := append([]int32{b.wordStem[w]}, more...)
		slices.SortFunc(all, func(x, y int32) int { return cmp16(b.strs[x], b.strs[y]) })
		b.wordStem[w], b.more[w] = all[0], all[1:]
	}
	slices.SortFunc(b.surface, func(x, y uint32) int { return cmp16(b.strs[x], b.strs[y]) })
}

// stemsOf returns word w's stems, the first (-1 for a stop word) and any
// others.
func (b *builder) stemsOf(w uint32) (first int32, more []int32) {
	return b.wordStem[w], b.more[w]
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

// parallelW is parallel that also tells fn which of the workers (0 to
// GOMAXPROCS-1) calls it, for per-worker buffers.
func parallelW(n int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}
