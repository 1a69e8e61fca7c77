package model

import (
	"reflect"
	"testing"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// TestFormatsAgree reads the same tables from CSV, YAML and JSON and
// expects the same records, positions aside.
func TestFormatsAgree(t *testing.T) {
	treaties := `-- content/data/treaties.csv --
id,title,adopted,in_force
rome-statute,Rome Statute,1998-07-17,2002-07-01
`
	formats := map[string]string{
		"csv": `-- content/data/compliance.csv --
state,obligation,rating,date,summary,evidence,confidence,note
SYR,treaty:rome-statute,not-met,2016-07,"Crimes, as found",A/HRC/31/68; A/70/999-S/2016/620,high,"'=SUM(1)"
BDI,A/RES/60/1,partial,2016,,,,
`,
		"yaml": `-- content/data/compliance.yaml --
- state: SYR
  obligation: treaty:rome-statute
  rating: not-met
  date: 2016-07
  summary: Crimes, as found
  evidence: [A/HRC/31/68, A/70/999-S/2016/620]
  confidence: high
  note: "=SUM(1)"
- {state: BDI, obligation: A/RES/60/1, rating: partial, date: 2016, evidence: []}
`,
		"json": `-- content/data/compliance.json --
{"as_of": "2016-07-22", "records": [
 {"state": "SYR", "obligation": "treaty:rome-statute", "rating": "not-met", "date": "2016-07",
  "summary": "Crimes, as found", "evidence": ["A/HRC/31/68", "A/70/999-S/2016/620"], "confidence": "high", "note": "=SUM(1)"},
 {"state": "BDI", "obligation": "A/RES/60/1", "rating": "partial", "date": 2016, "summary": null, "evidence": []}
]}
`,
	}
	var first []Assessment
	for _, f := range []string{"csv", "yaml", "json"} {
		s, l := buildArchive(t, parseArchive(t, treaties+formats[f]), Options{})
		if err := l.Err(); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var got []Assessment
		for _, a := range s.Assessments {
			c := *a
			c.Pos = diag.Pos{}
			got = append(got, c)
		}
		if len(got) != 2 {
			t.Fatalf("%s: %d records", f, len(got))
		}
		if first == nil {
			first = got
			continue
		}
		if !reflect.DeepEqual(got, first) {
			t.Errorf("%s gives\n%+v\ncsv gives\n%+v", f, got, first)
		}
	}
}
