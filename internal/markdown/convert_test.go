package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p/internal/diag"
)

func TestDiagnostics(t *testing.T) {
	const msg = `link URL scheme "javascript" is not allowed; use http, https, mailto or a relative URL`
	tests := []struct {
		name string
		md   string
		line int
		want []diag.Error
	}{
		{
			name: "link on the first line",
			md:   "see [x](javascript:alert(1))\n",
			line: 7,
			want: []diag.Error{{Pos: diag.Pos{Path: "b.md", Line: 7, Col: 5}, Msg: msg}},
		},
		{
			name: "image further down",
			md:   "# T\n\npara\n\n  ![alt](data:image/png;base64,xx)\n",
			line: 4,
			want: []diag.Error{{Pos: diag.Pos{Path: "b.md", Line: 8, Col: 3},
				Msg: `image URL scheme "data" is not allowed; use http, https, mailto or a relative URL`}},
		},
		{
			name: "autolink in a list",
			md:   "- one\n- two <javascript:x>\n",
			line: 1,
			want: []diag.Error{{Pos: diag.Pos{Path: "b.md", Line: 2, Col: 7}, Msg: msg}},
		},
		{
			name: "link without text falls back to its block",
			md:   "text\n\n> [](javascript:x)\n",
			line: 10,
			want: []diag.Error{{Pos: diag.Pos{Path: "b.md", Line: 12, Col: 3}, Msg: msg}},
		},
		{
			name: "reference definition",
			md:   "a [r] b\n\n[r]: JAVASCRIPT:x\n",
			line: 2,
			want: []diag.Error{{Pos: diag.Pos{Path: "b.md", Line: 2, Col: 3}, Msg: msg}},
		},
		{
			name: "line zero counts as one",
			md:   "[x](vbscript:y)",
			line: 0,
			want: []diag.Error{{Pos: diag.Pos{Path: "b.md", Line: 1, Col: 1},
				Msg: `link URL scheme "vbscript" is not allowed; use http, https, mailto or a relative URL`}},
		},
		{name: "no problems", md: "[x](https://example.org/)\n", line: 3},
	}
	c := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := c.Convert([]byte(tt.md), Options{Path: "b.md", Line: tt.line})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestHeadingIDsUnique(t *testing.T) {
	tests := []struct {
		md   string
		want []string
	}{
		{"# A\n# A\n# A-1\n", []string{"a", "a-1", "a-1-1"}},
		{"# A-1\n# A\n# A\n", []string{"a-1", "a", "a-2"}},
		{"# X\n# Y {#x}\n", []string{"x-1", "x"}},
		{"# P3\n# p3\n# P 3\n", []string{"p3-1", "p3-2", "p-3"}},
		{"# !!!\n# ...\n", []string{"section", "section-1"}},
		{"> # Quoted\n\n- # Listed\n", []string{"quoted", "listed"}},
		{"# Ünïcödé Straße\n", []string{"ünïcödé-straße"}},
	}
	c := New(Config{})
	for _, tt := range tests {
		doc, _ := c.Convert([]byte(tt.md), Options{})
		var got []string
		seen := map[string]bool{}
		for _, h := range doc.TOC {
			got = append(got, h.ID)
			if seen[h.ID] {
				t.Errorf("%q: id %q used twice", tt.md, h.ID)
			}
			seen[h.ID] = true
			if !strings.Contains(doc.HTML, `id="`+h.ID+`"`) {
				t.Errorf("%q: id %q not in HTML:\n%s", tt.md, h.ID, doc.HTML)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: ids %q, want %q", tt.md, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Background":              "background",
		"  Risk factors (2016)  ": "risk-factors-2016",
		"R2P's third pillar":      "r2p-s-third-pillar",
		"Côte d'Ivoire":           "côte-d-ivoire",
		"الجمهورية العربية السورية": "الجمهورية-العربية-السورية",
		"中国":  "中国",
		"---": "section",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTOCAndText(t *testing.T) {
	c := New(Config{})
	doc, _ := c.Convert([]byte("# The *Syrian* crisis\n\nSee A/70/999[^1] and `code`.\nNext &amp; \"last\".\n\n| a | b |\n|---|---|\n| x | y |\n\n[^1]: A note.\n"), Options{Numbered: true})
	wantTOC := []Heading{{Level: 1, ID: "the-syrian-crisis", Text: "The Syrian crisis"}}
	if !reflect.DeepEqual(doc.TOC, wantTOC) {
		t.Errorf("TOC = %+v, want %+v", doc.TOC, wantTOC)
	}
	wantText := "The Syrian crisis\nSee A/70/999 and code.\nNext & “last”.\na b\nx y\nA note."
	if doc.Text != wantText {
		t.Errorf("Text = %q, want %q", doc.Text, wantText)
	}
	if doc.Paragraphs != 1 {
		t.Errorf("Paragraphs = %d, want 1", doc.Paragraphs)
	}
}

func TestInline(t *testing.T) {
	c := New(Config{Links: basePath("/r2p")})
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"*em* and A/70/999", `<em>em</em> and <a class="symbol" dir="ltr" href="https://undocs.org/A/70/999">A/70/999</a>`},
		{"[home](/about/)", `<a href="/r2p/about/">home</a>`},
		{"<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"},
		{"# Title", "<h1>Title</h1>"},
		{"one\n\ntwo", "<p>one</p>\n<p>two</p>"},
		{"- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"},
		{"[x](javascript:y)", "x"},
	}
	for _, tt := range tests {
		if got := c.Inline(tt.in); got != tt.want {
			t.Errorf("Inline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSymbolURLTemplate(t *testing.T) {
	c := New(Config{SymbolURL: "https://docs.example/{symbol}?lang=en"})
	got := c.Inline("S/RES/2165 (2014)")
	want := `<a class="symbol" dir="ltr" href="https://docs.example/S/RES/2165(2014)?lang=en">S/RES/2165 (2014)</a>`
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestStyleCSS(t *testing.T) {
	css, err := StyleCSS("github")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".chroma {", ".chroma .k {", ".bg {"} {
		if !strings.Contains(string(css), want) {
			t.Errorf("CSS lacks %q:\n%s", want, css)
		}
	}
	_, err = StyleCSS("githb")
	if err == nil || !strings.Contains(err.Error(), `unknown highlight style "githb"`) || !strings.Contains(err.Error(), "github") {
		t.Errorf("unknown style: err = %v, want one naming valid styles such as github", err)
	}
}

func TestNoInlineStyleOrScript(t *testing.T) {
	inputs := []string{
		benchBrief,
		"| a | b |\n|:-:|--:|\n| 1 | 2 |\n",
		"```go\npackage main\n```\n```python\nprint('x')\n```\n",
		"# H {style=\"color:red\" onmouseover=\"x()\"}\n",
		"<script>alert(1)</script>\n\n<style>p{}</style>\n\n<p style=\"x\" onclick=\"y\">z</p>\n",
		"[a](javascript:alert(1)) ![b](java\nscript:x) <vbscript:z>\n",
	}
	for _, numbered := range []bool{false, true} {
		c := New(Config{})
		for _, in := range inputs {
			doc, _ := c.Convert([]byte(in), Options{Numbered: numbered})
			checkCSPClean(t, doc.HTML)
			checkCSPClean(t, c.Inline(in))
		}
	}
}

func TestConcurrentConvert(t *testing.T) {
	c := New(Config{Links: basePath("/r2p")})
	src := []byte(benchBrief)
	want := [2]Doc{}
	for i := range want {
		want[i], _ = c.Convert(src, Options{Numbered: i == 1})
	}
	if want[0].HTML == want[1].HTML || want[1].Paragraphs == 0 {
		t.Fatal("numbered and unnumbered output should differ")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				k := (g + i) % 2
				got, _ := c.Convert(src, Options{Numbered: k == 1})
				if !reflect.DeepEqual(got, want[k]) {
					errs <- fmt.Sprintf("goroutine %d, run %d (numbered=%v): output differs", g, i, k == 1)
					return
				}
				_ = c.Inline("*x* A/70/999")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestLargeInputs guards against quadratic work on pages with thousands of
// equal headings, dropped links or symbol-like text; each of these once
// took seconds. The bound is loose so that a busy machine does not fail it.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	c := New(Config{})
	for _, in := range []string{
		strings.Repeat("A/1/", 25000) + "é",
		strings.Repeat("AAAAAAAAAA", 10000) + "/1/2",
		strings.Repeat("S/RES/1 (", 10000),
		strings.Repeat("# h\n", 20000),
		strings.Repeat("[x](javascript:y) ", 10000),
		strings.Repeat("<javascript:y> ", 10000),
		strings.Repeat("A/70/999-", 10000),
	} {
		start := time.Now()
		c.Convert([]byte(in), Options{Numbered: true})
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%.20q... (%d bytes) took %v", in, len(in), d)
		}
	}
}
