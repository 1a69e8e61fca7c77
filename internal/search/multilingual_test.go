package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// multiSite is one situation in each of the six UN languages, each at
// its language's prefix as the build publishes translations, and two
// pages that tell apart what the Arabic and Chinese tokenisers must.
// The Arabic brief is fully vowelled, with an alef with hamza, tatweel and
// Arabic-Indic digits; queries are typed without any of them.
func multiSite() []struct {
	Doc
	lang string
} {
	type ld = struct {
		Doc
		lang string
	}
	return []ld{
		{Doc{URL: "/situations/darfur/", Title: "Protection of civilians in Darfur", Kind: "brief", Date: "2024-01-10",
			Text: "The responsibility to protect civilians. Crimes against humanity were reported in 2011."}, "en"},
		{Doc{URL: "/fr/situations/darfur/", Title: "Protection des civils au Darfour", Kind: "brief", Date: "2024-01-10",
			Text: "La responsabilité de protéger les populations. Des crimes contre l'humanité ont été signalés ; les États protègent leurs civils."}, "fr"},
		{Doc{URL: "/es/situations/darfur/", Title: "Protección de civiles en Darfur", Kind: "brief", Date: "2024-01-10",
			Text: "La responsabilidad de proteger a las poblaciones. Los Estados protegen a sus civiles."}, "es"},
		{Doc{URL: "/es/about/", Title: "Acerca de", Kind: "page", Text: "La población civil."}, "es"},
		{Doc{URL: "/ru/situations/darfur/", Title: "Защита гражданского населения в Дарфуре", Kind: "brief", Date: "2024-01-10",
			Text: "Ответственность по защите населения. Новая резолюция Совета Безопасности."}, "ru"},
		{Doc{URL: "/ru/about/", Title: "О сайте", Kind: "page", Text: "Новый доклад о защиты населения."}, "ru"},
		{Doc{URL: "/ar/situations/darfur/", Title: "حِمايةُ المَدَنِيِّينَ في دارفور", Kind: "brief", Date: "2024-01-10",
			Text: "مَسْؤُولِيَّةُ الحِمَايَةِ. أَكَّدَتِ الأُمَمُ المُتَّحِدَةُ عَلَى حِمايةِ السُّكّانِ المـــدنيين في عام ٢٠١١."}, "ar"},
		{Doc{URL: "/ar/about/", Title: "عن المرصد", Kind: "page",
			Text: "يرصد الموقع تطبيق مسؤولية الحماية."}, "ar"},
		{Doc{URL: "/zh/situations/darfur/", Title: "达尔富尔的平民保护", Kind: "brief", Date: "2024-01-10",
			Text: "国际社会有保护的责任。联合国安理会讨论了达尔富尔局势。"}, "zh"},
		{Doc{URL: "/zh/about/", Title: "关于本站", Kind: "page",
			Text: "本网站关注保护平民，也讨论国家的责任。"}, "zh"},
	}
}

func buildMulti(t testing.TB, extra ...Doc) map[string][]byte {
	ix := NewIndex("en")
	for _, d := range multiSite() {
		ix.Add(Analyze(d.Doc, d.lang))
	}
	for _, d := range extra {
		ix.Add(Analyze(d, "en"))
	}
	return ix.Files(false)
}

// fillers are English state pages, which sort together between the
// briefs: the kind and lang facets then come in runs.
func fillers(n int) []Doc {
	var docs []Doc
	for i := range n {
		docs = append(docs, Doc{URL: fmt.Sprintf("/states/s%02d/", i), Title: "State", Kind: "state", Text: "A state page."})
	}
	return docs
}

// TestFacetRuns: a facet whose values come in runs of docs is written as
// runs, and reads back the same.
func TestFacetRuns(t *testing.T) {
	files := buildMulti(t, fillers(20)...)
	var man struct {
		F map[string]map[string]any `json:"f"`
	}
	if err := json.Unmarshal(files["search/index.json"], &man); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"kind", "lang"} {
		if _, ok := man.F[f]["r"]; !ok {
			t.Errorf("%s is not written as runs: %v", f, man.F[f])
		}
	}
	c := newClient(t, files)
	res := c.search("", map[string][]string{"kind": {"state"}})
	if len(res.ids) != 20 || res.counts["lang"]["en"] != 20 || res.counts["kind"]["brief"] != 6 {
		t.Errorf("states: %d, counts %v", len(res.ids), res.counts)
	}
	res = c.search("darfur", map[string][]string{"lang": {"es"}})
	if got := urls(t, files, res.ids); !reflect.DeepEqual(got, []string{"/es/situations/darfur/"}) {
		t.Errorf("darfur in Spanish: %q", got)
	}
}

func TestFoldArabic(t *testing.T) {
	for in, want := range map[string]string{
		"الحِمَايَةُ":    "الحمايه",        // harakat go, ta marbuta is ha
		"أحمد إسلام آمن": "احمد اسلام امن", // alef with hamza above, below, madda
		"ٱلله":           "الله",           // alef wasla
		"مؤتمر رئيس":     "موتمر رييس",     // hamza on waw and ya
		"عـــربي":        "عربي",           // tatweel
		"على مستشفى":     "علي مستشفي",     // alef maqsura is ya
		"الرَّحْمٰن":     "الرحمن",         // superscript alef (U+0670)
		"٢٠١١ ۱۹":        "2011 19",        // Arabic-Indic and Persian digits
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldCyrillic(t *testing.T) {
	for in, want := range map[string]string{
		"Новый ЙОД":        "новый йод", // й keeps its breve, precomposed
		"новы\u0438\u0306": "новый",     // or decomposed
		"и\u0301и":         "ии",        // other marks still go
		"Ёлка":             "елка",      // ё is е
		"Київ, ў":          "киів, у",   // other breves and diaereses go
		"Ии\u0306 й и":     "ий й и",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWordsCJK(t *testing.T) {
	for in, want := range map[string][]string{
		"保护的责任":                {"保护", "护的", "的责", "责任"},
		"R2P原则。人，国家":           {"r2p", "原则", "人", "国家"}, // scripts apart; a lone character is a token
		"日本語のテキスト":             {"日本", "本語", "語の", "のテ", "テキ", "キス", "スト"},
		"\U00020000\U00020001": {"\U00020000\U00020001"}, // beyond the BMP
		"abc 中":                {"abc", "中"},
	} {
		if got := words(fold(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
	if !indexable("中") || indexable("a") {
		t.Error("a lone CJK character is indexable, a lone Latin letter is not")
	}
	if NameKey("联合国 安理会") != "联合 合国 安理 理会" {
		t.Errorf("NameKey of Chinese: %q", NameKey("联合国 安理会"))
	}
}

// TestAnalyzeEachLanguage checks each language's terms: which surface
// words share a stem, and which are stop words.
func TestAnalyzeEachLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		stems      map[string]string // stem -> its surface words here
		stops      []string
	}{
		{"fr", "Protéger, protège, protégé et protégés. La protection et les protections des populations.",
			map[string]string{"proteg": "protege proteger proteges", "protect": "protection protections", "popul": "populations"},
			[]string{"des", "et", "la", "les"}},
		{"es", "Proteger y protegen. La protección, las protecciones; responsabilidad y responsabilidades.",
			map[string]string{"proteg": "protegen proteger", "proteccion": "proteccion protecciones", "respons": "responsabilidad responsabilidades"},
			[]string{"la", "las"}},
		{"ru", "Защита, защиты и защиту. Новый доклад на новая резолюция; Россия по России.",
			map[string]string{"защит": "защита защиту защиты", "нов": "новая новый", "росс": "россии россия"},
			[]string{"на", "по"}},
		// The article goes, with a particle before it; a particle alone
		// (وحماية) stays: و begins too many words.
		{"ar", "الحِمَايَةُ حماية والحماية للحماية بالحماية وحماية. في الأُمَمِ المُتَّحِدَة.",
			map[string]string{"حمايه": "الحمايه بالحمايه حمايه للحمايه والحمايه", "وحمايه": "وحمايه", "امم": "الامم", "متحده": "المتحده"},
			[]string{"في"}},
		{"zh", "保护的责任",
			map[string]string{"保护": "保护", "护的": "护的", "的责": "的责", "责任": "责任"}, nil},
	} {
		a := Analyze(Doc{URL: "/x/", Text: tc.text}, tc.lang)
		got := terms(a)
		for stem, forms := range tc.stems {
			if got[stem] != forms {
				t.Errorf("%s: stem %q has forms %q, want %q (all: %q)", tc.lang, stem, got[stem], forms, got)
			}
		}
		if s := stops(a); !reflect.DeepEqual(s, tc.stops) {
			t.Errorf("%s: stop words %q, want %q", tc.lang, s, tc.stops)
		}
		if a.facets[facetLang] != tc.lang {
			t.Errorf("%s: lang facet %q", tc.lang, a.facets[facetLang])
		}
	}
	// Arabic words are light-stemmed on a page in any language.
	if got := terms(Analyze(Doc{URL: "/x/", Text: "The word الحماية"}, "en")); got["حمايه"] != "الحمايه" {
		t.Errorf("Arabic on an English page: %q", got)
	}
}

// TestSearchEachLanguage searches the multilingual site as the client
// does, in each language.
func TestSearchEachLanguage(t *testing.T) {
	files := buildMulti(t)
	// The client does not stem: a word finds the pages of its stem if
	// some page has that very word. Hence two pages in most languages.
	for _, tc := range []struct {
		lang, q string
		want    []string // every result, in order
	}{
		// French: Snowball joins the forms of a verb (and Spanish
		// proteger has the same stem: French pages first on a French
		// page).
		{"fr", "protéger ", []string{"/fr/situations/darfur/", "/es/situations/darfur/"}},
		{"fr", "protègent ", []string{"/fr/situations/darfur/"}},
		{"fr", "responsabilité ", []string{"/fr/situations/darfur/"}},
		// Spanish, with or without the accent.
		{"es", "proteccion ", []string{"/es/situations/darfur/"}},
		{"es", "poblacion ", []string{"/es/about/", "/es/situations/darfur/"}},
		// Russian: case endings, and й kept so that новый meets новая.
		{"ru", "защиты ", []string{"/ru/situations/darfur/", "/ru/about/"}},
		{"ru", "новый ", []string{"/ru/about/", "/ru/situations/darfur/"}},
		// Arabic without diacritics finds the vowelled text, through the
		// article, alef with hamza and tatweel; and the other way round.
		{"ar", "حماية ", []string{"/ar/situations/darfur/", "/ar/about/"}},
		{"ar", "الحماية ", []string{"/ar/situations/darfur/", "/ar/about/"}},
		{"ar", "الامم المتحدة ", []string{"/ar/situations/darfur/"}},
		{"ar", "المدنيين ", []string{"/ar/situations/darfur/"}},
		{"ar", "مَسْؤُولِيَّة ", []string{"/ar/about/", "/ar/situations/darfur/"}},
		{"ar", "2011 ", []string{"/ar/situations/darfur/", "/situations/darfur/"}},
		// Chinese: the query's bigrams must all match, so 保护的责任 finds
		// the sentence that has it and not the page that has 保护 and 责任
		// apart; a single character finds the bigrams it begins.
		{"zh", "保护的责任", []string{"/zh/situations/darfur/"}},
		{"zh", "安理会", []string{"/zh/situations/darfur/"}},
		{"zh", "保护", []string{"/zh/situations/darfur/", "/zh/about/"}},
		{"zh", "责", []string{"/zh/about/", "/zh/situations/darfur/"}},
		// A word stemmed apart in two languages (crime in English, crim
		// in French) finds the pages of both.
		{"en", "crimes ", []string{"/situations/darfur/", "/fr/situations/darfur/"}},
	} {
		c := newClient(t, files)
		c.lang = tc.lang
		res := c.search(tc.q, nil)
		got := urls(t, files, res.ids)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %q: got %q, want %q", tc.lang, tc.q, got, tc.want)
		}
	}
	c := newClient(t, files)
	if res := c.search(`"保护的责任"`, nil); len(res.frags) != 1 || res.frags[0].URL != "/zh/situations/darfur/" {
		t.Errorf(`"保护的责任": %v`, res.frags)
	}
	if res := c.search(`"责任 保护"`, nil); len(res.frags) != 0 {
		t.Errorf(`"责任 保护" is no phrase of these pages: %v`, res.frags)
	}
}

// TestRankingByLanguage: a word in an English and a French page; each
// language's search page lists its own first.
func TestRankingByLanguage(t *testing.T) {
	files := buildMulti(t)
	for lang, want := range map[string][]string{
		"en": {"/situations/darfur/", "/fr/situations/darfur/"},
		"fr": {"/fr/situations/darfur/", "/situations/darfur/"},
		"ar": {"/situations/darfur/", "/fr/situations/darfur/"}, // none in Arabic: by score
	} {
		for _, q := range []string{"protection", "crimes", "civils civilians"} {
			c := newClient(t, files)
			c.lang = lang
			got := urls(t, files, c.search(q, nil).ids)
			if q == "civils civilians" {
				want = nil // no page has both
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %q: got %q, want %q", lang, q, got, want)
			}
		}
	}
	// The Arabic search page: Arabic first, then the rest by score.
	c := newClient(t, files)
	c.lang = "ar"
	if got := urls(t, files, c.search("2011", nil).ids); !reflect.DeepEqual(got, []string{"/ar/situations/darfur/", "/situations/darfur/"}) {
		t.Errorf("ar, 2011: %q", got)
	}
	// The language is a facet too.
	c = newClient(t, files)
	res := c.search("darfur", map[string][]string{"lang": {"es"}})
	if got := urls(t, files, res.ids); !reflect.DeepEqual(got, []string{"/es/situations/darfur/"}) {
		t.Errorf("darfur in Spanish: %q", got)
	}
	if !reflect.DeepEqual(res.counts["lang"], map[string]int{"en": 1, "es": 1}) { // Darfour, Дарфур, ...
		t.Errorf("lang counts %v", res.counts["lang"])
	}
	// A site in one language has no language facet: it would cost a digit
	// a doc and tell the client nothing.
	if mono := build(t, smallSite()); bytes.Contains(mono["search/index.json"], []byte(`"lang"`)) {
		t.Error("a one-language index has a lang facet")
	}
}

// TestMultiStemShard checks how a word with two stems is written, and
// that the output does not depend on the order of the docs.
func TestMultiStemShard(t *testing.T) {
	files := buildMulti(t)
	found := false
	for p, data := range files {
		if !strings.HasPrefix(p, "search/t/") {
			continue
		}
		var sh shardRecord
		if err := json.Unmarshal(data, &sh); err != nil {
			t.Fatal(err)
		}
		for i, w := range strings.Fields(sh.Words) {
			if w == "crimes" {
				found = true
				if len(sh.Stems[i]) != 2 || !bytes.Contains(data, []byte(`[`)) {
					t.Errorf("crimes: stems %v", sh.Stems[i])
				}
			}
		}
	}
	if !found {
		t.Fatal("no shard holds crimes")
	}
	docs := multiSite()
	for round := range 3 {
		ix := NewIndex("en")
		for i := range docs {
			d := docs[(i*7+round)%len(docs)]
			ix.Add(Analyze(d.Doc, d.lang))
		}
		if got := ix.Files(false); !maps.EqualFunc(got, files, bytes.Equal) {
			t.Fatalf("round %d: different files", round)
		}
	}
}

// TestClientFold runs static/js/search.js's fold, words and indexable in
// Node, if there is one, on text in every script the index treats apart,
// and compares them with fold.go's: the client looks words up exactly as
// the index wrote them, so the two must agree to the byte.
func TestClientFold(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node: the browser tests check the client's tokens instead")
	}
	in := []string{
		"Côte d'Ivoire, Straße ΟΔΟΣ Łódź", "Новый мир Йошкар-Ола ЁЛКА и\u0306 й Київ",
		"الْحِمَايَةُ أَحْمَد إِسْلام آمن ٱلله مدرسة على عـــربي ٢٠١١ ۱۹ مؤتمر رئيس الرَّحْمٰن",
		"保护的责任是R2P原则。人 日本語のテキスト、コンピューター ガ", "\U00020000\U00020001 x", "e\u0301\u0301 ǅ ﬁ ΐ İ",
	}
	script := `const src = require("fs").readFileSync(process.argv[2], "utf8");
const a = src.indexOf("  var SPECIAL"), b = src.indexOf("  // lower returns");
eval(src.slice(a, b).replace(/^  var /mg, "var ").replace(/function (\w+)/g, "global.$1 = function $1"));
const inputs = JSON.parse(process.argv[3]);
console.log(JSON.stringify(inputs.map(s => [fold(s), words(s).join(" "), words(s).filter(indexable).join(" ")])));`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fold.js"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	arg, _ := json.Marshal(in)
	js, _ := filepath.Abs("../../static/js/search.js")
	out, err := exec.Command(node, filepath.Join(dir, "fold.js"), js, string(arg)).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got [][3]string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(in) {
		t.Fatalf("node printed %s (%v)", out, err)
	}
	for i, s := range in {
		f := fold(s)
		ws := words(f)
		want := [3]string{f, strings.Join(ws, " "), strings.Join(slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return !indexable(w) }), " ")}
		if got[i] != want {
			t.Errorf("%q:\n  Go %q\n  JS %q", s, want, got[i])
		}
	}
}

// TestBrowserLanguages searches the multilingual site from the search page
// of each language, as the build publishes them (/fr/search/, ...), all on
// the one index under /search/.
func TestBrowserLanguages(t *testing.T) {
	dir := t.TempDir()
	files := buildMulti(t, fillers(20)...) // facets written as runs
	for _, lang := range []string{"en", "fr", "es", "ar", "ru", "zh"} {
		at := "search/index.html"
		if lang != "en" {
			at = lang + "/" + at
		}
		files[at] = searchPage(t, "/", lang, false)
	}
	writeFiles(t, dir, files)
	base := serve(t, dir, nil)
	ctx, problems := browser(t)

	open := func(page, q, want string) shown {
		t.Helper()
		q, filter, _ := strings.Cut(q, "&") // q&facet=value
		if filter != "" {
			filter = "&" + filter
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page+"?q="+url.QueryEscape(q)+filter)); err != nil {
			t.Fatal(err)
		}
		s, err := settle(ctx, want)
		if err != nil {
			t.Fatalf("%s?q=%s: %v (page: %+v)", page, q, err, s)
		}
		return s
	}

	// The same word from the French and the English page: each lists its
	// own language's brief first.
	s := open("/fr/search/", "protection", "2 results")
	if !reflect.DeepEqual(s.Links, []string{"/fr/situations/darfur/", "/situations/darfur/"}) {
		t.Errorf("fr, protection: %q", s.Links)
	}
	s = open("/search/", "protection", "2 results")
	if !reflect.DeepEqual(s.Links, []string{"/situations/darfur/", "/fr/situations/darfur/"}) {
		t.Errorf("en, protection: %q", s.Links)
	}
	// A French verb form, and the other forms of its stem marked.
	s = open("/fr/search/", "protéger ", "2 results")
	if !reflect.DeepEqual(s.Links, []string{"/fr/situations/darfur/", "/es/situations/darfur/"}) || !slices.Contains(s.Marks, "protéger") {
		t.Errorf("fr, protéger: %q %q", s.Links, s.Marks)
	}
	// Arabic typed without diacritics finds the vowelled text and marks it
	// as written.
	s = open("/ar/search/", "حماية", "2 results")
	if len(s.Links) != 2 || s.Links[0] != "/ar/situations/darfur/" || !slices.Contains(s.Marks, "الحِمَايَةِ") {
		t.Errorf("ar, حماية: %q %q", s.Links, s.Marks)
	}
	s = open("/ar/search/", "الامم المتحدة", "1 result")
	if !reflect.DeepEqual(s.Links, []string{"/ar/situations/darfur/"}) || !slices.Contains(s.Marks, "الأُمَمُ") {
		t.Errorf("ar, الامم المتحدة: %q %q", s.Links, s.Marks)
	}
	// Russian: й is kept, so новый meets новая.
	s = open("/ru/search/", "новый ", "2 results")
	if !reflect.DeepEqual(s.Links, []string{"/ru/about/", "/ru/situations/darfur/"}) || !slices.Contains(s.Marks, "Новая") {
		t.Errorf("ru, новый: %q %q", s.Links, s.Marks)
	}
	// Chinese: the bigrams of the query, each character of the match
	// marked.
	s = open("/zh/search/", "保护的责任", "1 result")
	if !reflect.DeepEqual(s.Links, []string{"/zh/situations/darfur/"}) || strings.Join(s.Marks, "") != "保护的责任" {
		t.Errorf("zh, 保护的责任: %q %q", s.Links, s.Marks)
	}
	s = open("/zh/search/", "责", "2 results")
	if len(s.Links) != 2 {
		t.Errorf("zh, 责: %q", s.Links)
	}
	// Facets, written as runs: counts, and a language chosen in the URL.
	s = open("/search/", "darfur", "2 results")
	if !contains(s.Facets, "Situation brief (2)") {
		t.Errorf("darfur: facets %q", s.Facets)
	}
	s = open("/es/search/", "darfur&lang=es", "1 result")
	if !reflect.DeepEqual(s.Links, []string{"/es/situations/darfur/"}) {
		t.Errorf("darfur in Spanish: %q", s.Links)
	}
	for _, p := range problems() {
		t.Errorf("browser: %s", p)
	}
}
