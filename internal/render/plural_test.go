package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// The CLDR cardinal categories of the six languages, for the counts a
// page shows.
func TestPluralForm(t *testing.T) {
	tests := map[string]map[string][]int{
		"ru": {"one": {1, 21, 101, 1001}, "few": {2, 3, 4, 22, 104}, "many": {0, 5, 11, 12, 14, 25, 100, 111, 195}},
		"ar": {"zero": {0}, "one": {1}, "two": {2}, "few": {3, 10, 103, 110}, "many": {11, 26, 99, 111, 195}, "other": {100, 101, 102, 200, 1000}},
		"en": {"one": {1}, "other": {0, 2, 21, 101}},
		"fr": {"one": {0, 1}, "other": {2, 21, 101}},
		"es": {"one": {1}, "other": {0, 2, 21}},
		"zh": {"other": {0, 1, 2, 21}},
	}
	for lang, forms := range tests {
		for name, ns := range forms {
			for _, n := range ns {
				if got := pluralForm(lang, operand{i: n}); got != pluralNames[name] {
					t.Errorf("%s: %d is %v, want %s", lang, n, got, name)
				}
			}
		}
	}
	// Fractions: Russian takes "other", French "one" below 2.
	if got := pluralForm("ru", operand{i: 1, v: 1, f: 5}); got != pluralNames["other"] {
		t.Errorf("ru 1.5 is %v, want other", got)
	}
	if got := pluralForm("fr", operand{i: 1, v: 1, f: 5}); got != pluralNames["one"] {
		t.Errorf("fr 1,5 is %v, want one", got)
	}
}

func TestPluralCategories(t *testing.T) {
	for lang, want := range map[string]string{
		"ar": "zero one two few many other", "ru": "one few many other", "en": "one other",
		"fr": "one other", "es": "one other", "zh": "other",
	} {
		if got := strings.Join(PluralCategories(lang), " "); got != want {
			t.Errorf("PluralCategories(%s) = %s, want %s", lang, got, want)
		}
	}
}

// A written number is read back whatever its digits and separators.
func TestParseOperand(t *testing.T) {
	for _, c := range []struct {
		text, sep string
		want      operand
	}{
		{"1,234", ".", operand{i: 1234}},
		{"10.000", ",", operand{i: 10000}},
		{"10\u202f000", ",", operand{i: 10000}},
		{"١٬٢٣٤", "٫", operand{i: 1234}},
		{"١٫٥", "٫", operand{i: 1, v: 1, f: 5}},
		{"2,50", ",", operand{i: 2, v: 2, f: 50}},
		{"४२", ".", operand{i: 42}},
	} {
		got, ok := parseOperand(c.text, c.sep)
		if !ok || got != c.want {
			t.Errorf("parseOperand(%q, %q) = %+v, %v; want %+v", c.text, c.sep, got, ok, c.want)
		}
	}
	if _, ok := parseOperand("", "."); ok {
		t.Error("an empty Number is read as a count")
	}
}

func testI18n(t *testing.T, lang string, files map[string]string) (*i18n, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["i18n/"+name+".yaml"] = &fstest.MapFile{Data: []byte(text)}
	}
	l := &diag.List{}
	return loadI18n(fsys, lang, "en", l), l
}

const pluralEN = `
n.states:
  one: "%d state"
  other: "%d states"
more:
  one: "The one situation rated %s"
  other: "All %d situations rated %s"
only.en:
  one: "%d record"
  other: "%d records"
`

const pluralRU = `
n.states:
  one: "%d государство"
  few: "%d государства"
  many: "%d государств"
  other: "%d государства"
`

const pluralAR = `
n.states:
  zero: "لا توجد أي دولة"
  one: "دولة واحدة"
  two: "دولتان"
  few: "%d دول"
  many: "%d دولة"
  other: "%d دولة"
number.system: arab
`

func TestPluralStrings(t *testing.T) {
	files := map[string]string{"en": pluralEN, "ru": pluralRU, "ar": pluralAR}
	ru, l := testI18n(t, "ru", files)
	if l.Len() > 0 {
		t.Fatal(l.Err())
	}
	ar, _ := testI18n(t, "ar", files)
	en, _ := testI18n(t, "en", files)
	for _, c := range []struct {
		tr   *i18n
		key  string
		args []any
		want string
	}{
		{ru, "n.states", []any{1}, "1 государство"},
		{ru, "n.states", []any{2}, "2 государства"},
		{ru, "n.states", []any{5}, "5 государств"},
		{ru, "n.states", []any{21}, "21 государство"},
		{ru, "n.states", []any{Number{"1 234"}}, "1 234 государства"},
		{ru, "n.states", []any{Number{"195"}}, "195 государств"},
		{ru, "n.states", []any{Number{"1,5"}}, "1,5 государства"},
		{ru, "n.states", nil, "%d государства"},
		// A key Russian lacks takes the English form for the count.
		{ru, "only.en", []any{Number{"1"}}, "1 record"},
		{ru, "only.en", []any{Number{"21"}}, "21 records"},
		// Forms without the count: the other arguments fill the verbs.
		{ar, "n.states", []any{Number{"٠"}}, "لا توجد أي دولة"},
		{ar, "n.states", []any{Number{"١"}}, "دولة واحدة"},
		{ar, "n.states", []any{Number{"٢"}}, "دولتان"},
		{ar, "n.states", []any{Number{"٣"}}, "٣ دول"},
		{ar, "n.states", []any{Number{"١١"}}, "١١ دولة"},
		{ar, "n.states", []any{Number{"١٠٠"}}, "١٠٠ دولة"},
		{ar, "n.states", []any{Number{"١٠٣"}}, "١٠٣ دول"},
		{en, "more", []any{Number{"1"}, "serious"}, "The one situation rated serious"},
		{en, "more", []any{Number{"16"}, "serious"}, "All 16 situations rated serious"},
		{en, "n.states", []any{0}, "0 states"},
	} {
		if got := c.tr.T(c.key, c.args...); got != c.want {
			t.Errorf("%s: T(%q, %v) = %q, want %q", c.tr.lang, c.key, c.args, got, c.want)
		}
	}
}

// A plural string must give "other" and name only CLDR categories; the
// error is at the offending line.
func TestPluralErrors(t *testing.T) {
	_, l := testI18n(t, "en", map[string]string{"en": `ok: text
a:
  one: "%d thing"
b:
  one: "%d thing"
  meny: "%d things"
  other: "%d things"
c:
  one: [x]
  other: "%d"
`})
	got := l.Err().Error()
	for _, want := range []string{
		`i18n/en.yaml:3:3: plural forms of "a" lack "other"`,
		`i18n/en.yaml:6:3: "meny" is not a plural category (zero, one, two, few, many, other); did you mean "many"?`,
		`i18n/en.yaml:9:8: plural form "one" of "c" must be text`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}
