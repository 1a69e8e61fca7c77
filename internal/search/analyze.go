package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
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
	// Summary is text that comes before Text (a brief's summary): indexed
	// and shown with it, without the caller joining the two.
	Summary string
	Card    *Card    // non-nil for states, treaties, commitments: shown when a query names the doc exactly
	Names   []string // exact names and codes that put this doc first ("Syrian Arab Republic", "SYR")
	// TextOnPage says that the page at URL shows Text itself, in an
	// element marked data-search-body, so that a served site needs no copy
	// of it: the client takes a result's snippet from the page. Offline
	// copies, which cannot fetch pages, need the copy.
	TextOnPage bool
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

// inTitle marks, in a page's count of a word, a word of its title.
const inTitle = 1 << 30

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
	facets [numFacets]string // values of kind, region, risk, year, lang: sorted, "\x00"-joined
	names  []string          // NameKeys
	frag   []byte            // the fragment file's JSON: what a result is shown from; nil if Doc.TextOnPage
	head   []byte            // [url, title, kind, date] as JSON: a result's link, without its snippet
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

// Analyze tokenises d for the index in language lang (a BCP 47 tag, the
// page's own language: en, fr, es and ru are stemmed with Snowball, ar has
// its articles taken off, Chinese and Japanese text is indexed as
// bigrams, and others word for word; see fold for the normalisation every
// language gets). The doc's language, as its primary subtag, is its
// "lang" facet: the client ranks docs in the reader's language first.
func Analyze(d Doc, lang string) *Analyzed {
	lg := languageFor(lang)
	a := &Analyzed{url: d.URL}
	a.facets[facetLang] = base(lang)
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

	sc := scratchPool.Get().(*scratch)
	defer sc.release()

	// Count the words by pair, each word looked up in the language's
	// table as it comes, under one read lock for the page. The title's
	// words carry inTitle. Words the language has not seen yet are
	// counted apart and stemmed after the lock.
	ascii := sc.lowerASCII(d.Summary, d.Text)
	var text string
	if !ascii {
		text = fold(d.text())
	}
	title := fold(d.Title)
	lg.mu.RLock()
	sc.words = &lg.words
	if ascii {
		sc.countWords()
	} else {
		eachWord(text, func(w string) {
			if indexable(w) {
				sc.count(keyOf(w), w, 1)
			}
		})
	}
	eachWord(title, func(w string) {
		if indexable(w) {
			sc.count(keyOf(w), w, inTitle)
		}
	})
	sc.words = nil
	lg.mu.RUnlock()
	recs := sc.recs[:0]
	for _, v := range sc.found[:sc.nfound] {
		p := uint32(v >> 32)
		recs = append(recs, rec{pair: p, stem1: uint32(v), n: sc.counts[p]})
		sc.counts[p] = 0
	}
	if pw := &sc.page; len(pw.used) > 0 {
		sc.learned = lg.learn(pw, sc.learned[:0])
		for j, v := range sc.learned {
			recs = append(recs, rec{pair: uint32(v >> 32), stem1: uint32(v), n: pw.slots[pw.used[j]].n})
		}
	}

	// Group the words by stem: the first word of a stem becomes its
	// group's head (slot[stem] = head+1), and the head gathers the
	// group's count, title flag and lowest pair. Most stems have one word
	// on a page; a slot table indexed by lexicon id groups them without a
	// sort or a map.
	maxStem := uint32(0)
	for i := range recs {
		maxStem = max(maxStem, recs[i].stem1)
	}
	if int(maxStem) >= len(sc.slot) {
		sc.slot = make([]int32, max(int(maxStem)+1, 2*len(sc.slot)))
	}
	slot := sc.slot
	length := 0
	for i := range recs {
		r := &recs[i]
		r.total, r.first = r.n&^inTitle, r.pair
		length += int(r.total)
		if r.stem1 == 0 {
			continue
		}
		if h := slot[r.stem1]; h != 0 {
			head := &recs[h-1]
			head.total += r.total
			head.n |= r.n & inTitle
			head.first = min(head.first, r.pair)
			continue
		}
		slot[r.stem1] = int32(i + 1)
	}
	out := sc.out[:0] // pair<<32 | field
	for i := range recs {
		r := &recs[i]
		if r.stem1 == 0 {
			length -= int(r.total) // stop words do not count
			out = append(out, uint64(r.pair)<<32)
			continue
		}
		head := &recs[slot[r.stem1]-1]
		if r.pair != head.first {
			out = append(out, uint64(r.pair)<<32)
			continue
		}
		field := uint64(min(head.total, titleBit-1)) << 1
		if head.n&inTitle != 0 {
			field |= 1
		}
		out = append(out, uint64(r.pair)<<32|field)
	}
	for i := range recs {
		slot[recs[i].stem1] = 0
	}
	out, sc.tmp = sortByPair(out, sc.tmp)
	// Sized exactly: the index keeps it for the whole build.
	size, prev := 0, uint32(0)
	for _, x := range out {
		p := uint32(x >> 32)
		size += uvarintLen(p-prev) + uvarintLen(uint32(x))
		prev = p
	}
	b := make([]byte, 0, size)
	prev = 0
	for _, x := range out {
		p := uint32(x >> 32)
		b = binary.AppendUvarint(b, uint64(p-prev))
		b = binary.AppendUvarint(b, uint64(uint32(x)))
		prev = p
	}
	a.terms = b
	sc.recs, sc.out = recs, out
	a.length = int32(min(length, math.MaxInt32))
	a.head = appendHead(make([]byte, 0, len(d.URL)+len(d.Title)+len(d.Kind)+len(d.Date)+16), d)
	if d.TextOnPage {
		// The head says where the text is: a 0 in its place.
		a.head = append(a.head[:len(a.head)-1], ",0]"...)
	} else {
		a.frag = fragment(d, a.head)
	}
	return a
}

// uvarintLen is the length of x as binary.AppendUvarint writes it.
func uvarintLen(x uint32) int { return (bits.Len32(x|1) + 6) / 7 }

// rec is one distinct word of a page being analyzed.
type rec struct {
	pair, stem1 uint32 // stem id+1, 0 for a stop word
	n           int32  // body count, | inTitle
	// For the head of a stem's group: the group's body count and lowest
	// pair.
	total int32
	first uint32
}

// scratch is Analyze's working memory, reused from page to page: the
// pages of a build are alike, and allocating it afresh for each was a
// good part of the garbage a build makes.
type scratch struct {
	words   *wordTable // the page's language's, while its lock is held
	counts  []int32    // by pair id: the page's count of the pair's word, | inTitle; all 0 between pages
	found   []uint64   // the language's values of the page's words in words, each once, in found[:nfound]
	nfound  int
	page    pageWords // the page's words that are not in words
	learned []uint64  // the values learn gave page's words
	lower   []byte    // the page's text lower-cased, when it is ASCII
	recs    []rec
	out     []uint64
	slot    []int32 // by stem id+1: 1 + the index in recs of the stem's head; all 0 between pages
	tmp     []uint64
}

// count counts w, whose key is k: add is 1 for a word of the body,
// inTitle for one of the title. A word the language knows is counted by
// its pair, in counts; one it does not, in page.
func (sc *scratch) count(k wordKey, w string, add int32) {
	var v uint64
	var ok bool
	if k.isShort() {
		v, ok = sc.words.getShort(k)
	} else {
		v, ok = sc.words.getLong(k, w)
	}
	if !ok {
		sc.page.add(k, w, add)
		return
	}
	p := v >> 32
	if p >= uint64(len(sc.counts)) {
		sc.counts = slices.Grow(sc.counts, int(p)+1-len(sc.counts))
		sc.counts = sc.counts[:cap(sc.counts)]
	}
	// The first time a pair is counted on a page (about half the words)
	// is not predictable: a branch on it cost more than storing v
	// whether or not it is kept.
	c := &sc.counts[p]
	if sc.nfound == len(sc.found) {
		sc.found = append(sc.found, 0)
		sc.found = sc.found[:cap(sc.found)]
	}
	sc.found[sc.nfound] = v
	sc.nfound += int(uint32(*c-1) >> 31) // 1 if *c is 0: counts are below 1<<31
	if add == 1 {
		*c++
	} else {
		*c |= add
	}
}

// lowerASCII and countWords count the words of summary and text (as
// Doc.text joins them), if both are ASCII (most text of most sites):
// lowerASCII reports whether they are. They are fold, eachWord and
// indexable for that case: words are runs of ASCII letters and digits,
// and a single letter is not indexed. The words point into a buffer the
// scratch keeps until release.
//
// lowerASCII copies the text lower-cased, with every byte that is not
// part of a word made 0. countWords reads each word's key eight bytes at
// a time: the first zero byte of those read ends the word, so a word
// costs a few operations whatever its length, where a loop over its
// bytes cost one branch per byte. Text that turns out not to be ASCII
// has cost a copy, little beside what fold then costs it.
func (sc *scratch) lowerASCII(summary, text string) bool {
	n := len(text)
	if summary != "" {
		n += len(summary) + 1
	}
	// 16 zero bytes after the text let countWords read the 16 bytes
	// from any word's start.
	b := slices.Grow(sc.lower[:0], n+16)[:n+16]
	sc.lower = b
	ascii := true
	i := 0
	if summary != "" {
		ascii = lowerWords(b, summary)
		b[len(summary)] = 0
		i = len(summary) + 1
	}
	if !lowerWords(b[i:], text) || !ascii {
		return false
	}
	clear(b[n:])
	return true
}

// lowerWords writes s to dst as lowerASCII does, each ASCII letter and
// digit lower-cased and any other byte 0, and reports whether s is
// ASCII. It does eight bytes at a time (lowerWord).
func lowerWords(dst []byte, s string) (ascii bool) {
	dst = dst[:len(s)]
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	var or uint64
	i := 0
	for ; i+8 <= len(src); i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		or |= x
		binary.LittleEndian.PutUint64(dst[i:], lowerWord(x))
	}
	for ; i < len(src); i++ {
		or |= uint64(src[i])
		dst[i] = wordByte[src[i]]
	}
	return or&highs == 0
}

const ones, highs = 0x0101010101010101, 0x8080808080808080

// lowerWord is wordByte for each byte of x, if all are ASCII. Each byte
// is compared with the bounds of the letters and the digits at once:
// adding a constant to a byte below 0x80 sets its high bit, or not, with
// no carry into the next.
func lowerWord(x uint64) uint64 {
	lc := x | ones*0x20 // letters lower-cased; digits unchanged
	letter := (lc + ones*(0x80-'a')) &^ (lc + ones*(0x7f-'z'))
	digit := (x + ones*(0x80-'0')) &^ (x + ones*(0x7f-'9'))
	word := (letter | digit) & highs // the high bit of each letter and digit
	return lc & (word >> 7 * 0xff)
}

// wordByte maps each ASCII letter and digit to itself lower-cased, and
// any other byte to 0.
var wordByte = func() (t [256]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		if asciiWord[c] != 0 {
			t[c] = asciiLower[c]
		}
	}
	return t
}()

// countWords counts the words lowerASCII left in sc.lower: all but the
// last 16 bytes, which are 0.
func (sc *scratch) countWords() {
	b := sc.lower
	n := len(b) - 16
	for i := 0; i < n; {
		if b[i] == 0 {
			i++
			continue
		}
		// The lowest set bit of z marks the first zero byte of x: the
		// usual test for a zero byte in a word is exact for the first.
		x := binary.LittleEndian.Uint64(b[i:])
		if z := (x - ones) &^ x & highs; z != 0 {
			l := bits.TrailingZeros64(z) >> 3 // from 1 to 7: b[i] is not 0
			x &= 1<<(8*l) - 1
			if l > 1 || x-'0' <= 9 {
				sc.count(shortKey(x, 0), unsafe.String(&b[i], l), 1)
			}
			i += l + 1
			continue
		}
		y := binary.LittleEndian.Uint64(b[i+8:])
		if z := (y - ones) &^ y & highs; z != 0 {
			l := bits.TrailingZeros64(z) >> 3
			y &= 1<<(8*l) - 1
			sc.count(shortKey(x, y), unsafe.String(&b[i], 8+l), 1)
			i += 8 + l + 1
			continue
		}
		e := i + 16
		for b[e] != 0 {
			e++
		}
		if w := unsafe.String(&b[i], e-i); len(w) <= maxToken {
			sc.count(keyOf(w), w, 1)
		}
		i = e + 1
	}
}

// text is the doc's summary and text as one.
func (d *Doc) text() string {
	if d.Summary == "" {
		return d.Text
	}
	return d.Summary + "\n" + d.Text
}

var asciiLower = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// pageWords counts the words of one page that its language does not
// know yet. It is a hash table like wordTable that also lists the slots
// in use, so that it is read and cleared in time proportional to the
// page, not to its size.
type pageWords struct {
	slots []pageSlot // a power of two long; h == 0 marks an empty slot
	used  []int32    // the slot of each distinct word, in the order first seen
	words []string   // each distinct word, in the same order
}

type pageSlot struct {
	a, b uint64 // as in wordKey
	h    uint32
	n    int32 // occurrences in the body, | inTitle
	i    int32 // the word's index in used and words
}

func (s *pageSlot) key() wordKey { return wordKey{a: s.a, b: s.b, h: s.h} }

// add counts w, whose key is k: add is 1 for a word of the body, inTitle
// for one of the title.
func (p *pageWords) add(k wordKey, w string, add int32) {
	if 2*(len(p.used)+1) > len(p.slots) {
		p.grow()
	}
	mask := uint32(len(p.slots) - 1)
	i := k.h & mask
	for {
		s := &p.slots[i]
		if s.h == k.h && s.a == k.a && s.b == k.b && (k.h&longBit == 0 || p.words[s.i] == w) {
			break
		}
		if s.h == 0 {
			*s = pageSlot{a: k.a, b: k.b, h: k.h, i: int32(len(p.used))}
			p.used = append(p.used, int32(i))
			p.words = append(p.words, w)
			break
		}
		i = (i + 1) & mask
	}
	s := &p.slots[i]
	if add == 1 {
		s.n++
	} else {
		s.n |= add
	}
}

func (p *pageWords) grow() {
	old := p.slots
	p.slots = make([]pageSlot, max(1024, 2*len(old)))
	mask := uint32(len(p.slots) - 1)
	for j, u := range p.used {
		s := old[u]
		i := s.h & mask
		for p.slots[i].h != 0 {
			i = (i + 1) & mask
		}
		p.slots[i] = s
		p.used[j] = int32(i)
	}
}

func (p *pageWords) reset() {
	for _, i := range p.used {
		p.slots[i] = pageSlot{}
	}
	p.used = p.used[:0]
	clear(p.words) // they point into the page's text
	p.words = p.words[:0]
}

// sortByPair sorts x by its upper 32 bits, which are distinct, a byte at
// a time from the lowest (LSD radix): pair ids of a page are a few
// hundred numbers below the lexicon's size, two bytes of them for most
// sites, and comparing sorts spent a sixth of Analyze on them. It returns
// the sorted slice and the other buffer for reuse.
func sortByPair(x, tmp []uint64) (sorted, spare []uint64) {
	if len(x) < 64 {
		slices.Sort(x)
		return x, tmp
	}
	var top uint64
	for _, v := range x {
		top |= v >> 32
	}
	tmp = slices.Grow(tmp[:0], len(x))[:len(x)]
	for shift := uint(32); shift < 64 && top>>(shift-32) != 0; shift += 8 {
		var count [257]int
		for _, v := range x {
			count[(v>>shift)&0xff+1]++
		}
		for i := 1; i < 256; i++ {
			count[i] += count[i-1]
		}
		for _, v := range x {
			d := (v >> shift) & 0xff
			tmp[count[d]] = v
			count[d]++
		}
		x, tmp = tmp, x
	}
	return x, tmp
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

func (sc *scratch) release() {
	// The table holds substrings of the page's text: drop them so the
	// pool does not keep the page alive.
	sc.page.reset()
	sc.nfound = 0
	scratchPool.Put(sc)
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

// fragment is the JSON a result is shown from: head ([url, title, kind,
// date]) with the text added and, for a doc with a card, the card as {t,
// s, f}. The text is written by hand: it is most of the bytes, and
// encoding/json would spend more time on it than the tokeniser spends on
// the page.
func fragment(d Doc, head []byte) []byte {
	text := d.text()
	b := make([]byte, 0, len(head)+min(len(text), maxText)+64)
	b = append(b, head[:len(head)-1]...)
	b = append(b, ',')
	b = appendJSONString(b, clip(strings.TrimSpace(text), maxText))
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

// appendHead appends a doc's head, [url, title, kind, date], as JSON.
func appendHead(b []byte, d Doc) []byte {
	b = append(b, '[')
	for i, s := range [...]string{d.URL, d.Title, d.Kind, d.Date} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
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
		// Copy the run of bytes that need no escape at once: nearly all
		// of a page's text is one.
		j := i
		for j < len(s) && jsonSafe[s[j]] {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
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

// jsonSafe marks the bytes appendJSONString copies as they are: printable
// ASCII but the quote and the backslash.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

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

// uniqueSorted returns the distinct non-empty strings of in, sorted, in a
// new slice (nil if there are none).
func uniqueSorted(in []string) []string {
	var out []string
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
