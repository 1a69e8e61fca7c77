package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func BenchmarkZZBase(b *testing.B) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))
	src := []byte(benchBrief)
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		md.Convert(src, &buf)
	}
}
func BenchmarkZZOurs(b *testing.B) {
	c := New(Config{Links: basePath("/r2p")})
	src := []byte(benchBrief)
	b.ReportAllocs()
	for b.Loop() {
		c.Convert(src, Options{Numbered: true})
	}
}
