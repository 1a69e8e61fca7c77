package markdown

import (
	"strings"
	"testing"
	"time"
)

// Pathological Markdown must convert in time proportional to its size.
// Each input is converted at n and at 2n: a deadline catches a hang, and
// the ratio of the two times (over 3.2 where linear work gives 2 and
// quadratic 4) catches quadratic work before it becomes a hang on a larger
// file. The times are logged (go test -v -run
// Pathological) for the README's table.
func TestPathologicalMarkdown(t *testing.T) {
	if raceEnabled {
		t.Skip("-race: timings under the race detector say nothing about real builds")
	}
	const n = 50_000
	cases := []struct {
		name string
		make func(n int) string
	}{
		{"nested brackets", func(n int) string { return strings.Repeat("[", n) + "x" + strings.Repeat("]", n) }},
		{"unclosed brackets", func(n int) string { return strings.Repeat("[", n) + "x" }},
		{"nested links", func(n int) string { return strings.Repeat("[a](", n) + "x" + strings.Repeat(")", n) }},
		{"emphasis markers", func(n int) string { return strings.Repeat("*", n) + "x" + strings.Repeat("*", n) }},
		{"alternating emphasis", func(n int) string { return strings.Repeat("*a _b ", n/2) + "x" }},
		{"unclosed emphasis", func(n int) string { return strings.Repeat("*a ", n) }},
		{"nested list markers", func(n int) string { return strings.Repeat("- ", n) + "x\n" }},
		{"nested ordered lists", func(n int) string { return strings.Repeat("1. ", n) + "x\n" }},
		{"nested quotes", func(n int) string { return strings.Repeat(">", n) + " x\n" }},
		{"backticks", func(n int) string { return strings.Repeat("`", n) + "x" + strings.Repeat("``", n/2) }},
		{"html-like", func(n int) string { return strings.Repeat("<a ", n) }},
		{"symbols", func(n int) string { return strings.Repeat("A/70/999-S/2016/620-", n/10) }},
		{"footnote refs", func(n int) string { return strings.Repeat("x[^1]", n) + "\n\n[^1]: y\n" }},
		{"10 MB line", func(n int) string { return strings.Repeat("word *em* [l](/x/) ", (10<<20)/19*n/50_000) }},
	}
	conv := New(Config{Links: basePath("/r2p")})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			small, large := tc.make(n/2), tc.make(n)
			half := timeConvert(t, conv, small)
			full := timeConvert(t, conv, large)
			// On a shared machine one slow run says little: a ratio over
			// the limit is measured twice more, alternating the sizes so
			// that both see the same load, and the fastest of each is
			// kept. Quadratic work stays near 4 however often it is timed.
			for try := 0; try < 2 && full > 200*time.Millisecond && full > 3*half+half/5; try++ {
				half = min(half, timeConvert(t, conv, small))
				full = min(full, timeConvert(t, conv, large))
			}
			t.Logf("n=%d: %v; n=%d: %v", n/2, half, n, full)
			if full > 200*time.Millisecond && full > 3*half+half/5 {
				t.Errorf("doubling the input took %.1fx as long (%v -> %v): the work is not linear", float64(full)/float64(half), half, full)
			}
		})
	}
}

func timeConvert(t *testing.T, conv *Converter, src string) time.Duration {
	t.Helper()
	done := make(chan time.Duration, 1)
	go func() {
		start := time.Now()
		conv.Convert([]byte(src), Options{Path: "p.md", Line: 1, Numbered: true})
		done <- time.Since(start)
	}()
	select {
	case d := <-done:
		return d
	case <-time.After(30 * time.Second):
		t.Fatalf("%d bytes did not convert within 30s", len(src))
		return 0
	}
}
