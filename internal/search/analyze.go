package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Doc is one page to index.
type Doc struct {
	URL    string   // site path, e.g. /situations/syria/; the client adds the site's root
	Title  string   // shown as the result link
	Kind   string   // brief, state, treaty, commitment, page
	Date   string   // YYYY-MM-DD, YYYY-MM, YYYY or ""
	States []string // ISO alpha-3 codes
	Region []string // region names of those states
	Risk   string   // risk level id for briefs, or ""
	Text   string   // plain text of the body
	Card   *Card    // non-nil for states, treaties, commitments: shown when a query names the doc exactly
	Names  []string // exact names and codes that put this doc first ("Syrian Arab Republic", "SYR")
}

// Card is what a result shows above the list when the query is exactly one
// of its doc's Names: a state's name with its region, risk level and core
// treaties joined, say.
type Card struct {
	Title, Subtitle string
	Facts           [][2]string // label, value
}

// maxText bounds the text kept for snippets, in bytes. A match beyond it
// still finds the page (the whole text is indexed); its snippet then comes
// from the start of the page, unmarked. It keeps one result's fragment
// small on a poor connection and the index's memory bounded.
const maxText = 12 << 10

// titleBit marks, in Analyzed.tf, a term that occurs in the title.
const titleBit = 1 << 15

// Analyzed is one Doc tokenised, stemmed and encoded: everything the index
// needs from it and nothing more. It is a pure function of the Doc and the
// language, so a caller (the live preview) may keep it for pages that did
// not change and Add it to the next Index. It is immutable once made.
type Analyzed struct {
	url    string
	facets [numFacets][]string // values of kind, region, risk, year
	names  []string            // NameKeys
	frag   []byte              // the fragment file's JSON: what a result shows
	length int                 // indexed tokens, for BM25's length normalisation

	// terms packs, for each stem in order, "stem\x00surface\x01surface\x02":
	// one string rather than thousands of small ones keeps a cached
	// Analyzed cheap for the garbage collector.
	terms string
	tf    []uint16 // per stem: body occurrences (capped), titleBit if in the title
	stops string   // stop words seen, "\x02"-terminated
}

// URL returns the page's site path.
func (a *Analyzed) URL() string { return a.url }

// Analyze tokenises d for the index in language lang (a BCP 47 tag; en,
// fr, es and ru are stemmed, others are indexed word for word).
func Analyze(d Doc, lang string) *Analyzed {
	st := stemmerFor(lang)
	a := &Analyzed{url: d.URL}
	a.facets[facetKind] = nonEmpty(d.Kind)
	a.facets[facetRegion] = uniqueSorted(d.Region)
	a.facets[facetRisk] = nonEmpty(d.Risk)
	a.facets[facetYear] = nonEmpty(year(d.Date))
	for _, n := range d.Names {
		if k := NameKey(n); k != "" {
			a.names = append(a.names, k)
		}
	}
	a.names = uniqueSorted(a.names)

	// Count each surface word once, then stem each distinct one: a page
	// repeats its words, and the stemmer is the expensive part.
	text := fold(d.Text)
	body := make(map[string]int, len(text)/16)
	eachWord(text, func(w string) {
		if indexable(w) {
			body[w]++
		}
	})
	title := map[string]bool{}
	eachWord(fold(d.Title), func(w string) {
		if indexable(w) {
			title[w] = true
			if _, ok := body[w]; !ok {
				body[w] = 0
			}
		}
	})
	// One record per surface word, sorted by stem: grouping by sorting
	// costs less than a map of stems with a slice each.
	type rec struct {
		stem, word string
		n          int
	}
	recs := make([]rec, 0, len(body))
	var stops []string
	for w, n := range body {
		if st.stop(w) {
			stops = append(stops, w)
			continue
		}
		recs = append(recs, rec{st.stemOf(w), w, n})
		a.length += n
	}
	// Sort positions, not the records: swapping ints needs no write
	// barriers, and this sort is a tenth of the analysis.
	order := make([]int32, len(recs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		x, y := &recs[i], &recs[j]
		if c := strings.Compare(x.stem, y.stem); c != 0 {
			return c
		}
		return strings.Compare(x.word, y.word)
	})
	var b strings.Builder
	for k := 0; k < len(order); {
		stem, n, inTitle := recs[order[k]].stem, 0, false
		b.WriteString(stem)
		b.WriteByte(0)
		for j := k; k < len(order) && recs[order[k]].stem == stem; k++ {
			r := &recs[order[k]]
			if k > j {
				b.WriteByte(1)
			}
			b.WriteString(r.word)
			n += r.n
			inTitle = inTitle || title[r.word]
		}
		b.WriteByte(2)
		tf := uint16(min(n, titleBit-1))
		if inTitle {
			tf |= titleBit
		}
		a.tf = append(a.tf, tf)
	}
	a.terms = b.String()
	b.Reset()
	slices.Sort(stops)
	for _, w := range stops {
		b.WriteString(w)
		b.WriteByte(2)
	}
	a.stops = b.String()
	a.frag = fragment(d)
	return a
}

// eachTerm calls fn for each of a's stems in order, with its surface forms
// joined by "\x01" and its packed frequency.
func (a *Analyzed) eachTerm(fn func(stem, surfaces string, tf uint16)) {
	rest := a.terms
	for i := 0; rest != ""; i++ {
		end := strings.IndexByte(rest, 2)
		rec := rest[:end]
		rest = rest[end+1:]
		z := strings.IndexByte(rec, 0)
		fn(rec[:z], rec[z+1:], a.tf[i])
	}
}

// fragment is the JSON a result is shown from: [url, title, kind, date,
// text] and, for a doc with a card, the card as {t, s, f}. The text is
// written by hand: it is most of the bytes, and encoding/json would
// spend more time on it than the tokeniser spends on the page.
func fragment(d Doc) []byte {
	head := marshal([]string{d.URL, d.Title, d.Kind, d.Date})
	b := make([]byte, 0, len(head)+min(len(d.Text), maxText)+64)
	b = append(b, head[:len(head)-1]...)
	b = append(b, ',')
	b = appendJSONString(b, clip(strings.TrimSpace(d.Text), maxText))
	if c := d.Card; c != nil {
		facts := c.Facts
		if facts == nil {
			facts = [][2]string{}
		}
		b = append(b, ',')
		b = append(b, marshal(map[string]any{"t": c.Title, "s": c.Subtitle, "f": facts})...)
	}
	return append(b, ']')
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as encoding/json does; U+2028 and U+2029 are escaped so the
// offline .js form is a valid script for any JavaScript engine.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == 0x2028 || r == 0x2029:
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// marshal encodes v as compact JSON without HTML escaping: the files are
// data read by a script, never markup, and \u003c costs five bytes more
// than < on every snippet.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only strings, numbers, slices and maps reach here.
		panic("search: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// clip cuts s to at most n bytes at a space or line end, so no word or
// rune is split.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexAny(s[:n], " \n")
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut]
}

// year returns the year of a YYYY[-MM[-DD]] date, or "".
func year(date string) string {
	if len(date) < 4 {
		return ""
	}
	for _, c := range date[:4] {
		if c < '0' || c > '9' {
			return ""
		}
	}
	if len(date) > 4 && date[4] != '-' {
		return ""
	}
	return date[:4]
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
