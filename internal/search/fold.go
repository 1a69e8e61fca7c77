package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
// "cote d'ivoire". Each rune is decomposed (NFD), nonspacing marks are
// dropped and the rest lowered; the client does the same with
// String.prototype.normalize("NFD"). Rune by rune rather than the whole
// string at once, so ASCII, most of any English site, costs a byte
// comparison; the two differ only in the order of combining marks other
// than nonspacing ones, which no index word contains.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var dec []byte
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		dec = norm.NFD.AppendString(dec[:0], string(r))
		for _, d := range string(dec) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			d = unicode.ToLower(d)
			if x, ok := special[d]; ok {
				b.WriteString(x)
				continue
			}
			b.WriteRune(d)
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
	var out []string
	eachWord(folded, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls fn for each run of letters and digits in s. ASCII is
// classified by table: most text of most sites is ASCII, and this loop is
// the hottest of a build's indexing.
func eachWord(s string, fn func(string)) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		in, n := asciiWord[c], 1
		if c >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			in = isWordRune(r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			fn(s[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		fn(s[start:])
	}
}

var asciiWord = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

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
