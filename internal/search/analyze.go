package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
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

// titleBit marks, in a stem's term frequency, a stem that occurs in the
// title; the body count is capped below it.
const titleBit = 1 << 15

// Analyzed is one Doc tokenised, stemmed and encoded: everything the index
// needs from it and nothing more. It is a pure function of the Doc and the
// language, so a caller (the live preview) may keep it for pages that did
// not change and Add it to the next Index. It is immutable once made.
//
// It is kept small because the preview keeps one per page: the page's
// vocabulary is a byte string of lexicon numbers (about 2.5 bytes a
// distinct word), and the rest is the fragment a result is shown from.
// The numbers are the process's own (see lexicon), so an Analyzed means
// nothing outside the process that made it.
type Analyzed struct {
	url    string
	facets [numFacets]string // values of kind, region, risk, year: sorted, "\x00"-joined
	names  []string          // NameKeys
	frag   []byte            // the fragment file's JSON: what a result is shown from
	length int32             // indexed tokens, for BM25's length normalisation

	// terms holds each distinct surface word of the page as its pair id
	// (ascending, as the gap from the previous one) and a field, both
	// uvarints. For the first word of each stem (in pair order) the field
	// is the stem's body count<<1 | 1 if the stem is in the title; it is 0
	// for the stem's other words and for stop words, which only tell the
	// index that the word exists. So the stem's postings come from the
	// first word, and no work is left to group them later.
	terms []byte
}

// URL returns the page's site path.
func (a *Analyzed) URL() string { return a.url }

// Analyze tokenises d for the index in language lang (a BCP 47 tag; en,
// fr, es and ru are stemmed, others are indexed word for word).
func Analyze(d Doc, lang string) *Analyzed {
	lg := languageFor(lang)
	a := &Analyzed{url: d.URL}
	a.facets[facetKind] = d.Kind
	a.facets[facetRegion] = strings.Join(uniqueSorted(d.Region), "\x00")
	a.facets[facetRisk] = d.Risk
	a.facets[facetYear] = year(d.Date)
	for _, n := range d.Names {
		if k := NameKey(n); k != "" {
			a.names = append(a.names, k)
		}
	}
	a.names = uniqueSorted(a.names)

	// Count each surface word once, then look each distinct one up: a
	// page repeats its words. The title's words carry inTitle.
	const inTitle = 1 << 30
	text := fold(d.Text)
	counts := make(map[string]int32, len(text)/16)
	eachWord(text, func(w string) {
		if indexable(w) {
			counts[w]++
		}
	})
	eachWord(fold(d.Title), func(w string) {
		if indexable(w) {
			counts[w] |= inTitle
		}
	})

	// Each word's pair and stem, under one read lock for the page; words
	// the language has not seen yet are stemmed after it.
	type rec struct {
		pair, stem1 uint32 // stem id+1, 0 for a stop word
		n           int32
	}
	recs := make([]rec, 0, len(counts))
	var missed []string
	lg.mu.RLock()
	for w, n := range counts {
		v, ok := lg.words[w]
		if !ok {
			missed = append(missed, w)
			continue
		}
		recs = append(recs, rec{uint32(v >> 32), uint32(v), n})
	}
	lg.mu.RUnlock()
	for _, w := range missed {
		v := lg.learn(w)
		recs = append(recs, rec{uint32(v >> 32), uint32(v), counts[w]})
	}

	// Group by stem: sort keys of stem<<32 | position (integers sort
	// without calls or write barriers), then give each stem's total to its
	// lowest pair.
	keys := make([]uint64, len(recs))
	for i, r := range recs {
		keys[i] = uint64(r.stem1)<<32 | uint64(i)
	}
	slices.Sort(keys)
	out := make([]uint64, 0, len(recs)) // pair<<32 | field
	length := 0
	for k := 0; k < len(keys); {
		r := &recs[uint32(keys[k])]
		if r.stem1 == 0 {
			out = append(out, uint64(r.pair)<<32)
			k++
			continue
		}
		first, n, title := r.pair, 0, false
		j := k
		for ; j < len(keys) && uint32(keys[j]>>32) == r.stem1; j++ {
			x := &recs[uint32(keys[j])]
			first = min(first, x.pair)
			n += int(x.n &^ inTitle)
			title = title || x.n&inTitle != 0
		}
		length += n
		field := uint64(min(n, titleBit-1)) << 1
		if title {
			field |= 1
		}
		for ; k < j; k++ {
			x := &recs[uint32(keys[k])]
			if x.pair == first {
				out = append(out, uint64(x.pair)<<32|field)
			} else {
				out = append(out, uint64(x.pair)<<32)
			}
		}
	}
	slices.Sort(out)
	b := make([]byte, 0, 3*len(out))
	prev := uint32(0)
	for _, x := range out {
		p := uint32(x >> 32)
		b = binary.AppendUvarint(b, uint64(p-prev))
		b = binary.AppendUvarint(b, uint64(uint32(x)))
		prev = p
	}
	a.terms = b
	a.length = int32(min(length, math.MaxInt32))
	a.frag = fragment(d)
	return a
}

// eachPair calls fn for each pair in terms, in order, with its field.
// The index's hot loops decode inline instead; this is for the rest.
func eachPair(terms []byte, fn func(pair, field uint32)) {
	p := uint32(0)
	for i := 0; i < len(terms); {
		gap, n := binary.Uvarint(terms[i:])
		i += n
		field, n := binary.Uvarint(terms[i:])
		i += n
		p += uint32(gap)
		fn(p, uint32(field))
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
