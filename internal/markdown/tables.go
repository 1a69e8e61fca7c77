package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tableAlign turns GFM column alignment into classes (align-left,
// align-center, align-right). goldmark's HTML5 default is a style attribute,
// which a Content-Security-Policy without 'unsafe-inline' would block.
type tableAlign struct{}

func (e *tableAlign) Extend(m goldmark.Markdown) {
	extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)).Extend(m)
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 500)))
}

var alignClass = map[extast.Alignment][]byte{
	extast.AlignLeft:   []byte("align-left"),
	extast.AlignCenter: []byte("align-center"),
	extast.AlignRight:  []byte("align-right"),
}

func (e *tableAlign) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != extast.KindTable {
			continue
		}
		_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if cell, ok := n.(*extast.TableCell); ok && entering {
				if cls, ok := alignClass[cell.Alignment]; ok {
					cell.SetAttributeString("class", cls)
				}
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
}
