package search

import (
	"sort"
	"strings"
)

// shard is one term file: a run of consecutive surface words (in UTF-16
// order), the postings of their stems, and the exact names whose first
// word falls in the run.
type shard struct {
	words []string
	names []string
}

// shards cuts the sorted surface words into runs of about shardTarget
// bytes. A stem's postings go into every shard that holds one of its
// surface forms; forms of a stem share a prefix, so that is almost always
// one shard. A stem larger than the target gets a shard to itself, more or
// less, because the run is cut before the word that would overflow it.
func (b *builder) shards() []*shard {
	all := make([]string, 0, len(b.surface))
	total := 0
	for w, stem := range b.surface {
		all = append(all, w)
		total += len(w) + 4
		if stem != "" {
			total += len(b.stems[stem].enc) / 2 // stems are shared by about two forms
		}
	}
	sort.Slice(all, func(i, j int) bool { return less16(all[i], all[j]) })
	target := max(shardTarget, total/maxShards)

	var out []*shard
	cur, size, held := &shard{}, 0, map[string]bool{}
	for _, w := range all {
		cost := len(w) + 4
		if stem := b.surface[w]; stem != "" && !held[stem] {
			cost += len(b.stems[stem].enc) + 12
		}
		if size > 0 && size+cost > target {
			out = append(out, cur)
			cur, size, held = &shard{}, 0, map[string]bool{}
			cost = len(w) + 4
			if stem := b.surface[w]; stem != "" {
				cost += len(b.stems[stem].enc) + 12
			}
		}
		cur.words = append(cur.words, w)
		if stem := b.surface[w]; stem != "" {
			held[stem] = true
		}
		size += cost
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

// shardFirsts returns the word each shard starts at, the first as "": the
// client's map from a word to its shard.
func shardFirsts(sh []*shard) []string {
	firsts := make([]string, len(sh))
	for i, s := range sh[1:] {
		firsts[i+1] = s.words[0]
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
//	{"w": "word word ...", "s": [stem index per word, -1 for a stop word],
//	 "t": [[best score, "postings"], ...], "n": [["name key", doc id], ...]}
func (b *builder) shardJSON(sh *shard) []byte {
	idx := map[string]int{}
	var terms [][2]any
	stemOf := make([]int, len(sh.words))
	for i, w := range sh.words {
		stem := b.surface[w]
		if stem == "" {
			stemOf[i] = -1
			continue
		}
		j, ok := idx[stem]
		if !ok {
			j = len(terms)
			idx[stem] = j
			p := b.stems[stem]
			terms = append(terms, [2]any{p.best, p.enc})
		}
		stemOf[i] = j
	}
	names := make([][2]any, 0, len(sh.names))
	for _, n := range sh.names {
		names = append(names, [2]any{n, b.names[n]})
	}
	if terms == nil {
		terms = [][2]any{}
	}
	return marshal(map[string]any{"w": strings.Join(sh.words, " "), "s": stemOf, "t": terms, "n": names})
}

// manifest encodes search/index.json, the one file every query reads:
//
//	{"n": docs, "s": [first word of each shard],
//	 "f": {"kind": {"v": [values], "c": [[value indexes] per combination],
//	               "w": digits per doc, "d": "combination of each doc"}, ...}}
//
// A facet is stored per doc, not per value, because the counts beside the
// filters need the values of every doc that matches: for a word on every
// page that is every doc, and a digit or two each is the least it costs.
func (b *builder) manifest(sh []*shard) []byte {
	facets := map[string]any{}
	for f := range numFacets {
		facets[facetNames[f]] = b.facet(f)
	}
	return marshal(map[string]any{"n": len(b.docs), "s": shardFirsts(sh), "f": facets})
}

// facet encodes one facet. Each doc's set of values (a brief may name
// states in two regions) is one combination; combination 0 is the empty
// set, so a doc without a value costs a "0".
func (b *builder) facet(f int) map[string]any {
	seen := map[string]bool{}
	for _, a := range b.docs {
		for _, v := range a.facets[f] {
			seen[v] = true
		}
	}
	values := sortedKeys(seen)
	pos := map[string]int{}
	for i, v := range values {
		pos[v] = i
	}
	combos := [][]int{{}}
	comboID := map[string]int{"": 0}
	ids := make([]int, len(b.docs))
	for d, a := range b.docs {
		key := strings.Join(a.facets[f], "\x00")
		id, ok := comboID[key]
		if !ok {
			id = len(combos)
			comboID[key] = id
			c := make([]int, len(a.facets[f]))
			for i, v := range a.facets[f] {
				c[i] = pos[v]
			}
			combos = append(combos, c)
		}
		ids[d] = id
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
	return map[string]any{"v": values, "c": combos, "w": width, "d": string(enc)}
}
