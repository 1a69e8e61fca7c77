package markdown

import "testing"

func TestSymbolURL(t *testing.T) {
	c := New(Config{})
	for _, tc := range []struct{ in, want string }{
		{"A/70/999-S/2016/620", "https://undocs.org/A/70/999"},
		{"S/RES/2165 (2014)", "https://undocs.org/S/RES/2165(2014)"},
		{" A/HRC/31/68 ", "https://undocs.org/A/HRC/31/68"},
		{"A/B testing", ""},
		{"see A/70/999", ""},
	} {
		if got := c.SymbolURL(tc.in); got != tc.want {
			t.Errorf("SymbolURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := New(Config{SymbolURL: "-"}).SymbolURL("A/70/999"); got != "" {
		t.Errorf("symbol links off, got %q", got)
	}
}
