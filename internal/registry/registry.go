// Package registry holds the built-in list of the 193 UN Member States and
// the 2 Observer States: ISO 3166-1 codes, short English names, UN M49
// regions and the year each joined the United Nations. A site's own
// content/data/states table adds to it or overrides it (see internal/model).
package registry

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed states.csv
var statesCSV string

// State is one entry of the registry.
type State struct {
	Code        string // ISO 3166-1 alpha-3, upper case
	Numeric     string // ISO 3166-1 numeric, three digits (also the M49 code)
	Name        string // short English name as the UN uses it
	Region      string // M49 region, e.g. "Asia"
	Subregion   string // M49 sub-region, e.g. "Western Asia"
	MemberSince string // year of admission to the UN (YYYY); "" for observers
	Status      string // "member" or "observer"
}

// Columns is the header of states.csv, in order.
var Columns = []string{"code", "numeric", "name", "region", "subregion", "un_member_since", "status"}

var (
	once   sync.Once
	states []State
	byCode map[string]int
)

// States returns the registry sorted by code. The slice is shared: callers
// must not modify it.
func States() []State {
	once.Do(load)
	return states
}

// Lookup returns the state with the given alpha-3 code (any case).
func Lookup(code string) (State, bool) {
	once.Do(load)
	i, ok := byCode[strings.ToUpper(code)]
	if !ok {
		return State{}, false
	}
	return states[i], true
}

func load() {
	s, err := parse(statesCSV)
	if err != nil {
		// The file is embedded and checked by the package tests, so a
		// failure here is a defect in the binary, not in a user's input.
		panic(fmt.Sprintf("registry: %v", err))
	}
	states = s
	byCode = make(map[string]int, len(s))
	for i, st := range s {
		byCode[st.Code] = i
	}
}

func parse(text string) ([]State, error) {
	r := csv.NewReader(strings.NewReader(text))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("states.csv: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(Columns, ",") {
		return nil, fmt.Errorf("states.csv: header must be %s", strings.Join(Columns, ","))
	}
	out := make([]State, 0, len(rows)-1)
	for _, row := range rows[1:] {
		out = append(out, State{
			Code: row[0], Numeric: row[1], Name: row[2], Region: row[3],
			Subregion: row[4], MemberSince: row[5], Status: row[6],
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}
