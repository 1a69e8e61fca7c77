package registry

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

// names.csv gives each registry state's short name in the six official
// languages of the United Nations, as the UN M49 standard publishes them
// (see SOURCES.md). An empty cell means no sourced name: callers fall back
// to English.
//
//go:embed names.csv
var namesCSV string

// Languages are the columns of names.csv after the code, in order: the six
// official languages of the United Nations.
var Languages = []string{"ar", "zh", "en", "fr", "ru", "es"}

var (
	namesOnce sync.Once
	names     map[string]map[string]string // code -> lang -> name
)

// Name returns the UN short name of the state with the given alpha-3 code
// (any case) in the given language ("ar", "zh", "en", "fr", "ru" or "es";
// a region subtag such as "fr-CH" or "zh-Hans" is ignored). It reports false
// when the code or language is unknown or the name is not recorded.
func Name(code, lang string) (string, bool) {
	namesOnce.Do(loadNames)
	lang = baseLang(lang)
	s := names[strings.ToUpper(code)][lang]
	return s, s != ""
}

// baseLang is a language tag's primary subtag, lower-cased: "fr-CH" ->
// "fr", "zh_Hans" -> "zh".
func baseLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

func loadNames() {
	n, err := parseNames(namesCSV)
	if err != nil {
		// Embedded and checked by the package tests: a failure is a defect
		// in the binary, not in a user's input.
		panic(fmt.Sprintf("registry: %v", err))
	}
	names = n
}

func parseNames(text string) (map[string]map[string]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("names.csv: %w", err)
	}
	header := append([]string{"code"}, Languages...)
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("names.csv: header must be %s", strings.Join(header, ","))
	}
	out := make(map[string]map[string]string, len(rows)-1)
	for _, row := range rows[1:] {
		m := make(map[string]string, len(Languages))
		for i, lang := range Languages {
			m[lang] = row[i+1]
		}
		out[row[0]] = m
	}
	return out, nil
}
