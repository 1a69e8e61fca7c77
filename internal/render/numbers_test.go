package render

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/source"
)

const (
	nbsp   = "\u00a0" // NO-BREAK SPACE
	nnbsp  = "\u202f" // NARROW NO-BREAK SPACE
	lrm    = "\u200e" // LEFT-TO-RIGHT MARK
	arabic = "٠١٢٣٤٥٦٧٨٩"
)

// TestNumberPerLanguage checks the grouping and decimal separators of the
// six UN languages (CLDR, with the changes numbers.go applies on top of
// golang.org/x/text's data).
func TestNumberPerLanguage(t *testing.T) {
	tests := []struct {
		lang                            string
		small, four, five, seven, minus string
		decimal, percent                string
	}{
		{"en", "7", "1,234", "10,000", "1,234,567", "-1,234", "12.5", "46%"},
		{"zh", "7", "1,234", "10,000", "1,234,567", "-1,234", "12.5", "46%"},
		{"fr", "7", "1" + nnbsp + "234", "10" + nnbsp + "000", "1" + nnbsp + "234" + nnbsp + "567", "-1" + nnbsp + "234", "12,5", "46" + nnbsp + "%"},
		{"ru", "7", "1" + nbsp + "234", "10" + nbsp + "000", "1" + nbsp + "234" + nbsp + "567", "-1" + nbsp + "234", "12,5", "46" + nbsp + "%"},
		{"es", "7", "1234", "10.000", "1.234.567", "-1234", "12,5", "46" + nbsp + "%"},
		{"ar", "7", "1,234", "10,000", "1,234,567", lrm + "-1,234", "12.5", "46" + lrm + "%" + lrm},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			f := numberFormatFor(tt.lang, "")
			for _, c := range []struct {
				got  Number
				want string
			}{
				{f.integer(7), tt.small}, {f.integer(1234), tt.four}, {f.integer(10000), tt.five},
				{f.integer(1234567), tt.seven}, {f.integer(-1234), tt.minus},
				{f.decimal(12.5, 2), tt.decimal}, {f.percent(0.46), tt.percent},
			} {
				if c.got.String() != c.want {
					t.Errorf("got %q, want %q", c.got, c.want)
				}
			}
		})
	}
}

// TestNumberRegions: the changes made on top of x/text follow CLDR's
// regional variants too.
func TestNumberRegions(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"fr-CA", "10" + nbsp + "000"}, // CLDR-16215: Canadian French kept U+00A0
		{"fr-CH", "10" + nnbsp + "000"},
		{"es-419", "1,234"}, // CLDR-14054: Latin American Spanish groups four digits (with a comma)
	} {
		n := int64(10000)
		if strings.HasPrefix(c.lang, "es") {
			n = 1234
		}
		if got := numberFormatFor(c.lang, "").integer(n).String(); got != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, got, c.want)
		}
	}
}

// numberRenderer is a renderer of a one-language site in lang, with the
// built-in templates and translations, and extra appended to
// i18n/LANG.yaml.
func numberRenderer(t *testing.T, lang, extra string) *Renderer {
	t.Helper()
	var l diag.List
	site := fstest.MapFS{"content/site.yaml": {Data: []byte("language: " + lang + "\n")}}
	r, _ := langRenderer(t, site, defaultsWith(t, lang, extra), lang, &l)
	return r
}

// TestNumberTemplateFunc runs number and percent as templates call them:
// the result fills %d in a translation, digits are the language's, a year
// or a code is refused rather than grouped.
func TestNumberTemplateFunc(t *testing.T) {
	run := func(r *Renderer, text string) (string, error) {
		tmpl, err := template.New("t").Funcs(r.funcs()).Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		err = tmpl.Execute(&b, nil)
		return b.String(), err
	}
	fr := numberRenderer(t, "fr", "n: \"%d États\"\n")
	for text, want := range map[string]string{
		`{{number 12345}}`:           "12" + nnbsp + "345",
		`{{t "n" (number 12345)}}`:   "12" + nnbsp + "345 États",
		`{{percent 153 195}}`:        "78" + nnbsp + "%",
		`{{percent 1 0}}`:            "",
		`{{number 2.25 1}}`:          "2,2",
		`{{printf "%d" (number 7)}}`: "7",
	} {
		if got, err := run(fr, text); err != nil || got != want {
			t.Errorf("fr %s = %q, %v; want %q", text, got, err, want)
		}
	}
	for _, text := range []string{`{{number "2016"}}`, `{{number "SYR"}}`, `{{percent "a" 2}}`} {
		if _, err := run(fr, text); err == nil {
			t.Errorf("%s: no error", text)
		}
	}

	// Arabic: Western digits by default (CLDR 46), Arabic-Indic digits when
	// the site's i18n/ar.yaml asks for them.
	if got, _ := run(numberRenderer(t, "ar", ""), `{{number 1234}}`); got != "1,234" {
		t.Errorf("ar: got %q, want 1,234", got)
	}
	arab := numberRenderer(t, "ar", "number.system: arab\n")
	got, _ := run(arab, `{{number 1234}}`)
	if got != "١٬٢٣٤" {
		t.Errorf("ar with number.system arab: got %q, want ١٬٢٣٤", got)
	}
	if !strings.ContainsAny(got, arabic) {
		t.Errorf("ar with number.system arab: %q has no Arabic-Indic digits", got)
	}
}

// TestNumberDefaults: the built-in translation files leave numbers to
// CLDR, so that every language formats a count as TestNumberPerLanguage
// says.
func TestNumberDefaults(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es", "ru", "ar", "zh"} {
		var l diag.List
		site := model.Build(source.Load(fstest.MapFS{"content/site.yaml": {Data: []byte("language: " + lang + "\n")}}, &l), model.Options{}, &l)
		r := NewLang(site, markdown.New(markdown.Config{}), r2p.Defaults, "test", lang, &l)
		n, err := r.number(10000)
		if err != nil {
			t.Fatal(err)
		}
		if want := numberFormatFor(lang, "").integer(10000).String(); n.String() != want {
			t.Errorf("%s: got %q, want %q", lang, n, want)
		}
		if s := fmt.Sprintf("%d", n); s != n.String() {
			t.Errorf("%s: %%d gives %q", lang, s)
		}
	}
}

// localSite publishes in English, French and Arabic. Its brief and its
// tables give no French or Arabic text, so those pages fall back to
// English for them, and mark it.
const localSite = `
-- content/site.yaml --
title: Test
language: en
languages: [fr, ar]
as_of: 2024-01-01
-- content/situations/syria.md --
---
title: Syria brief
states: [SYR, FRA]
risk: current-crisis
date: 2023-07-01
---
Text.
-- content/data/treaties.csv --
id,title,short_title,adopted
model-treaty,Model Treaty on Examples,Model Treaty,2000-01-01
-- content/data/ratifications.csv --
state,treaty,signed,action,date
FRA,model-treaty,,ratification,2001-05-02
DEU,model-treaty,,accession,2003-05-02
EGY,model-treaty,2002-01-01,,
-- content/data/compliance.csv --
state,obligation,rating,date
FRA,treaty:model-treaty,met,2020-01-01
EGY,treaty:model-treaty,partial,2020-01-01
DEU,A/RES/60/1,not-met,2020-01-01
`

// TestHomeAndComplianceCounts: the home page and the compliance page write
// their counts and column numbers with number, and mark the texts that fall
// back to English.
func TestHomeAndComplianceCounts(t *testing.T) {
	ar := generateLang(t, localSite, "ar")
	home := ar["ar/index.html"]
	for _, want := range []string{
		`<span class="count">(1)</span>`,
		`<a href="/ar/situations/syria/" lang="en" dir="auto">Syria brief</a>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("ar/index.html lacks %s", want)
		}
	}
	compliance := ar["ar/compliance/index.html"]
	for _, want := range []string{
		`<a href="/ar/treaties/model-treaty/" lang="en" dir="auto">Model Treaty</a>`,
		`<abbr title="Model Treaty">1</abbr>`, `<abbr title="A/RES/60/1">2</abbr>`,
	} {
		if !strings.Contains(compliance, want) {
			t.Errorf("ar/compliance/index.html lacks %s", want)
		}
	}
	// A document symbol is the same in every language: it is not marked.
	if strings.Contains(compliance, `lang="en" dir="auto">A/RES/60/1`) {
		t.Error("a document symbol is marked as English")
	}
	en := generateLang(t, localSite, "en")
	if strings.Contains(en["index.html"], `lang="en" dir="auto"`) || strings.Contains(en["compliance/index.html"], `lang="en" dir="auto"`) {
		t.Error("the default language's pages mark their own language")
	}
}
