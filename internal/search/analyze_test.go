package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Côte d'Ivoire":         "cote d'ivoire",
		"CÔTE D’IVOIRE":         "cote d’ivoire",
		"Türkiye":               "turkiye",
		"São Tomé and Príncipe": "sao tome and principe",
		"Straße Łódź Ærø":       "strasse lodz aero",
		"ΟΔΟΣ":                  "οδοσ",
		"Москва":                "москва",
		"e\u0301":               "e",
		"":                      "",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := words(fold("Côte d'Ivoire: S/RES/2165 (2014) — the state’s 3rd report"))
	want := []string{"cote", "d", "ivoire", "s", "res", "2165", "2014", "the", "state", "s", "3rd", "report"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}

func TestNameKey(t *testing.T) {
	for _, s := range []string{"Côte d’Ivoire", "cote d'ivoire", "  COTE   D IVOIRE "} {
		if k := NameKey(s); k != "cote d ivoire" {
			t.Errorf("NameKey(%q) = %q", s, k)
		}
	}
}

// eachTerm calls fn for each of a's stems, in order, with its surface
// forms sorted and joined by "\x01", and its frequency: the body count,
// with titleBit if the stem is in the title.
func eachTerm(a *Analyzed, fn func(stem, surfaces string, tf uint16)) {
	strs, pairWord, pairStem := lex.snapshot()
	forms := map[string][]string{}
	tf := map[string]uint16{}
	eachPair(a.terms, func(p, field uint32) {
		if pairStem[p] == 0 {
			return
		}
		stem := strs[pairStem[p]-1]
		forms[stem] = append(forms[stem], strs[pairWord[p]])
		if field != 0 {
			tf[stem] = uint16(field>>1) | uint16(field&1)*titleBit
		}
	})
	for _, stem := range sortedKeys(forms) {
		sort.Strings(forms[stem])
		fn(stem, strings.Join(forms[stem], "\x01"), tf[stem])
	}
}

// stops returns the stop words a's page uses, sorted.
func stops(a *Analyzed) []string {
	strs, pairWord, pairStem := lex.snapshot()
	var out []string
	eachPair(a.terms, func(p, _ uint32) {
		if pairStem[p] == 0 {
			out = append(out, strs[pairWord[p]])
		}
	})
	sort.Strings(out)
	return out
}

// terms returns a doc's stems with their surface forms, as the index sees
// them.
func terms(a *Analyzed) map[string]string {
	m := map[string]string{}
	eachTerm(a, func(stem, surfaces string, _ uint16) {
		m[stem] = strings.ReplaceAll(surfaces, "\x01", " ")
	})
	return m
}

func TestAnalyzeStemsAndStops(t *testing.T) {
	a := Analyze(Doc{URL: "/x/", Title: "Killings in Côte d'Ivoire", Text: "The killing of civilians; they were killed. Genocide and genocidal intent."}, "en")
	got := terms(a)
	for stem, forms := range map[string]string{
		"kill":     "killed killing killings",
		"civilian": "civilians",
		"cote":     "cote",
		"ivoir":    "ivoire",
		"genocid":  "genocidal genocide",
	} {
		if got[stem] != forms {
			t.Errorf("stem %q has forms %q, want %q (all: %v)", stem, got[stem], forms, got)
		}
	}
	for _, stop := range []string{"the", "of", "and", "they", "were", "in"} {
		if _, ok := got[stop]; ok {
			t.Errorf("stop word %q was indexed", stop)
		}
		if !slices.Contains(stops(a), stop) {
			t.Errorf("stop word %q not recorded as one", stop)
		}
	}
	if _, ok := got["d"]; ok {
		t.Error("single letter indexed")
	}
	// "Killings" is in the title and once in the body as "killing"/"killed".
	eachTerm(a, func(stem, _ string, tf uint16) {
		if stem == "kill" && (tf&titleBit == 0 || tf&^titleBit != 2) {
			t.Errorf("kill: tf %#x, want title bit and 2 body occurrences", tf)
		}
	})
}

func TestAnalyzeOtherLanguages(t *testing.T) {
	fr := terms(Analyze(Doc{URL: "/", Text: "Les populations protégées et la protection"}, "fr"))
	if fr["protect"] == "" {
		t.Errorf("French stems: %v", fr)
	}
	xx := terms(Analyze(Doc{URL: "/", Text: "Protection protections"}, "sw"))
	if xx["protection"] != "protection" || xx["protections"] != "protections" {
		t.Errorf("unstemmed language: %v", xx)
	}
}

func TestFragment(t *testing.T) {
	long := strings.Repeat("genocide prevention ", maxText/10)
	a := Analyze(Doc{URL: "/states/syr/", Title: "Syria", Kind: "state", Date: "2024-05",
		Text: "Line one.\n\n  Line   two.\n" + long,
		Card: &Card{Title: "Syrian Arab Republic", Subtitle: "Asia", Facts: [][2]string{{"Region", "Asia"}}}}, "en")
	var v []any
	if err := json.Unmarshal(a.frag, &v); err != nil {
		t.Fatal(err)
	}
	if v[0] != "/states/syr/" || v[1] != "Syria" || v[2] != "state" || v[3] != "2024-05" {
		t.Errorf("fragment head %v", v[:4])
	}
	text := v[4].(string)
	if !strings.HasPrefix(text, "Line one.\n\n  Line   two.\ngenocide") || len(text) > maxText || !utf8.ValidString(text) || strings.HasSuffix(text, " ") {
		t.Errorf("fragment text %q...", text[:40])
	}
	card := v[5].(map[string]any)
	if card["t"] != "Syrian Arab Republic" || card["s"] != "Asia" {
		t.Errorf("card %v", card)
	}
	if bytes.Contains(a.frag, []byte(`\u003c`)) {
		t.Error("fragment is HTML-escaped")
	}
}

func TestYear(t *testing.T) {
	for in, want := range map[string]string{"2016-07-31": "2016", "2016-07": "2016", "2016": "2016", "": "", "20x6": "", "20161": ""} {
		if got := year(in); got != want {
			t.Errorf("year(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVarint(t *testing.T) {
	var b []byte
	vals := []uint32{0, 1, 31, 32, 1023, 1024, 1 << 20, 1<<32 - 1}
	for _, v := range vals {
		b = appendVarint(b, v)
	}
	s := string(b)
	for i, j := 0, 0; j < len(vals); j++ {
		var v uint32
		v, i = decodeVarint(s, i)
		if v != vals[j] {
			t.Errorf("varint %d decoded as %d", vals[j], v)
		}
	}
}

func TestLess16(t *testing.T) {
	// U+FF21 (fullwidth A) sorts after U+10400 in UTF-8 byte order but
	// before it in UTF-16, the order JavaScript compares strings in.
	if !less16("\U00010400", "\uFF21") || less16("\uFF21", "\U00010400") {
		t.Error("less16 does not follow UTF-16 order")
	}
	if !less16("ab", "abc") || less16("abc", "ab") || less16("a", "a") {
		t.Error("less16 prefix order")
	}
}

// FuzzAnalyze checks that any page text and any title can be analyzed
// and indexed without a panic, and that the fragment is valid JSON.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "Côte d'Ivoire", "S/RES/2165 (2014)", "\xff\xfe", "e\u0301\u0301", strings.Repeat("a", 100), "🙂 عربي русский 中文", "ǅ ﬁ ΐ İ"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		a := Analyze(Doc{URL: "/p/", Title: title, Text: text, Names: []string{title}, Date: text}, "en")
		var v []any
		if err := json.Unmarshal(a.frag, &v); err != nil {
			t.Fatalf("fragment is not JSON: %v: %q", err, a.frag)
		}
		var want string
		std, _ := json.Marshal(clip(strings.TrimSpace(text), maxText))
		json.Unmarshal(std, &want)
		if v[4] != want {
			t.Fatalf("fragment text %q, encoding/json gives %q", v[4], want)
		}
		ix := NewIndex("en")
		ix.Add(a)
		for p, data := range ix.Files(false) {
			if !json.Valid(data) {
				t.Fatalf("%s is not JSON", p)
			}
		}
	})
}

// TestCountASCII checks the counting of ASCII text against the general
// path it stands in for: fold, eachWord and indexable. It counts each
// text twice: with none of its words known to the language, and with
// every other one known, counted by pair.
func TestCountASCII(t *testing.T) {
	long := strings.Repeat("x", maxToken)
	texts := []string{
		"",
		"a",
		"7",
		"The Security Council, in resolution 2165 (2014), ARMS embargo; arms-embargo a b 1 22 x9",
		"trailing word" + long + " " + long + "y " + long,
		"  \t\nCôte", // not ASCII: left to the general path
		"don't S/RES/2165 e-mail_address foo.bar 3.5%",
		// Words of each length about the 8 and 16 bytes a key holds, and
		// long words alike in their first 16 bytes.
		"abcdefg abcdefgh abcdefghi ABCDEFGHIJKLMNO abcdefghijklmnop abcdefghijklmnopq abcdefghijklmnopqr abcdefghijklmnop",
		"internationalisation internationalization responsibilities responsibility",
		long[:16] + "," + long[:17] + "." + long[:16],
	}
	for _, s := range texts {
		want := map[string]int32{}
		eachWord(fold(s), func(w string) {
			if indexable(w) {
				want[w]++
			}
		})
		for _, known := range []bool{false, true} {
			// Known words are numbered as pairs 1, 2...: pair p is
			// word p-1 of those known.
			table := newWordTable(0)
			var pairs []string
			if known {
				for i, w := range slices.Sorted(maps.Keys(want)) {
					if i%2 == 0 {
						pairs = append(pairs, w)
						table.put(keyOf(w), w, uint64(len(pairs))<<32)
					}
				}
			}
			sc := &scratch{words: &table}
			ascii := sc.lowerASCII("", s)
			if isASCII := !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }); ascii != isASCII {
				t.Errorf("lowerASCII(%q) = %v, want %v", s, ascii, isASCII)
				break
			}
			if !ascii {
				break
			}
			sc.countWords()
			got := map[string]int32{}
			for j, i := range sc.page.used {
				w, ps := sc.page.words[j], sc.page.slots[i]
				got[w] = ps.n
				if ps.key() != keyOf(w) {
					t.Errorf("countWords(%q) keyed %q %+v, keyOf gives %+v", s, w, ps.key(), keyOf(w))
				}
			}
			for _, v := range sc.found[:sc.nfound] {
				w := pairs[v>>32-1]
				if _, dup := got[w]; dup {
					t.Errorf("countWords(%q) counted %q twice", s, w)
				}
				got[w] = sc.counts[v>>32]
			}
			if !maps.Equal(got, want) {
				t.Errorf("countWords(%q), known words %v: counted %v, want %v", s, known, got, want)
			}
		}
	}
}

// TestLowerWords checks lowerWords, eight bytes at a time, against
// wordByte, a byte at a time: every byte value at every place of a
// word of eight and of the tail after it, in ASCII text and not.
func TestLowerWords(t *testing.T) {
	base := []byte("Ab9 z@[`{/:_AZaz09\x7f\x00")
	for c := range 256 {
		for at := range len(base) {
			src := slices.Clone(base)
			src[at] = byte(c)
			dst := make([]byte, len(src))
			ascii := lowerWords(dst, string(src))
			if want := !slices.ContainsFunc(src, func(b byte) bool { return b >= utf8.RuneSelf }); ascii != want {
				t.Fatalf("lowerWords(%q) says ASCII %v", src, ascii)
			}
			if !ascii {
				continue
			}
			for i, b := range src {
				if dst[i] != wordByte[b] {
					t.Fatalf("lowerWords(%q)[%d] = %#x, want %#x", src, i, dst[i], wordByte[b])
				}
			}
		}
	}
}

// TestTermsSized: a page's terms, which the index keeps, take no more
// memory than they need: uvarintLen is the length binary.AppendUvarint
// writes.
func TestTermsSized(t *testing.T) {
	for _, x := range []uint32{0, 1, 127, 128, 1<<14 - 1, 1 << 14, 1<<21 - 1, 1 << 21, 1<<28 - 1, 1 << 28, math.MaxUint32} {
		if got, want := uvarintLen(x), len(binary.AppendUvarint(nil, uint64(x))); got != want {
			t.Errorf("uvarintLen(%d) = %d, want %d", x, got, want)
		}
	}
	for _, d := range synthDocs(t, 20) {
		if a := Analyze(d, "en"); len(a.terms) != cap(a.terms) {
			t.Fatalf("%s: terms of %d bytes take %d", d.URL, len(a.terms), cap(a.terms))
		}
	}
}

// TestSummaryCounted: a doc's summary is indexed with its text, ASCII or
// not, and a fragment shows the two as one.
func TestSummaryCounted(t *testing.T) {
	for _, text := range []string{"Body text about borders.", "Côte d'Ivoire borders."} {
		joined := Analyze(Doc{URL: "/a/", Title: "A", Kind: "brief", Text: "Summary on embargo.\n" + text}, "en")
		apart := Analyze(Doc{URL: "/a/", Title: "A", Kind: "brief", Summary: "Summary on embargo.", Text: text}, "en")
		if !bytes.Equal(joined.terms, apart.terms) || joined.length != apart.length || !bytes.Equal(joined.frag, apart.frag) {
			t.Errorf("%q: a summary given apart is indexed differently from one joined to the text", text)
		}
	}
}

// TestPageWordsGrow counts more distinct words than the table starts
// with and checks every count, then that reset empties it.
func TestPageWordsGrow(t *testing.T) {
	var p pageWords
	for round := range 2 {
		for i := range 5000 {
			w := fmt.Sprint("w", i)
			for range i%3 + 1 {
				p.add(keyOf(w), w, 1)
			}
		}
		p.add(keyOf("w7"), "w7", inTitle)
		if len(p.used) != 5000 {
			t.Fatalf("round %d: %d words, want 5000", round, len(p.used))
		}
		for j, i := range p.used {
			s, w := p.slots[i], p.words[j]
			var n int
			fmt.Sscanf(w, "w%d", &n)
			want := int32(n%3 + 1)
			if w == "w7" {
				want |= inTitle
			}
			if s.n != want {
				t.Errorf("round %d: %s counted %d, want %d", round, w, s.n, want)
			}
		}
		p.reset()
		for i, s := range p.slots {
			if s != (pageSlot{}) {
				t.Fatalf("round %d: slot %d not cleared: %+v", round, i, s)
			}
		}
		if len(p.words) != 0 || slices.ContainsFunc(p.words[:cap(p.words)], func(w string) bool { return w != "" }) {
			t.Fatalf("round %d: words kept after reset", round)
		}
	}
}

// TestWordTable puts and gets enough words to grow the table several
// times: words of up to 8 bytes, of up to 16, and longer ones alike in
// the 16 bytes a key holds.
func TestWordTable(t *testing.T) {
	word := func(i int) string {
		switch i % 3 {
		case 0:
			return fmt.Sprint("w", i)
		case 1:
			return fmt.Sprint("mediumw", i) // 8 bytes and more
		}
		return fmt.Sprint("longwordslongwor", i) // 16 bytes, then the number
	}
	wt := newWordTable(0)
	for i := range 3000 {
		w := word(i)
		wt.put(keyOf(w), w, uint64(i))
	}
	wt.put(keyOf(word(5)), word(5), 99)
	for i := range 3000 {
		w := word(i)
		want := uint64(i)
		if i == 5 {
			want = 99
		}
		if v, ok := wt.get(keyOf(w), w); !ok || v != want {
			t.Errorf("get(%q) = %d, %v; want %d", w, v, ok, want)
		}
	}
	for _, w := range []string{"absent", "longwordslongwor", "longwordslongwor3000", "w", "mediumw", "mediumw3000"} {
		if _, ok := wt.get(keyOf(w), w); ok {
			t.Errorf("get(%q) found it", w)
		}
	}
	if wt.n+wt.nshort != 3000 {
		t.Errorf("%d words, want 3000", wt.n+wt.nshort)
	}
}

// TestKeyOf: words that differ have different keys, or keys marked as
// not holding the whole word.
func TestKeyOf(t *testing.T) {
	words := []string{"a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
		"abcdefghijklmnopr", "ba", "7", "77", "\u00e9t\u00e9", "\u4fdd\u62a4"}
	seen := map[wordKey]string{}
	for _, w := range words {
		k := keyOf(w)
		if k.h == 0 || (k.h&longBit != 0) != (len(w) > 16) {
			t.Errorf("keyOf(%q) = %+v", w, k)
		}
		if k.h&longBit == 0 {
			if other, ok := seen[k]; ok {
				t.Errorf("%q and %q have one key", w, other)
			}
			seen[k] = w
		}
	}
}

// TestAppendHead: a head is a JSON array that decodes to the doc's url,
// title, kind and date, whatever they hold.
func TestAppendHead(t *testing.T) {
	d := Doc{URL: "/a/\"b\"/", Title: "Tab\there, line\u2028sep, <b>&\\", Kind: "brief", Date: "2024-01"}
	var got []string
	if err := json.Unmarshal(appendHead(nil, d), &got); err != nil {
		t.Fatal(err)
	}
	if want := []string{d.URL, d.Title, d.Kind, d.Date}; !slices.Equal(got, want) {
		t.Errorf("head decodes to %q, want %q", got, want)
	}
}

// TestUniqueSorted: distinct, sorted, without empty strings.
func TestUniqueSorted(t *testing.T) {
	if got := uniqueSorted([]string{"b", "", "a", "b", "a"}); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("got %q", got)
	}
	if got := uniqueSorted([]string{"", ""}); len(got) != 0 {
		t.Errorf("got %q, want none", got)
	}
}
