package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindParaNum is the node kind of a paragraph number.
var KindParaNum = ast.NewNodeKind("ParaNum")

// ParaNum is the visible number at the start of a numbered paragraph; it
// links to its own paragraph so that readers can cite "paragraph 12".
type ParaNum struct {
	ast.BaseInline
	N int
}

// Kind implements ast.Node.
func (n *ParaNum) Kind() ast.NodeKind { return KindParaNum }

// Dump implements ast.Node.
func (n *ParaNum) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"N": strconv.Itoa(n.N)}, nil)
}

// numberedParagraphs numbers the body paragraphs of a document, as UN
// documents do, when the call asked for it. Only direct children of the
// document count: a paragraph in a list, quotation, table or footnote is
// part of the numbered paragraph before it, which is how the UN numbers too.
type numberedParagraphs struct {
	// The number link's accessible name is before, the number, after: the
	// label split at its %d and HTML-escaped once for all paragraphs. A
	// label without %d is all before.
	before, after []byte
	numbered      bool // the label has a %d
}

func newNumberedParagraphs(label string) *numberedParagraphs {
	before, after, numbered := strings.Cut(label, "%d")
	return &numberedParagraphs{
		before:   util.EscapeHTML([]byte(before)),
		after:    util.EscapeHTML([]byte(after)),
		numbered: numbered,
	}
}

func (e *numberedParagraphs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 400)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *numberedParagraphs) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindParaNum, e.renderParaNum)
	r.Register(ast.KindParagraph, renderParagraph)
}

func (e *numberedParagraphs) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if !st.numbered || st.inline {
		return
	}
	count := 0
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			count++
		}
	}
	// One allocation for all the numbers of a document rather than one
	// for each paragraph.
	nums := make([]ParaNum, count)
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		p, ok := c.(*ast.Paragraph)
		if !ok {
			continue
		}
		num := &nums[0]
		nums = nums[1:]
		st.paras++
		num.N = st.paras
		if fc := p.FirstChild(); fc != nil {
			p.InsertBefore(p, fc, num)
		} else {
			p.AppendChild(p, num)
		}
	}
}

// renderParagraph is goldmark's paragraph renderer, except that a paragraph
// opening with its number gets its anchor id and class from the number.
// Keeping them off the node's attribute list saves two allocations per
// paragraph, which shows in a build of thousands of briefs.
func renderParagraph(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	}
	if pn, ok := n.FirstChild().(*ParaNum); ok {
		_, _ = w.WriteString(`<p id="p`)
		_, _ = w.WriteString(strconv.Itoa(pn.N))
		_, _ = w.WriteString(`" class="para">`)
		return ast.WalkContinue, nil
	}
	if n.Attributes() != nil {
		_, _ = w.WriteString("<p")
		html.RenderAttributes(w, n, html.ParagraphAttributeFilter)
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p>")
	return ast.WalkContinue, nil
}

func (e *numberedParagraphs) renderParaNum(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	num := strconv.Itoa(n.(*ParaNum).N)
	_, _ = w.WriteString(`<a class="para-num" href="#p`)
	_, _ = w.WriteString(num)
	_, _ = w.WriteString(`" aria-label="`)
	_, _ = w.Write(e.before)
	if e.numbered {
		_, _ = w.WriteString(num)
		_, _ = w.Write(e.after)
	}
	_, _ = w.WriteString(`">`)
	_, _ = w.WriteString(num)
	_, _ = w.WriteString(".</a> ")
	return ast.WalkSkipChildren, nil
}
