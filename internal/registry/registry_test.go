package registry

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// m49Subregions maps each M49 sub-region to the M49 region it belongs to.
var m49Subregions = map[string]string{
	"Northern Africa":                 "Africa",
	"Sub-Saharan Africa":              "Africa",
	"Latin America and the Caribbean": "Americas",
	"Northern America":                "Americas",
	"Central Asia":                    "Asia",
	"Eastern Asia":                    "Asia",
	"South-eastern Asia":              "Asia",
	"Southern Asia":                   "Asia",
	"Western Asia":                    "Asia",
	"Eastern Europe":                  "Europe",
	"Northern Europe":                 "Europe",
	"Southern Europe":                 "Europe",
	"Western Europe":                  "Europe",
	"Australia and New Zealand":       "Oceania",
	"Melanesia":                       "Oceania",
	"Micronesia":                      "Oceania",
	"Polynesia":                       "Oceania",
}

var (
	codeRE    = regexp.MustCompile(`^[A-Z]{3}$`)
	numericRE = regexp.MustCompile(`^[0-9]{3}$`)
	yearRE    = regexp.MustCompile(`^[0-9]{4}$`)
)

func TestCounts(t *testing.T) {
	all := States()
	if len(all) != 195 {
		t.Fatalf("got %d rows, want 195", len(all))
	}
	n := map[string]int{}
	for _, s := range all {
		n[s.Status]++
	}
	if n["member"] != 193 || n["observer"] != 2 || len(n) != 2 {
		t.Errorf("statuses = %v, want 193 member and 2 observer", n)
	}
}

func TestSortedByCode(t *testing.T) {
	all := States()
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Code < all[j].Code }) {
		t.Error("States() is not sorted by code")
	}
}

func TestCodesAndNumerics(t *testing.T) {
	codes := map[string]bool{}
	numerics := map[string]string{}
	for _, s := range States() {
		if !codeRE.MatchString(s.Code) {
			t.Errorf("%q: code is not 3 upper-case letters", s.Code)
		}
		if codes[s.Code] {
			t.Errorf("%s: duplicate code", s.Code)
		}
		codes[s.Code] = true
		if !numericRE.MatchString(s.Numeric) {
			t.Errorf("%s: numeric %q is not 3 digits", s.Code, s.Numeric)
		}
		if other, dup := numerics[s.Numeric]; dup {
			t.Errorf("%s: numeric %s already used by %s", s.Code, s.Numeric, other)
		}
		numerics[s.Numeric] = s.Code
	}
}

func TestNames(t *testing.T) {
	names := map[string]string{}
	for _, s := range States() {
		if s.Name == "" || s.Name != strings.TrimSpace(s.Name) {
			t.Errorf("%s: bad name %q", s.Code, s.Name)
		}
		if other, dup := names[s.Name]; dup {
			t.Errorf("%s: name %q already used by %s", s.Code, s.Name, other)
		}
		names[s.Name] = s.Code
	}
}

func TestRegions(t *testing.T) {
	for _, s := range States() {
		region, ok := m49Subregions[s.Subregion]
		if !ok {
			t.Errorf("%s: %q is not an M49 sub-region", s.Code, s.Subregion)
			continue
		}
		if s.Region != region {
			t.Errorf("%s: sub-region %q belongs to %q, not %q", s.Code, s.Subregion, region, s.Region)
		}
	}
}

func TestMemberSince(t *testing.T) {
	for _, s := range States() {
		switch s.Status {
		case "member":
			if !yearRE.MatchString(s.MemberSince) {
				t.Errorf("%s: member since %q is not a year", s.Code, s.MemberSince)
				continue
			}
			y, _ := strconv.Atoi(s.MemberSince)
			if y < 1945 || y > 2011 {
				t.Errorf("%s: member since %d, outside 1945-2011", s.Code, y)
			}
		case "observer":
			if s.MemberSince != "" {
				t.Errorf("%s: observer has member since %q", s.Code, s.MemberSince)
			}
		default:
			t.Errorf("%s: unknown status %q", s.Code, s.Status)
		}
	}
}

func TestKnownRows(t *testing.T) {
	want := []State{
		{"SYR", "760", "Syrian Arab Republic", "Asia", "Western Asia", "1945", "member"},
		{"SSD", "728", "South Sudan", "Africa", "Sub-Saharan Africa", "2011", "member"},
		{"CIV", "384", "Côte d'Ivoire", "Africa", "Sub-Saharan Africa", "1960", "member"},
		{"PSE", "275", "State of Palestine", "Asia", "Western Asia", "", "observer"},
		{"VAT", "336", "Holy See", "Europe", "Southern Europe", "", "observer"},
		{"DEU", "276", "Germany", "Europe", "Western Europe", "1973", "member"},
		{"RUS", "643", "Russian Federation", "Europe", "Eastern Europe", "1945", "member"},
		{"IDN", "360", "Indonesia", "Asia", "South-eastern Asia", "1950", "member"},
		{"YEM", "887", "Yemen", "Asia", "Western Asia", "1947", "member"},
		{"TZA", "834", "United Republic of Tanzania", "Africa", "Sub-Saharan Africa", "1961", "member"},
		{"CHE", "756", "Switzerland", "Europe", "Western Europe", "2002", "member"},
		{"TLS", "626", "Timor-Leste", "Asia", "South-eastern Asia", "2002", "member"},
		{"SRB", "688", "Serbia", "Europe", "Southern Europe", "2000", "member"},
		{"MNE", "499", "Montenegro", "Europe", "Southern Europe", "2006", "member"},
		{"PRK", "408", "Democratic People's Republic of Korea", "Asia", "Eastern Asia", "1991", "member"},
		{"TUR", "792", "Türkiye", "Asia", "Western Asia", "1945", "member"},
		{"BOL", "068", "Bolivia (Plurinational State of)", "Americas", "Latin America and the Caribbean", "1945", "member"},
		{"GBR", "826", "United Kingdom of Great Britain and Northern Ireland", "Europe", "Northern Europe", "1945", "member"},
	}
	for _, w := range want {
		got, ok := Lookup(w.Code)
		if !ok {
			t.Errorf("%s: not found", w.Code)
			continue
		}
		if got != w {
			t.Errorf("%s:\n got %+v\nwant %+v", w.Code, got, w)
		}
	}
}

func TestOriginalMembers(t *testing.T) {
	// 51 original members, less Czechoslovakia and Yugoslavia, whose
	// successors were admitted later.
	n := 0
	for _, s := range States() {
		if s.MemberSince == "1945" {
			n++
		}
	}
	if n != 49 {
		t.Errorf("%d rows with 1945, want 49", n)
	}
}

func TestLookupCaseInsensitive(t *testing.T) {
	for _, code := range []string{"syr", "Syr", "SYR", "sYr"} {
		s, ok := Lookup(code)
		if !ok || s.Code != "SYR" {
			t.Errorf("Lookup(%q) = %+v, %v", code, s, ok)
		}
	}
	if _, ok := Lookup("XXX"); ok {
		t.Error(`Lookup("XXX") found a state`)
	}
	if _, ok := Lookup(""); ok {
		t.Error(`Lookup("") found a state`)
	}
}

func TestParseRejectsBadHeader(t *testing.T) {
	if _, err := parse("code,name\nSYR,Syria\n"); err == nil {
		t.Error("parse accepted a wrong header")
	}
	if _, err := parse(""); err == nil {
		t.Error("parse accepted an empty file")
	}
}
