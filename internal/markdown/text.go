package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// writePlainText appends the text of n to b as a reader sees it: entities
// and escapes resolved, typographic substitutions applied, markup and
// footnote markers dropped. Blocks end up on lines of their own and table
// cells are separated by spaces, so that words never run together.
func writePlainText(b *bytes.Buffer, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		writeUnescaped(b, n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte('\n')
		}
		return
	case *ast.String:
		b.Write(n.Value)
		return
	case *Symbol:
		b.Write(n.Segment.Value(src))
		return
	case *ast.AutoLink:
		b.Write(n.Label(src))
		return
	case *ast.RawHTML, *ast.HTMLBlock, *ParaNum, *HeadingAnchor,
		*extast.FootnoteLink, *extast.FootnoteBacklink, *extast.TaskCheckBox:
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		newline(b)
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			b.Write(s.Value(src))
		}
		return
	case *extast.TableCell:
		if l := b.Len(); l > 0 && b.Bytes()[l-1] != '\n' {
			b.WriteByte(' ')
		}
	default:
		if n.Type() == ast.TypeBlock {
			newline(b)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writePlainText(b, c, src)
	}
}

func newline(b *bytes.Buffer) {
	if l := b.Len(); l > 0 && b.Bytes()[l-1] != '\n' {
		b.WriteByte('\n')
	}
}

// writeUnescaped writes text as goldmark's renderer would show it, minus
// the HTML escaping.
func writeUnescaped(b *bytes.Buffer, v []byte) {
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\\') < 0 {
		b.Write(v)
		return
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	b.Write(util.ResolveEntityNames(v))
}
