package synth

import (
	"strconv"
	"strings"
	"unicode"
)

// countWords is the measure the generator steers by, and the one the
// word-count bounds in the tests refer to: whitespace-separated tokens that
// hold at least one letter or digit. Markup alone ("##", "|", "---") is not
// a word; a link counts the words of its text, a symbol such as A/HRC/31/68
// counts as one.
func countWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, isWordRune) >= 0 {
			n++
		}
	}
	return n
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// insert is a piece of fixed text (a link, a symbol, a phrase) placed inside
// a generated sentence. Its words count towards the sentence's length.
type insert struct {
	text  string
	words int
}

func newInsert(s string) insert { return insert{s, countWords(s)} }

// sentencePlan is one sentence before it is written: its length in words,
// the inserts it carries and an optional footnote reference.
type sentencePlan struct {
	words    int
	inserts  []insert
	used     int
	footnote int
}

func (s *sentencePlan) room() int { return s.words - s.used - 1 }

// armsEmbargoRate is the share of sentences that carry the phrase
// "arms embargo", the benchmark's phrase query.
const armsEmbargoRate = 0.03

// planParagraph splits a budget of words into sentences of 8 to 31 words.
func planParagraph(r *rng, budget int) []sentencePlan {
	var out []sentencePlan
	for budget > 0 {
		k := r.between(8, 24)
		if budget-k < 8 {
			k = budget
		}
		out = append(out, sentencePlan{words: k})
		budget -= k
	}
	for i := range out {
		if out[i].words >= 6 && r.chance(armsEmbargoRate) {
			out[i].inserts = append(out[i].inserts, insert{"arms embargo", 2})
			out[i].used += 2
		}
	}
	return out
}

// place puts an insert into a sentence that has room for it, starting the
// search at a random sentence. It reports false when no sentence has room,
// which only happens for paragraphs much shorter than the generator makes.
func place(r *rng, plan []sentencePlan, in insert) bool {
	start := r.intn(len(plan))
	for k := range plan {
		s := &plan[(start+k)%len(plan)]
		if s.room() >= in.words {
			s.inserts = append(s.inserts, in)
			s.used += in.words
			return true
		}
	}
	return false
}

// writer holds the per-brief state of text generation: the random stream,
// the vocabulary and a scratch slice for the tokens of one sentence.
type writer struct {
	r      *rng
	v      *vocabulary
	tokens []string
}

// word draws the next word, alternating loosely between content and
// function words the way prose does.
func (w *writer) word(prevContent bool) (string, bool) {
	content := w.r.chance(0.85)
	if prevContent {
		content = w.r.chance(0.45)
	}
	if content {
		return w.v.content[w.v.cz.draw(w.r)], true
	}
	return w.v.function[w.v.fz.draw(w.r)], false
}

// sentence writes one sentence with exactly s.words words to b.
func (w *writer) sentence(b *strings.Builder, s sentencePlan) {
	toks := w.tokens[:0]
	prev := w.r.chance(0.5)
	for i := s.used; i < s.words; i++ {
		var t string
		t, prev = w.word(prev)
		if len(toks) > 0 && t == toks[len(toks)-1] {
			t, prev = w.word(prev) // "the the" reads as a typo, not as prose
		}
		toks = append(toks, t)
	}
	for _, in := range s.inserts {
		at := 1 + w.r.intn(len(toks)) // never first: the sentence starts with a capital
		toks = append(toks, "")
		copy(toks[at+1:], toks[at:])
		toks[at] = in.text
	}
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		if i == 0 {
			b.WriteString(strings.ToUpper(t[:1]))
			t = t[1:]
		}
		b.WriteString(t)
		if i == len(toks)-1 {
			if s.footnote > 0 {
				b.WriteString("[^")
				b.WriteString(strconv.Itoa(s.footnote))
				b.WriteByte(']')
			}
			b.WriteByte('.')
		} else if i > 0 && w.r.chance(0.05) {
			b.WriteByte(',')
		}
	}
	w.tokens = toks
}

// plainWords returns n generated words in lower case, for headings of
// tables, summaries and notes.
func (w *writer) plainWords(n int) string {
	var b strings.Builder
	prev := false
	for i := 0; i < n; i++ {
		var t string
		t, prev = w.word(prev)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// symbol returns a string shaped like a UN document symbol from a year up
// to maxYear. Session numbers follow the year roughly as the real ones do,
// so that a symbol does not postdate the brief that cites it; the numbers
// themselves are drawn at random and refer to nothing in particular.
func symbol(r *rng, maxYear int) string {
	y := r.between(2006, maxYear)
	itoa := strconv.Itoa
	switch r.pick([]int{30, 25, 15, 15, 10, 5}) {
	case 0:
		return "A/HRC/" + itoa(1+(y-2006)*3+r.intn(3)) + "/" + itoa(r.between(1, 90))
	case 1:
		return "S/RES/" + itoa(1913+(y-2010)*56+r.intn(50)) + " (" + itoa(y) + ")"
	case 2:
		return "S/" + itoa(y) + "/" + itoa(r.between(1, 999))
	case 3:
		return "A/" + itoa(y-1945) + "/" + itoa(r.between(100, 999))
	case 4:
		return "A/RES/" + itoa(y-1945) + "/" + itoa(r.between(1, 300))
	default:
		return "A/HRC/RES/" + itoa(1+(y-2006)*3+r.intn(3)) + "/" + itoa(r.between(1, 40))
	}
}

// thousands formats n with comma separators, as the tables in reports do.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
