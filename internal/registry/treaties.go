package registry

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

// treaties.csv gives the official titles of the core treaties in the six
// official languages of the United Nations, each taken from a source listed
// in SOURCES.md. A row is found by its UN Treaty Collection number (untc),
// or, for a treaty the Secretary-General does not hold, by its English
// title. An empty cell means no sourced title: callers fall back to the
// site's own.
//
//go:embed treaties.csv
var treatiesCSV string

var (
	treatiesOnce sync.Once
	treatyRows   []map[string]string // column -> text
)

// TreatyTitle returns the official title in lang ("ar", "zh", "en", "fr",
// "ru" or "es"; a region subtag is ignored) of the treaty with UN Treaty
// Collection number untc, or, when untc is empty or unknown, of the treaty
// whose English title is title (ignoring case and surrounding space). It
// reports false when no row matches or the title is not recorded.
func TreatyTitle(untc, title, lang string) (string, bool) {
	treatiesOnce.Do(loadTreaties)
	lang = baseLang(lang)
	row := findTreaty(untc, title)
	if row == nil {
		return "", false
	}
	s := row[lang]
	return s, s != ""
}

func findTreaty(untc, title string) map[string]string {
	if untc = strings.TrimSpace(untc); untc != "" {
		for _, row := range treatyRows {
			if strings.EqualFold(row["untc"], untc) {
				return row
			}
		}
	}
	if title = strings.TrimSpace(title); title != "" {
		for _, row := range treatyRows {
			if strings.EqualFold(row["en"], title) {
				return row
			}
		}
	}
	return nil
}

func loadTreaties() {
	rows, err := parseTreaties(treatiesCSV)
	if err != nil {
		// Embedded and checked by the package tests: a failure is a defect
		// in the binary, not in a user's input.
		panic(fmt.Sprintf("registry: %v", err))
	}
	treatyRows = rows
}

// TreatyColumns is the header of treaties.csv.
var TreatyColumns = append([]string{"untc"}, Languages...)

func parseTreaties(text string) ([]map[string]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("treaties.csv: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(TreatyColumns, ",") {
		return nil, fmt.Errorf("treaties.csv: header must be %s", strings.Join(TreatyColumns, ","))
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for i, row := range rows[1:] {
		m := make(map[string]string, len(row))
		for j, name := range TreatyColumns {
			m[name] = strings.TrimSpace(row[j])
		}
		if m["en"] == "" {
			return nil, fmt.Errorf("treaties.csv:%d: the English title is missing", i+2)
		}
		out = append(out, m)
	}
	return out, nil
}
