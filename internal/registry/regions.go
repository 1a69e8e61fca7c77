package registry

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

// regions.csv gives the UN M49 regions and sub-regions that states.csv uses
// in the six official languages of the United Nations, as the M49 standard
// publishes them (see SOURCES.md). Its first column is the M49 area code;
// the English column is the name states.csv writes. An empty cell means no
// sourced name: callers fall back to English.
//
//go:embed regions.csv
var regionsCSV string

var (
	regionsOnce sync.Once
	regions     map[string]map[string]string // lower-case English name -> lang -> name
)

// RegionName returns the name in lang ("ar", "zh", "en", "fr", "ru" or
// "es"; a region subtag such as "fr-CH" is ignored) of the UN M49 region or
// sub-region whose English name is en (ignoring case and surrounding
// space), e.g. RegionName("Sub-Saharan Africa", "fr") is "Afrique
// subsaharienne". It reports false when en is not an M49 region or
// sub-region of the table, the language is unknown or the name is not
// recorded.
func RegionName(en, lang string) (string, bool) {
	regionsOnce.Do(loadRegions)
	return lookupRegion(regions, en, lang)
}

func lookupRegion(table map[string]map[string]string, en, lang string) (string, bool) {
	lang = baseLang(lang)
	s := table[strings.ToLower(strings.TrimSpace(en))][lang]
	return s, s != ""
}

func loadRegions() {
	m, err := parseRegions(regionsCSV)
	if err != nil {
		// Embedded and checked by the package tests: a failure is a defect
		// in the binary, not in a user's input.
		panic(fmt.Sprintf("registry: %v", err))
	}
	regions = m
}

func parseRegions(text string) (map[string]map[string]string, error) {
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("regions.csv: %w", err)
	}
	header := append([]string{"code"}, Languages...)
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("regions.csv: header must be %s", strings.Join(header, ","))
	}
	out := make(map[string]map[string]string, len(rows)-1)
	for _, row := range rows[1:] {
		m := make(map[string]string, len(Languages))
		for i, lang := range Languages {
			m[lang] = row[i+1]
		}
		out[strings.ToLower(m["en"])] = m
	}
	return out, nil
}
