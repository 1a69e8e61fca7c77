package source

import (
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/diag"
)

func TestNeutralize(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@user", "'@user"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"'=x", "''=x"},
		{"'plain", "'plain"},
		{"plain", "plain"},
		{"", ""},
		{"a=b", "a=b"},
	} {
		if got := Neutralize(tc.in); got != tc.out {
			t.Errorf("Neutralize(%q) = %q, want %q", tc.in, got, tc.out)
		}
		if back := Unneutralize(Neutralize(tc.in)); back != tc.in {
			t.Errorf("Unneutralize(Neutralize(%q)) = %q", tc.in, back)
		}
	}
}

// TestRecordPositions: each record starts where the file says, in every
// format, and a CSV cell's column is its byte column.
func TestRecordPositions(t *testing.T) {
	for _, tc := range []struct {
		path, text string
		lines      []int
	}{
		{"t.csv", "a,b\n1,2\n\n\"x\ny\",3\n", []int{2, 4}},
		{"t.json", "[\n  {\"a\": 1},\n\n  {\"a\": \"x\",\n   \"b\": [\"p\", \"q\"]}\n]\n", []int{2, 4}},
		{"t.json", "{\"as_of\": \"2016\", \"records\": [\n{\"a\": 1}]}", []int{2}},
		{"t.yaml", "- a: 1\n\n- a: x\n  b: [p, q]\n", []int{1, 3}},
	} {
		var l diag.List
		tab := ReadTable(tc.path, strings.NewReader(tc.text), &l)
		if err := l.Err(); err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		var got []int
		for _, r := range tab.Rows {
			got = append(got, r.Line)
		}
		if len(got) != len(tc.lines) {
			t.Errorf("%s %q: rows at %v, want %v", tc.path, tc.text, got, tc.lines)
			continue
		}
		for i := range got {
			if got[i] != tc.lines[i] {
				t.Errorf("%s %q: rows at %v, want %v", tc.path, tc.text, got, tc.lines)
			}
		}
	}
}

func TestTableErrors(t *testing.T) {
	for _, tc := range []struct{ path, text, want string }{
		{"t.json", "[\n {\"a\": 1},\n {\"a\": }\n]", "t.json:3:3: invalid JSON in the value of \"a\": invalid character '}' looking for beginning of value"},
		{"t.json", "{\"a\": 1}", "t.json:1: expected a list of records, [{\"column\": \"value\", ...}, ...], or {\"records\": [...]}"},
		{"t.json", "[{\"a\": {\"b\": 1}}]", "t.json:1:8: a must be text, a number or a list of them, not an object"},
		{"t.json", "[{\"a\": 1, \"a\": 2}]", "t.json:1:11: column \"a\" is given twice in this record"},
		{"t.yaml", "a: 1\n", "t.yaml:1: expected a list of records (- column: value), or records: [...]"},
		{"t.csv", "a,b\n1,2,3\n", "t.csv:2: row has 3 fields, but the header has 2; quote any field that holds a comma"},
		{"t.csv", "a,b\n1,x\"y\n", "t.csv:2:4: stray \" in an unquoted field; quote the whole field and double each \" inside it (\"a \"\"b\"\" c\")"},
	} {
		var l diag.List
		ReadTable(tc.path, strings.NewReader(tc.text), &l)
		if got := l.Err(); got == nil || got.Error() != tc.want {
			t.Errorf("%s %q:\n got %v\nwant %s", tc.path, tc.text, got, tc.want)
		}
	}
}

// FuzzReadTable: no input makes a reader panic, and every reported line
// lies inside the file, its lines ended by LF, CRLF or a lone CR, as YAML
// ends them (and an editor shows them).
func FuzzReadTable(f *testing.F) {
	f.Add("t.csv", "a,b\n1,\"2\n")
	f.Add("t.json", "[{\"a\": [1, null]}]")
	f.Add("t.yaml", "- a: [x]\n")
	f.Fuzz(func(t *testing.T, path, text string) {
		switch path {
		case "t.csv", "t.json", "t.yaml":
		default:
			path = "t.csv"
		}
		var l diag.List
		ReadTable(path, strings.NewReader(text), &l)
		lines := strings.Count(strings.ReplaceAll(text, "\r\n", "\n"), "\n") + strings.Count(text, "\r") -
			strings.Count(text, "\r\n") + 1
		for _, e := range l.Errors() {
			if e.Pos.Line > lines+1 {
				t.Fatalf("%v is past the end of a %d-line file", e, lines)
			}
		}
	})
}
