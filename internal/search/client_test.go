package search

import (
	"encoding/json"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// client plays static/js/search.js's part against the output of Files, in
// Go: the same file lookups and the same arithmetic. Ranking and facet
// tests run through it, and the size benchmark counts what it fetches.
// The browser test checks that the script really behaves this way.
type client struct {
	t       testing.TB
	lang    string // the search page's language: its docs rank first
	files   map[string][]byte
	fetched []string
	seen    map[string]bool
	man     struct {
		N      int                    `json:"n"`
		Shards []string               `json:"s"`
		Facets map[string]facetRecord `json:"f"`
	}
	shards map[int]*shardRecord
	heads  map[int][]any     // doc id -> [url, title, kind, date] (and 0 if TextOnPage), from the shards fetched
	pages  map[string]string // url -> the text of a TextOnPage doc's page
}

type facetRecord struct {
	Values []string `json:"v"`
	Combos [][]int  `json:"c"`
	Width  int      `json:"w"`
	Docs   string   `json:"d"`
	Runs   string   `json:"r"` // instead of Docs: runs of a combination and a count
}

// docs returns each doc's combination, expanding Runs.
func (f *facetRecord) docs() string {
	if f.Runs == "" {
		return f.Docs
	}
	var b strings.Builder
	for j := 0; j < len(f.Runs); {
		c := f.Runs[j : j+f.Width]
		n, k := decodeVarint(f.Runs, j+f.Width)
		b.WriteString(strings.Repeat(c, int(n)))
		j = k
	}
	return b.String()
}

type shardRecord struct {
	Heads [][]any   `json:"m"` // [id, url, title, kind, date]
	Words string    `json:"w"`
	Stems []stemRef `json:"s"`
	Terms [][2]any  `json:"t"`
	Names [][2]any  `json:"n"`
}

// stemRef is a word's entry in a shard's "s": a stem index, -1 for a
// stop word, or a list of stem indexes.
type stemRef []int

func (r *stemRef) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, (*[]int)(r))
	}
	var i int
	err := json.Unmarshal(b, &i)
	*r = stemRef{i}
	return err
}

func newClient(t testing.TB, files map[string][]byte) *client {
	c := &client{t: t, files: files, seen: map[string]bool{}, shards: map[int]*shardRecord{}, heads: map[int][]any{}}
	c.get("index", &c.man)
	for f, rec := range c.man.Facets {
		rec.Docs, rec.Runs = rec.docs(), ""
		c.man.Facets[f] = rec
	}
	return c
}

func (c *client) get(name string, v any) {
	c.t.Helper()
	data, ok := c.files["search/"+name+".json"]
	if !ok {
		c.t.Fatalf("client fetched search/%s.json, which the index does not have", name)
	}
	if !c.seen[name] {
		c.seen[name] = true
		c.fetched = append(c.fetched, "search/"+name+".json")
	}
	if err := json.Unmarshal(data, v); err != nil {
		c.t.Fatalf("search/%s.json: %v", name, err)
	}
}

func (c *client) shard(i int) *shardRecord {
	if s, ok := c.shards[i]; ok {
		return s
	}
	s := &shardRecord{}
	c.get("t/"+itoa(i), s)
	c.shards[i] = s
	for _, h := range s.Heads {
		c.heads[int(h[0].(float64))] = h[1:]
	}
	return s
}

// result is what a query shows.
type result struct {
	ids    []int                     // matching docs, best first (card first)
	card   int                       // doc named exactly by the query, or -1
	counts map[string]map[string]int // facet -> value -> count
	frags  []fragmentRecord          // the first page, fetched
	phrase bool                      // ids are candidates, verified only on the shown page
	early  int                       // how many of the first page the shards' heads could show before any fragment
}

type fragmentRecord struct {
	URL, Title, Kind, Date, Text string
	Card                         map[string]any
}

// queryWord is one word of a parsed query.
type queryWord struct {
	w      string
	prefix bool // the last word while typing: matches words it begins
}

// parseQuery splits q into words and quoted phrases. The last word is a
// prefix unless the query ends with a space or a quote.
func parseQuery(q string) (ws []queryWord, phrases [][]string) {
	parts := strings.Split(q, "\"")
	for i, part := range parts {
		inQuote := i%2 == 1 && i < len(parts)-1
		all := words(fold(part))
		if inQuote && len(all) > 1 {
			phrases = append(phrases, all)
		}
		for _, w := range all {
			if indexable(w) {
				ws = append(ws, queryWord{w: w})
			}
		}
	}
	if n := len(ws); n > 0 && !strings.HasSuffix(q, " ") && !strings.HasSuffix(q, "\"") {
		ws[n-1].prefix = len([]rune(ws[n-1].w)) >= 2
	}
	// A single CJK character is always a prefix: it finds the bigrams it
	// begins.
	for i, w := range ws {
		if r := []rune(w.w); len(r) == 1 && isCJK(r[0]) {
			ws[i].prefix = true
		}
	}
	return ws, phrases
}

const pageSize = 5

func (c *client) search(q string, filter map[string][]string) result {
	ws, phrases := parseQuery(q)
	res := result{card: -1, phrase: len(phrases) > 0}
	var total []float64
	for _, qw := range ws {
		s, stop := c.wordScores(qw)
		if stop {
			continue
		}
		if total == nil {
			total = s
			continue
		}
		for d := range total {
			if s[d] == 0 {
				total[d] = 0
			} else if total[d] > 0 {
				total[d] += s[d]
			}
		}
	}
	if total == nil {
		// No words: filters alone browse every doc they allow.
		total = make([]float64, c.man.N)
		if anyFilter(filter) {
			for d := range total {
				total[d] = 1e-9
			}
		}
	}
	if key := NameKey(strings.ReplaceAll(q, "\"", " ")); key != "" {
		first, _, _ := strings.Cut(key, " ")
		for _, n := range c.shard(shardOf(c.man.Shards, first)).Names {
			if n[0].(string) == key {
				res.card = int(n[1].(float64))
			}
		}
	}
	pass := func(d int, skip string) bool {
		for f, want := range filter {
			if _, ok := c.man.Facets[f]; !ok {
				continue // a facet the index does not have: the client ignores it
			}
			if f != skip && len(want) > 0 && !c.has(f, d, want) {
				return false
			}
		}
		return true
	}
	res.counts = map[string]map[string]int{}
	for f := range c.man.Facets {
		res.counts[f] = map[string]int{}
	}
	for d := range total {
		if total[d] == 0 && d != res.card {
			continue
		}
		for f, rec := range c.man.Facets {
			if pass(d, f) {
				for _, v := range rec.Combos[c.combo(f, d)] {
					res.counts[f][rec.Values[v]]++
				}
			}
		}
		if pass(d, "") && d != res.card {
			res.ids = append(res.ids, d)
		}
	}
	// Docs in the page's language first, then by score.
	own := func(d int) bool { return c.lang != "" && c.has("lang", d, []string{c.lang}) }
	sort.SliceStable(res.ids, func(i, j int) bool {
		a, b := res.ids[i], res.ids[j]
		if oa, ob := own(a), own(b); oa != ob {
			return oa
		}
		return total[a] > total[b]
	})
	if res.card >= 0 && pass(res.card, "") {
		res.ids = append([]int{res.card}, res.ids...)
	}
	for _, d := range res.ids {
		if len(res.frags) == pageSize {
			break
		}
		if h, ok := c.heads[d]; ok && !res.phrase && res.early == len(res.frags) {
			res.early++
			f := c.fragment(d)
			if want := []any{f.URL, f.Title, f.Kind, f.Date}; !reflect.DeepEqual(h[:4], want) {
				c.t.Errorf("doc %d: a shard gives its head as %q, its fragment %q", d, h, want)
			}
		}
		f := c.fragment(d)
		if phraseIn(f.Text+" "+f.Title, phrases) {
			res.frags = append(res.frags, f)
		}
	}
	return res
}

func anyFilter(filter map[string][]string) bool {
	for _, v := range filter {
		if len(v) > 0 {
			return true
		}
	}
	return false
}

// wordScores returns each doc's score for one query word (0 where it does
// not match), or stop for a stop word, which the query then ignores.
func (c *client) wordScores(qw queryWord) (scores []float64, stop bool) {
	scores = make([]float64, c.man.N)
	i := shardOf(c.man.Shards, qw.w)
	sh := c.shard(i)
	words := strings.Fields(sh.Words)
	add := func(sh *shardRecord, stem int, weight float64) {
		best := sh.Terms[stem][0].(float64)
		enc := sh.Terms[stem][1].(string)
		d := -1
		for j := 0; j < len(enc); {
			var gap uint32
			gap, j = decodeVarint(enc, j)
			d += int(gap) + 1
			s := float64(strings.IndexByte(digits, enc[j])) / maxImpact * best * weight
			j++
			scores[d] = math.Max(scores[d], s)
		}
	}
	for j, w := range words {
		if w == qw.w {
			if sh.Stems[j][0] < 0 {
				return nil, true
			}
			for _, s := range sh.Stems[j] {
				add(sh, s, 1)
			}
		}
	}
	if !qw.prefix {
		return scores, false
	}
	for k := 0; k < 3 && i+k < len(c.man.Shards); k++ {
		if k > 0 && !strings.HasPrefix(c.man.Shards[i+k], qw.w) {
			break
		}
		sh := c.shard(i + k)
		for j, w := range strings.Fields(sh.Words) {
			if w != qw.w && strings.HasPrefix(w, qw.w) && sh.Stems[j][0] >= 0 {
				for _, s := range sh.Stems[j] {
					add(sh, s, 0.7)
				}
			}
		}
	}
	return scores, false
}

func (c *client) combo(f string, d int) int {
	rec := c.man.Facets[f]
	v := 0
	for _, ch := range rec.Docs[d*rec.Width : (d+1)*rec.Width] {
		v = v<<6 | strings.IndexRune(digits, ch)
	}
	return v
}

func (c *client) has(f string, d int, want []string) bool {
	rec, ok := c.man.Facets[f]
	if !ok {
		return false
	}
	for _, v := range rec.Combos[c.combo(f, d)] {
		for _, w := range want {
			if rec.Values[v] == w {
				return true
			}
		}
	}
	return false
}

// fragment gets doc d's fragment as the served client does: its head
// from a shard or its chunk (h/N), and its text from the chunk or, when
// the head holds a 0 in its place, from the page (c.pages, by URL).
func (c *client) fragment(d int) fragmentRecord {
	c.t.Helper()
	raw, ok := c.heads[d]
	if !ok || !textOnPage(raw) {
		var chunk [][]any
		c.get("h/"+itoa(d/headChunk), &chunk)
		if d%headChunk >= len(chunk) || chunk[d%headChunk] == nil {
			c.t.Fatalf("chunk h/%d has no doc %d", d/headChunk, d)
		}
		raw = chunk[d%headChunk]
	}
	f := fragmentRecord{URL: raw[0].(string), Title: raw[1].(string), Kind: raw[2].(string), Date: raw[3].(string)}
	if textOnPage(raw) {
		text, ok := c.pages[f.URL]
		if !ok {
			c.t.Fatalf("client fetched %s for its text, which the test does not serve", f.URL)
		}
		if !c.seen[f.URL] {
			c.seen[f.URL] = true
			c.fetched = append(c.fetched, f.URL)
		}
		f.Text = text
		return f
	}
	f.Text = raw[4].(string)
	if len(raw) > 5 {
		f.Card = raw[5].(map[string]any)
	}
	return f
}

// textOnPage reports whether a head or chunk entry leaves the text to
// the page: a 0 where the text would be.
func textOnPage(raw []any) bool { return len(raw) == 5 && raw[4] == float64(0) }

// phraseIn reports whether every phrase occurs in text as consecutive
// words.
func phraseIn(text string, phrases [][]string) bool {
	if len(phrases) == 0 {
		return true
	}
	all := " " + strings.Join(words(fold(text)), " ") + " "
	for _, p := range phrases {
		if !strings.Contains(all, " "+strings.Join(p, " ")+" ") {
			return false
		}
	}
	return true
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
