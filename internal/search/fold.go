package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/unicode/norm"
)

// maxToken is the longest token indexed, in bytes. Longer runs are hashes,
// URLs without punctuation or garbage; nobody types them into a search box.
const maxToken = 40

// special folds letters that canonical decomposition leaves alone. The same
// table is in static/js/search.js (function fold): the two must agree, or
// a query would miss the index.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ł': "l",
	'ı': "i", 'ð': "d", 'þ': "th", 'ς': "σ",
}

// fold returns s lower-cased with accents removed: "Côte d'Ivoire" ->
// "cote d'ivoire". It decomposes (NFD), drops nonspacing marks and lowers
// each rune. The client does the same with String.prototype.normalize.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	it := norm.Iter{}
	it.InitString(norm.NFD, s)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			r = unicode.ToLower(r)
			if x, ok := special[r]; ok {
				b.WriteString(x)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isWordRune reports whether r belongs to a token. It matches the
// client's /[\p{L}\p{N}]+/u.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// words splits folded text into its runs of letters and digits, in order,
// single letters included (phrase checks and names need them).
func words(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool { return !isWordRune(r) })
}

// indexable reports whether a folded token goes into the index: single
// letters ("d" of d'Ivoire, "s" of a possessive) and overlong runs do not.
func indexable(w string) bool {
	if len(w) > maxToken {
		return false
	}
	r, n := utf8.DecodeRuneInString(w)
	return n < len(w) || unicode.IsNumber(r)
}

// NameKey is how exact names are compared: folded words joined by single
// spaces, so "Côte d’Ivoire", "cote d'ivoire" and "COTE D IVOIRE" are one
// key. Exported for the lead's tests; the client computes the same.
func NameKey(s string) string { return strings.Join(words(fold(s)), " ") }

// stemmer maps a lower-case word to its stem and says whether the word is
// a stop word (indexed as such, so the client can skip it in a query).
type stemmer struct {
	stem func(string) string
	stop func(string) bool
}

func stemmerFor(lang string) stemmer {
	none := func(string) bool { return false }
	switch base(lang) {
	case "en":
		return stemmer{func(w string) string { return english.Stem(w, false) }, english.IsStopWord}
	case "fr":
		return stemmer{func(w string) string { return french.Stem(w, false) }, none}
	case "es":
		return stemmer{func(w string) string { return spanish.Stem(w, false) }, none}
	case "ru":
		return stemmer{func(w string) string { return russian.Stem(w, false) }, none}
	}
	return stemmer{func(w string) string { return w }, none}
}

// base returns the primary language subtag: "en-GB" -> "en".
func base(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

// stemOf returns the index term for a folded word. Numbers stay as they
// are. Stemming folded words costs the French and Spanish stemmers a
// little precision (they know accented suffixes), but the client never
// stems: it looks the words it is given up in the index, so only
// consistency within the index matters, and folding again keeps stems in
// the same alphabet as the words.
func (s stemmer) stemOf(w string) string {
	if w == "" || unicode.IsNumber(rune(w[0])) {
		return w
	}
	st := fold(s.stem(w))
	if st == "" {
		return w
	}
	return st
}
