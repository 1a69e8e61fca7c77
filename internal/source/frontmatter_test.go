package source

import (
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/diag"
)

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, in       string
		fm, body       string
		fmLine, bodyLn int
		err            bool
	}{
		{"none", "Hello\n", "", "Hello\n", 0, 1, false},
		{"simple", "---\ntitle: x\n---\nBody\n", "title: x\n", "Body\n", 1, 4, false},
		{"dots", "---\na: 1\n...\nB", "a: 1\n", "B", 1, 4, false},
		{"empty", "---\n---\n", "", "", 1, 3, false},
		{"no newline at end", "---\na: 1\n---", "a: 1\n", "", 1, 4, false},
		{"trailing spaces", "--- \na: 1\n---  \nx", "a: 1\n", "x", 1, 4, false},
		{"unterminated", "---\ntitle: x\nbody\n", "", "", 1, 0, true},
		{"only opener", "---", "", "", 1, 0, true},
		{"rule later", "Text\n---\nmore", "", "Text\n---\nmore", 0, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fm, fmLine, body, bodyLine, err := SplitFrontMatter([]byte(tc.in))
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			if string(fm) != tc.fm || string(body) != tc.body || fmLine != tc.fmLine || bodyLine != tc.bodyLn {
				t.Errorf("got fm=%q@%d body=%q@%d, want fm=%q@%d body=%q@%d",
					fm, fmLine, body, bodyLine, tc.fm, tc.fmLine, tc.body, tc.bodyLn)
			}
		})
	}
}

func TestParseDocPositions(t *testing.T) {
	var l diag.List
	d := ParseDoc("content/a.md", []byte("\xef\xbb\xbf---\r\ntitle: A\r\nstates: [SYR]\r\n---\r\nBody\r\n"), &l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	if d.BodyLine != 5 || string(d.Body) != "Body\n" {
		t.Errorf("body %q at line %d", d.Body, d.BodyLine)
	}
	states := d.Meta.Content[3]
	if states.Line != 3 || states.Column != 9 {
		t.Errorf("states value at %d:%d, want 3:9", states.Line, states.Column)
	}
}

// TestParseDocLoneCR: a file whose lines end in a lone CR (as old Mac
// editors save them) is read as YAML and CommonMark read it, a line per
// CR, and positions count those lines.
func TestParseDocLoneCR(t *testing.T) {
	var l diag.List
	d := ParseDoc("content/a.md", []byte("---\rtitle: A\rstates: [SYR]\r---\rBody\r"), &l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	if d.BodyLine != 5 || string(d.Body) != "Body\n" {
		t.Errorf("body %q at line %d", d.Body, d.BodyLine)
	}
	if states := d.Meta.Content[3]; states.Line != 3 {
		t.Errorf("states value at line %d, want 3", states.Line)
	}
}

func TestParseDocErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"unterminated", "---\ntitle: x\n", "content/a.md:1:1: front matter is not closed"},
		{"bad yaml", "---\ntitle: x\nstates: [SYR\n---\n", "content/a.md:3: invalid YAML"},
		{"not a mapping", "---\n- a\n---\n", "content/a.md:2:1: expected a mapping"},
		{"bad utf8", "---\ntitle: x\n---\nab\xffc\n", "content/a.md:4:3: file is not valid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l diag.List
			if d := ParseDoc("content/a.md", []byte(tc.in), &l); d != nil {
				t.Fatalf("got a doc, want failure")
			}
			if got := l.Err(); got == nil || !strings.HasPrefix(got.Error(), tc.want) {
				t.Fatalf("got %v, want prefix %q", got, tc.want)
			}
		})
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"", "---\n", "---\na: 1\n---\nbody", "x\n---\n", "---\r\n---\r\n", "\xef\xbb\xbf---\n...\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fm, fmLine, body, bodyLine, err := SplitFrontMatter(data)
		if err != nil {
			return
		}
		if fmLine == 0 && string(body) != string(data) {
			t.Fatalf("no front matter but body changed")
		}
		if len(fm)+len(body) > len(data) || bodyLine < 1 {
			t.Fatalf("inconsistent split: fm %d body %d data %d line %d", len(fm), len(body), len(data), bodyLine)
		}
		var l diag.List
		if d := ParseDoc("f.md", data, &l); d != nil && d.Meta != nil {
			for _, e := range l.Errors() {
				if e.Pos.Line < 1 {
					t.Fatalf("position outside the file: %v", e)
				}
			}
		}
	})
}
