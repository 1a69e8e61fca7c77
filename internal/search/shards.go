package search

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// shard is one term file: a run of consecutive surface words (in UTF-16
// order) as lexicon ids, the postings of their stems, and the exact names
// whose first word falls in the run.
type shard struct {
	words []string
	ids   []uint32 // the words' lexicon ids: builder.stemsOf gives their stems
	names []string
}

// shards cuts the sorted surface words into runs of about shardTarget
// bytes. A stem's postings go into every shard that holds one of its
// surface forms; forms of a stem share a prefix, so that is almost always
// one shard. A stem larger than the target gets a shard to itself, more or
// less, because the run is cut before the word that would overflow it.
func (b *builder) shards() []*shard {
	total := 0
	for _, w := range b.surface {
		total += len(b.strs[w]) + 4
		first, more := b.stemsOf(w)
		if first >= 0 {
			total += len(b.postings(first)) / 2 // stems are shared by about two forms
		}
		for _, s := range more {
			total += len(b.postings(s)) / 2
		}
	}
	target := max(shardTarget, total/maxShards)

	var out []*shard
	// heldIn[stem] is 1 + the index of the last shard that took the
	// stem's postings.
	heldIn := make([]int32, len(b.strs))
	// cost is what a word adds to the shard being filled: its stems'
	// postings unless the shard holds them already.
	cost := func(id uint32) int {
		c := len(b.strs[id]) + 4
		first, more := b.stemsOf(id)
		if first >= 0 && heldIn[first] != int32(len(out)+1) {
			c += len(b.postings(first)) + 12
		}
		for _, s := range more {
			if heldIn[s] != int32(len(out)+1) {
				c += len(b.postings(s)) + 12
			}
		}
		return c
	}
	cur, size := &shard{}, 0
	for _, id := range b.surface {
		c := cost(id)
		if size > 0 && size+c > target {
			out = append(out, cur)
			cur, size = &shard{}, 0
			c = cost(id)
		}
		cur.words = append(cur.words, b.strs[id])
		cur.ids = append(cur.ids, id)
		first, more := b.stemsOf(id)
		if first >= 0 {
			heldIn[first] = int32(len(out) + 1)
		}
		for _, s := range more {
			heldIn[s] = int32(len(out) + 1)
		}
		size += c
	}
	out = append(out, cur)

	firsts := shardFirsts(out)
	for _, n := range sortedKeys(b.names) {
		first, _, _ := strings.Cut(n, " ")
		i := shardOf(firsts, first)
		out[i].names = append(out[i].names, n)
	}
	return out
}

// shardFirsts returns where each shard starts, the first at "": the
// client's map from a word to its shard. Each other shard starts at the
// shortest prefix of its first word that sorts after the last word of the
// shard before (UTF-16 order), "gen" rather than "genocidal" after
// "gazetteer": every query reads the map, and most of its bytes were the
// ends of words. A prefix still tells the client whether the next shard
// may hold words that begin with a prefix p of its own: they would sort
// between p and the shard's first word, so its start begins with p too.
func shardFirsts(sh []*shard) []string {
	firsts := make([]string, len(sh))
	for i, s := range sh[1:] {
		last, first := sh[i].words[len(sh[i].words)-1], s.words[0]
		firsts[i+1] = first
		for j := range first {
			if j > 0 && less16(last, first[:j]) {
				firsts[i+1] = first[:j]
				break
			}
		}
	}
	return firsts
}

// shardOf returns the shard a word belongs to: the last one whose first
// word is not after it.
func shardOf(firsts []string, w string) int {
	i := sort.Search(len(firsts), func(i int) bool { return less16(w, firsts[i]) })
	return max(i-1, 0)
}

// shardJSON encodes one shard:
//
//	{"n": [["name key", doc id], ...], "s": [stem index per word, -1 for a stop word,
//	 or a list of stem indexes for a word stemmed apart in two languages],
//	 "t": [[best score, "postings"], ...], "w": "word word ..."}
//
// by hand, as encoding/json would (keys sorted, nothing escaped that it
// would not escape): the postings are most of an index's bytes, and
// reflection over them cost more than the rest of Files.
func (b *builder) shardJSON(sh *shard) []byte {
	// "s" is written apart first: "m" comes before it and needs the
	// stems. The rest is written once, into a buffer of about its size:
	// shards are most of an index's bytes.
	refs, order := b.stemRefs(sh)
	// The docs that lead the shard's stems, and those its names find.
	ids := b.leaders(sh, order)

	size := 64 + len(refs)
	for _, id := range ids {
		size += len(b.docs[id].head) + 12
	}
	for _, n := range sh.names {
		size += len(n) + 16
	}
	for _, s := range order {
		size += len(b.postings(s)) + 32
	}
	for _, w := range sh.words {
		size += len(w) + 1
	}
	out := make([]byte, 0, size)
	out = append(out, `{"m":[`...)
	for i, id := range ids {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		out = strconv.AppendInt(out, int64(id), 10)
		out = append(out, ',')
		out = append(out, b.docs[id].head[1:]...)
	}
	out = append(out, `],"n":[`...)
	for i, n := range sh.names {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		out = appendJSONString(out, n)
		out = append(out, ',')
		out = strconv.AppendInt(out, int64(b.names[n]), 10)
		out = append(out, ']')
	}
	out = append(out, `],"s":[`...)
	out = append(out, refs...)
	out = append(out, `],"t":[`...)
	for i, s := range order {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		out = appendJSONFloat(out, b.best[s])
		out = append(out, ',', '"')
		out = append(out, b.postings(s)...) // digits only: nothing to escape
		out = append(out, '"', ']')
	}
	out = append(out, `],"w":`...)
	out = appendJSONString(out, strings.Join(sh.words, " "))
	return append(out, '}')
}

// stemRefs returns a shard's "s" list, without its brackets, and the
// stems it names, in the order the words first name them: "t" is in that
// order.
func (b *builder) stemRefs(sh *shard) (refs []byte, order []int32) {
	idx := make(map[int32]int, len(sh.words))
	refs = make([]byte, 0, 4*len(sh.ids))
	ref := func(s int32) {
		j, ok := idx[s]
		if !ok {
			j = len(order)
			idx[s] = j
			order = append(order, s)
		}
		refs = strconv.AppendInt(refs, int64(j), 10)
	}
	for i, id := range sh.ids {
		if i > 0 {
			refs = append(refs, ',')
		}
		s, more := b.stemsOf(id)
		switch {
		case s < 0:
			refs = append(refs, '-', '1')
		case more == nil:
			ref(s)
		default:
			refs = append(refs, '[')
			ref(s)
			for _, m := range more {
				refs = append(refs, ',')
				ref(m)
			}
			refs = append(refs, ']')
		}
	}
	return refs, order
}

// leadDocs is how many of each stem's best docs a shard lists with their
// links ("m"): the client's first page. A one-word query then shows its
// links as soon as its shard arrives, and fetches fragments only for the
// snippets.
const leadDocs = 5

// leaders returns, in id order, the docs a shard lists in "m": for each
// of its stems and each language, the leadDocs docs with the highest
// scores (the lowest id first among equal ones, as the client ranks
// them), and the docs its names find.
func (b *builder) leaders(sh *shard, stems []int32) []int32 {
	type lead struct{ id, impact int32 }
	seen := map[int32]bool{}
	top := make([][]lead, len(b.langs)) // per language, best first
	for _, s := range stems {
		for i := range top {
			top[i] = top[i][:0]
		}
		p := b.postings(s)
		d := int32(-1)
		for j := 0; j < len(p); {
			var v uint32
			c := digitValue[p[j]]
			for j++; c >= 32; j++ {
				v = v<<5 | uint32(c-32)
				c = digitValue[p[j]]
			}
			d += int32(v<<5|uint32(c)) + 1
			impact := int32(digitValue[p[j]])
			j++
			lang := b.langOf[d]
			t := top[lang]
			if len(t) == leadDocs && t[leadDocs-1].impact >= impact {
				continue
			}
			// Postings ascend by id, so a doc goes after those of equal
			// impact.
			k := len(t)
			for k > 0 && t[k-1].impact < impact {
				k--
			}
			if len(t) < leadDocs {
				t = append(t, lead{})
			}
			copy(t[k+1:], t[k:])
			t[k] = lead{d, impact}
			top[lang] = t
		}
		for _, t := range top {
			for _, l := range t {
				seen[l.id] = true
			}
		}
	}
	for _, n := range sh.names {
		seen[int32(b.names[n])] = true
	}
	ids := make([]int32, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// appendJSONFloat formats f as encoding/json does.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 -> e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// manifest encodes search/index.json, the one file every query reads:
//
//	{"n": docs, "s": [where each shard starts],
//	 "f": {"kind": {"v": [values], "c": [[value indexes] per combination],
//	               "w": digits per doc, "d": "combination of each doc"}, ...}}
//
// A facet is stored per doc, not per value, because the counts beside the
// filters need the values of every doc that matches: for a word on every
// page that is every doc, and a digit or two each is the least it costs.
func (b *builder) manifest(sh []*shard) []byte {
	facets := map[string]any{}
	for f := range numFacets {
		fc := b.facet(f)
		if f == facetLang && len(fc["v"].([]string)) < 2 {
			continue // one language: nothing to rank or filter by
		}
		facets[facetNames[f]] = fc
	}
	return marshal(map[string]any{"n": len(b.docs), "s": shardFirsts(sh), "f": facets})
}

// facet encodes one facet. Each doc's set of values (a brief may name
// states in two regions) is one combination, numbered in doc order;
// combination 0 is the empty set, so a doc without a value costs a "0".
func (b *builder) facet(f int) map[string]any {
	comboID := map[string]int{"": 0}
	keys := []string{""}
	ids := make([]int, len(b.docs))
	for d, rec := range b.docs {
		if rec == nil {
			continue
		}
		key := rec.facets[f]
		id, ok := comboID[key]
		if !ok {
			id = len(keys)
			comboID[key] = id
			keys = append(keys, key)
		}
		ids[d] = id
	}
	seen := map[string]bool{}
	for _, k := range keys[1:] {
		for _, v := range strings.Split(k, "\x00") {
			seen[v] = true
		}
	}
	values := sortedKeys(seen)
	pos := map[string]int{}
	for i, v := range values {
		pos[v] = i
	}
	combos := [][]int{{}}
	for _, k := range keys[1:] {
		var c []int
		for _, v := range strings.Split(k, "\x00") {
			c = append(c, pos[v])
		}
		combos = append(combos, c)
	}
	width := 1
	for 1<<(6*width) < len(combos) {
		width++
	}
	enc := make([]byte, 0, width*len(ids))
	for _, id := range ids {
		enc = appendFixed(enc, id, width)
	}
	if values == nil {
		values = []string{}
	}
	out := map[string]any{"v": values, "c": combos, "w": width}
	// Docs are in URL order, so a facet that follows the URL (kind:
	// /situations/ then /states/; lang: /fr/, /ar/) comes in long runs,
	// which "r" writes as a combination and a count each. The shorter
	// form is written.
	var runs []byte
	for i := 0; i < len(ids) && len(runs) < len(enc); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		runs = appendFixed(runs, ids[i], width)
		runs = appendVarint(runs, uint32(j-i))
		i = j
	}
	if len(runs) < len(enc) {
		out["r"] = string(runs)
	} else {
		out["d"] = string(enc)
	}
	return out
}
