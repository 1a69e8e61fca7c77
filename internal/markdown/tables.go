package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// tableAlign turns GFM column alignment into classes (align-left,
// align-center, align-right). goldmark's HTML5 default is a style attribute,
// which a Content-Security-Policy without 'unsafe-inline' would block.
//
// It renders table cells itself, as goldmark's table renderer does but
// with the class: set on each cell as an attribute for goldmark's renderer,
// the class would cost every aligned cell a list with room for ten
// attributes.
type tableAlign struct{}

func (e *tableAlign) Extend(m goldmark.Markdown) {
	extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)).Extend(m)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *tableAlign) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(extast.KindTableCell, renderTableCell)
}

func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*extast.TableCell)
	tag, filter := "td", extension.TableTdCellAttributeFilter
	if n.Parent().Kind() == extast.KindTableHeader {
		tag, filter = "th", extension.TableThCellAttributeFilter
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	_, _ = w.WriteString(alignClass(n.Alignment))
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, filter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// alignClass returns the class attribute for a column alignment, with its
// leading space, or "" for none.
func alignClass(a extast.Alignment) string {
	switch a {
	case extast.AlignLeft:
		return ` class="align-left"`
	case extast.AlignCenter:
		return ` class="align-center"`
	case extast.AlignRight:
		return ` class="align-right"`
	}
	return ""
}
