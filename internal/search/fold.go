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
// table is in static/js/search.js (SPECIAL and function fold): the two must
// agree, or a query would miss the index. The Arabic entries are the usual
// normalisation of Arabic search: alef wasla is alef, and ta marbuta and
// alef maqsura, which standard spelling writes only at the end of a word,
// become ha and ya wherever they are (so "at the end of a word" costs no
// look at the neighbours, here or in the client).
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ł': "l",
	'ı': "i", 'ð': "d", 'þ': "th", 'ς': "σ",
	'ٱ': "ا", 'ة': "ه", 'ى': "ي",
}

// fold returns s lower-cased with accents removed: "Côte d'Ivoire" ->
// "cote d'ivoire". Each rune is decomposed (NFD), nonspacing marks are
// dropped and the rest lowered; the client does the same with
// String.prototype.normalize("NFD"). Rune by rune rather than the whole
// string at once, so ASCII, most of any English site, costs a byte
// comparison; the two differ only in the order of combining marks other
// than nonspacing ones, which no index word contains.
//
// Beyond accents, for the UN's languages:
//   - Arabic: the harakat and other marks (U+064B..U+065F, the superscript
//     alef U+0670) are nonspacing marks, so they go with the accents, as
//     does the hamza of أ إ آ ؤ ئ (NFD writes it as a mark), leaving ا و ي;
//     tatweel (U+0640) is dropped as a mark; ٱ ة ى as in special; and
//     Arabic-Indic and Persian digits become ASCII ones.
//   - Russian: й keeps its breve (it is a letter of its own, and Snowball's
//     Russian endings need it); ё becomes е, as Russian writers mostly do.
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
	// pendingI is an и not yet written: a breve after it makes it й.
	pendingI := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			if pendingI {
				b.WriteRune('и')
				pendingI = false
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		dec = norm.NFD.AppendString(dec[:0], string(r))
		for _, d := range string(dec) {
			if pendingI {
				pendingI = false
				if d == breve {
					b.WriteRune('й')
					continue
				}
				b.WriteRune('и')
			}
			if d == tatweel || unicode.Is(unicode.Mn, d) {
				continue
			}
			d = unicode.ToLower(d)
			switch {
			case d == 'и':
				pendingI = true
				continue
			case '٠' <= d && d <= '٩' || '۰' <= d && d <= '۹':
				b.WriteByte(byte('0' + d%16))
				continue
			}
			if x, ok := special[d]; ok {
				b.WriteString(x)
				continue
			}
			b.WriteRune(d)
		}
	}
	if pendingI {
		b.WriteRune('и')
	}
	return b.String()
}

const (
	breve   = '\u0306' // combining breve: и + breve is й
	tatweel = '\u0640' // Arabic kashida, a letter that only stretches a word
)

// isWordRune reports whether r belongs to a token. It matches the
// client's /[\p{L}\p{N}]+/u.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// isCJK reports whether r is a letter of a script written without spaces
// between words: Han, Hiragana and Katakana (with the prolonged sound mark
// ー, which Unicode counts as common to both kana). Such runs are indexed
// as overlapping bigrams (see eachWord). It matches the client's CJK
// pattern; only letters and numbers reach it.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || r == 'ー')
}

// words splits folded text into its tokens, in order, single letters
// included (phrase checks and names need them): see eachWord.
func words(folded string) []string {
	var out []string
	eachWord(folded, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls fn for each token of s: each run of letters and digits,
// except that a run of CJK letters (isCJK), which needs no space to end a
// word, is a run of its own and yields its overlapping bigrams instead
// ("保护的责任" -> 保护 护的 的责 责任), or its one character. Chinese has
// no spaces to find words by, and bigrams find any word of two characters
// or more without a dictionary; a query's bigrams must all match, and a
// quoted one must match in order. ASCII is classified by table: most text
// of most sites is ASCII, and this loop is the hottest of a build's
// indexing.
func eachWord(s string, fn func(string)) {
	start, cls := 0, uint8(0) // the run's class: 0 none, 1 word, 2 CJK
	for i := 0; i < len(s); {
		c := s[i]
		k, n := asciiWord[c], 1
		if c >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			k = 0
			if isWordRune(r) {
				k = 1
				if isCJK(r) {
					k = 2
				}
			}
		}
		if k != cls {
			emitRun(s[start:i], cls, fn)
			start, cls = i, k
		}
		i += n
	}
	emitRun(s[start:], cls, fn)
}

// emitRun passes a run of class cls (as in eachWord) to fn.
func emitRun(run string, cls uint8, fn func(string)) {
	switch cls {
	case 1:
		fn(run)
	case 2:
		_, n := utf8.DecodeRuneInString(run)
		if n == len(run) {
			fn(run)
			return
		}
		for i := 0; i+n < len(run); {
			_, m := utf8.DecodeRuneInString(run[i+n:])
			fn(run[i : i+n+m])
			i, n = i+n, m
		}
	}
}

var asciiWord = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		if isWordRune(rune(c)) {
			t[c] = 1
		}
	}
	return t
}()

// indexable reports whether a folded token goes into the index: single
// letters ("d" of d'Ivoire, "s" of a possessive) and overlong runs do not,
// but a single CJK character (a run of one) and a single digit do.
func indexable(w string) bool {
	if len(w) > maxToken {
		return false
	}
	r, n := utf8.DecodeRuneInString(w)
	return n < len(w) || unicode.IsNumber(r) || isCJK(r)
}

// NameKey is how exact names are compared: folded words joined by single
// spaces, so "Côte d’Ivoire", "cote d'ivoire" and "COTE D IVOIRE" are one
// key. Exported for the lead's tests; the client computes the same.
func NameKey(s string) string { return strings.Join(words(fold(s)), " ") }
