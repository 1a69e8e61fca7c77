package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
)

// The lexicon numbers, once per process, every string the index uses as a
// word or a stem, and every (surface word, stem) pair. An Analyzed then
// holds a page's vocabulary as a few hundred small integers instead of a
// few hundred strings, and the index inverts integers, not strings.
//
// A site's vocabulary is small next to its text (tens of thousands of
// words for 100,000 briefs), so the lexicon is a few megabytes that
// outlive any one build. It only grows: the live preview keeps words from
// text that was since edited away, as the stem cache before it did.
// Nothing written depends on the numbers, only on the strings they stand
// for, so the output is the same whatever order pages were analyzed in.
type lexicon struct {
	mu    sync.RWMutex
	ids   map[string]uint32 // string -> id
	strs  []string          // id -> string
	pairs map[uint64]uint32 // word id<<32 | stem id+1 -> pair id
	// Per pair: its surface word and its stem id+1, 0 for a stop word
	// (which is indexed as such so the client can skip it in a query).
	pairWord []uint32
	pairStem []uint32
}

var lex = &lexicon{ids: map[string]uint32{}, pairs: map[uint64]uint32{}}

// internLocked returns s's id, numbering it if new. l.mu is held for
// writing.
func (l *lexicon) internLocked(s string) uint32 {
	if id, ok := l.ids[s]; ok {
		return id
	}
	s = strings.Clone(s) // s may point into a page's text
	id := uint32(len(l.strs))
	l.ids[s] = id
	l.strs = append(l.strs, s)
	return id
}

// pair returns the id of word with stem ("" for a stop word) and the
// stem's id+1 (0 for a stop word).
func (l *lexicon) pair(word, stem string) (pair, stem1 uint32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.internLocked(word)
	if stem != "" {
		stem1 = l.internLocked(stem) + 1
	}
	key := uint64(w)<<32 | uint64(stem1)
	p, ok := l.pairs[key]
	if !ok {
		p = uint32(len(l.pairWord))
		l.pairs[key] = p
		l.pairWord = append(l.pairWord, w)
		l.pairStem = append(l.pairStem, stem1)
	}
	return p, stem1
}

// snapshot returns the tables as they stand. They are only ever appended
// to, so the returned slices stay valid and unchanged while other builds
// add to the lexicon.
func (l *lexicon) snapshot() (strs []string, pairWord, pairStem []uint32) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.strs[:len(l.strs):len(l.strs)], l.pairWord[:len(l.pairWord):len(l.pairWord)],
		l.pairStem[:len(l.pairStem):len(l.pairStem)]
}

// language maps a folded word to its pair, stemming each word once per
// process: Snowball was most of the cost of analysing a page, and a site
// repeats its words.
type language struct {
	stem func(string) string
	stop func(string) bool
	mu   sync.RWMutex
	// word -> pair id<<32 | stem id+1 (0 for a stop word). A table under
	// a read-write lock: after the first pages nearly every lookup is a
	// hit, and Analyze takes the read lock once per page, not once per
	// word.
	words wordTable
}

var (
	languagesMu sync.Mutex
	languages   = map[string]*language{}
)

func languageFor(lang string) *language {
	languagesMu.Lock()
	defer languagesMu.Unlock()
	b := base(lang)
	lg := languages[b]
	if lg == nil {
		lg = newLanguage(b)
		languages[b] = lg
	}
	return lg
}

func newLanguage(b string) *language {
	none := func(string) bool { return false }
	lg := &language{words: newWordTable(1024), stop: none, stem: func(w string) string { return w }}
	switch b {
	case "en":
		lg.stem, lg.stop = func(w string) string { return english.Stem(w, false) }, english.IsStopWord
	case "fr":
		lg.stem = func(w string) string { return french.Stem(w, false) }
		lg.stop = func(w string) bool { return french.IsStopWord(w) || frenchStops[w] }
	case "es":
		lg.stem, lg.stop = func(w string) string { return spanish.Stem(w, false) }, spanish.IsStopWord
	case "ru":
		lg.stem, lg.stop = func(w string) string { return russian.Stem(w, false) }, russian.IsStopWord
	case "ar":
		lg.stop = func(w string) bool { return arabicStops[w] }
	}
	return lg
}

// frenchStops adds to Snowball's French list the words it lacks and the
// folded forms of its accented ones: the index sees words folded.
var frenchStops = setOf("les", "ils", "elles", "meme", "ete", "etre", "etes", "etait", "etaient", "etant")

// arabicStops are the commonest Arabic particles and pronouns, folded
// (so إلى is الي). A query's stop words are skipped, not required, and a
// stop word costs the index no postings.
var arabicStops = setOf("في", "من", "الي", "علي", "عن", "ان", "او", "ما", "لا", "لم", "لن", "قد", "ثم",
	"مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "هو", "هي", "هم", "كان", "كانت", "بين", "كل", "وفي", "ومن")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// arabicStem is a light stemmer: it takes the definite article (ال, and
// وال بال كال فال لل, the article after a one-letter particle) off a
// folded word that keeps at least two letters without it, so الحماية,
// والحماية and حماية are one term. It leaves suffixes alone: light
// stemming of the prefixes is most of what Arabic retrieval gains from
// stemming, and taking off more would merge unrelated words.
func arabicStem(w string) string {
	for _, p := range arabicArticles {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return w
}

var arabicArticles = []string{"وال", "بال", "كال", "فال", "ال", "لل"}

// base returns the primary language subtag: "en-GB" -> "en".
func base(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

// learn stems the words of p, which the language had not seen when the
// page was counted, records them, and appends the value of each to vals,
// in p's order. It takes the write lock once for the page: the page's
// readers wait for it.
func (lg *language) learn(p *pageWords, vals []uint64) []uint64 {
	start := len(vals)
	for _, w := range p.words {
		stem := ""
		if r, _ := utf8.DecodeRuneInString(w); isCJK(r) || !lg.stop(w) {
			stem = lg.stemOf(w)
		}
		pair, s1 := lex.pair(w, stem)
		vals = append(vals, uint64(pair)<<32|uint64(s1))
	}
	lg.mu.Lock()
	for j, w := range p.words {
		k := p.slots[p.used[j]].key()
		if _, ok := lg.words.get(k, w); !ok {
			lg.words.put(k, w, vals[start+j])
		}
	}
	lg.mu.Unlock()
	return vals
}

// stemOf returns the index term for a folded word. Numbers and CJK
// bigrams stay as they are; a word in Arabic script has its article taken
// off (arabicStem) on a page in any language, so a name quoted in Arabic
// on an English page meets the Arabic pages' term. Stemming folded words
// costs the French and Spanish stemmers a little precision (they know
// accented suffixes), but the client never stems: it looks the words it is
// given up in the index, so only consistency within the index matters, and
// folding again keeps stems in the same alphabet as the words.
func (lg *language) stemOf(w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case w == "" || unicode.IsNumber(r) || isCJK(r):
		return w
	case unicode.Is(unicode.Arabic, r):
		return arabicStem(w)
	}
	st := fold(lg.stem(w))
	if st == "" {
		st = w
	}
	return st
}
