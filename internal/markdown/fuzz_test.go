package markdown

import (
	"testing"
	"unicode/utf8"
)

func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"",
		benchBrief,
		"# A {#p1}\n\nA/70/999-S/2016/620 and S/RES/2165 (2014).\n",
		"[x](javascript:alert(1)) ![y](&#106;avascript:1) <vbscript:z>",
		"```go\nfunc f() {}\n```\n",
		"| a |\n|:-:|\n| b |\n",
		"x[^1]\n\n[^1]: n A/HRC/31/68.\n",
		"<div>\n*x*\n</div>\n",
		"[](javascript:x)\n\n> [a](data:x)\n",
		"A/RES/2625 (XXV) S/RES/1(",
		"- [ ] a\n- [x] b\n",
	} {
		f.Add(s, uint8(5), false)
		f.Add(s, uint8(1), true)
	}
	conv := New(Config{Links: basePath("/r2p")})
	unsafeConv := New(Config{Unsafe: true})
	f.Fuzz(func(t *testing.T, src string, line uint8, numbered bool) {
		opt := Options{Path: "f.md", Line: int(line) + 1, Numbered: numbered}
		doc, errs := conv.Convert([]byte(src), opt)
		for _, e := range errs {
			if e.Pos.Line < opt.Line || e.Pos.Col < 1 || e.Pos.Path != "f.md" {
				t.Errorf("bad position %v for line %d", e, opt.Line)
			}
		}
		if utf8.ValidString(src) {
			checkCSPClean(t, doc.HTML)
		}
		if numbered && doc.Paragraphs < 0 {
			t.Errorf("negative paragraph count")
		}
		_ = conv.Inline(src)
		_, _ = unsafeConv.Convert([]byte(src), opt)
	})
}
