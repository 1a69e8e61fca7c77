package charts

import (
	"fmt"
	"testing"
)

// svg.f writes what fmt.Sprintf writes, on its own for %s and %d and
// through fmt for the rest.
func TestFormatLikeFmt(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []any
	}{
		{`<rect x="%s" y="%s" width="%d" height="%d">%s</rect>`, []any{"1.5", "-2", 10, -3, "<title>t</title>"}},
		{`no verbs`, nil},
		{`%s%s%d`, []any{"", "a", 0}},
		{`100%% %s`, []any{"x"}},
		{`%d`, []any{int64(7)}},
		{`%s`, []any{7}},
		{`%d`, []any{"7"}},
		{`%q %5d`, []any{"x", 3}},
		{`%s %s`, []any{"one"}},
		{`%s`, []any{"one", "two"}},
		{`trailing %`, nil},
		{`%s`, []any{nil}},
	} {
		var b svg
		b.f(c.format, c.args...)
		if want := fmt.Sprintf(c.format, c.args...); b.String() != want {
			t.Errorf("f(%q, %v) = %q, fmt gives %q", c.format, c.args, b.String(), want)
		}
	}
}
