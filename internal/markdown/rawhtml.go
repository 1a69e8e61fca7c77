package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTMLEscaper shows raw HTML as text instead of omitting it, as
// goldmark does by default: an author who types "<br>" in a brief then sees
// it on the page and can fix it, rather than wondering where it went.
type rawHTMLEscaper struct{}

func (e *rawHTMLEscaper) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *rawHTMLEscaper) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, renderRawHTMLEscaped)
	r.Register(ast.KindHTMLBlock, renderHTMLBlockEscaped)
}

func renderRawHTMLEscaped(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			s := segs.At(i)
			_, _ = w.Write(util.EscapeHTML(s.Value(src)))
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlockEscaped wraps the escaped block in a paragraph so that it
// is laid out like the text it has become.
func renderHTMLBlockEscaped(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	_, _ = w.WriteString("<p>")
	lines := n.Lines()
	var last []byte
	for i := 0; i < lines.Len(); i++ {
		if last != nil {
			_, _ = w.Write(util.EscapeHTML(last))
		}
		s := lines.At(i)
		last = s.Value(src)
	}
	if n.HasClosure() {
		if last != nil {
			_, _ = w.Write(util.EscapeHTML(last))
		}
		last = n.ClosureLine.Value(src)
	}
	// The final newline would sit before </p>; drop it.
	if len(last) > 0 && last[len(last)-1] == '\n' {
		last = last[:len(last)-1]
	}
	_, _ = w.Write(util.EscapeHTML(last))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}
