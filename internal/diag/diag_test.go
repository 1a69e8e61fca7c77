package diag

import "testing"

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		pos  Pos
		want string
	}{
		{Pos{Path: "a.md"}, "a.md"},
		{Pos{Path: "a.md", Line: 3}, "a.md:3"},
		{Pos{Path: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
	} {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.pos, got, tc.want)
		}
	}
}

func TestListSortsAndDeduplicates(t *testing.T) {
	var l List
	l.Add(Pos{"b.md", 1, 1}, "late file")
	l.Add(Pos{"a.md", 10, 2}, "second")
	l.Add(Pos{"a.md", 2, 5}, "first")
	l.Add(Pos{"a.md", 2, 5}, "first")
	got := l.Err().Error()
	want := "a.md:2:5: first\na.md:10:2: second\nb.md:1:1: late file"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	var empty List
	if empty.Err() != nil {
		t.Fatal("empty list must give a nil error")
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"title", "states", "risk", "date", "summary", "risk_history", "sources"}
	for _, tc := range []struct{ in, want string }{
		{"titel", `; did you mean "title"?`},
		{"sumary", `; did you mean "summary"?`},
		{"source", `; did you mean "sources"?`},
		{"colour", ""},
		{"riskhistory", `; did you mean "risk_history"?`},
	} {
		if got := Suggest(tc.in, keys); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
