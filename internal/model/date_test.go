package model

import "testing"

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      bool
	}{
		{"2016-07-22", "2016-07-22", false},
		{"2016-07", "2016-07", false},
		{"2016", "2016", false},
		{"2016-02-29", "2016-02-29", false},
		{"2015-02-29", "", true},
		{"2016-13-01", "", true},
		{"2016-7-22", "", true},
		{"22/07/2016", "", true},
		{"", "", true},
		{"2016-07-22-01", "", true},
	} {
		d, err := ParseDate(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if got := d.String(); !tc.err && got != tc.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDateCompare(t *testing.T) {
	a, _ := ParseDate("2016")
	b, _ := ParseDate("2016-01-01")
	c, _ := ParseDate("2016-07-22")
	if a.Compare(b) != 0 || !b.Before(c) || !c.After(a) {
		t.Fatalf("unexpected order of %v %v %v", a, b, c)
	}
}
