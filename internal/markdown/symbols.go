package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindSymbol is the node kind of a UN document symbol found in running text.
var KindSymbol = ast.NewNodeKind("Symbol")

// Symbol is a UN document symbol in running text, such as
// "A/70/999-S/2016/620" or "S/RES/2165 (2014)". Segment covers the text as
// written. The link goes to the first symbol, Segment.Start to RefStop,
// followed by a resolution's year in brackets when Year is not empty.
// Offsets rather than strings keep the node free of further allocations.
type Symbol struct {
	ast.BaseInline
	Segment gmtext.Segment
	RefStop int
	Year    gmtext.Segment
}

// Ref returns the symbol the link points at, e.g. "S/RES/2165(2014)".
func (n *Symbol) Ref(src []byte) string {
	ref := string(src[n.Segment.Start:n.RefStop])
	if n.Year.Len() > 0 {
		ref += "(" + string(n.Year.Value(src)) + ")"
	}
	return ref
}

// Kind implements ast.Node.
func (n *Symbol) Kind() ast.NodeKind { return KindSymbol }

// Dump implements ast.Node.
func (n *Symbol) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Ref": n.Ref(src), "Text": string(n.Segment.Value(src))}, nil)
}

// symbols is the goldmark extension that links UN document symbols. It is
// an AST transformer rather than an inline parser so that it sees text only
// after links, autolinks and code spans are known, and can leave them alone.
type symbols struct {
	prefix, suffix []byte // the template around "{symbol}", HTML-escaped once for all links
}

// NewSymbols returns the extension that links UN document symbols to tmpl,
// a URL containing "{symbol}".
// A template without "{symbol}" gets the symbol appended.
func NewSymbols(tmpl string) goldmark.Extender {
	prefix, suffix, ok := strings.Cut(tmpl, "{symbol}")
	if !ok {
		prefix, suffix = tmpl, ""
	}
	return &symbols{prefix: util.EscapeHTML([]byte(prefix)), suffix: util.EscapeHTML([]byte(suffix))}
}

func (e *symbols) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *symbols) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindSymbol, e.render)
}

func (e *symbols) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	s := n.(*Symbol)
	_, _ = w.WriteString(`<a class="symbol" dir="ltr" href="`)
	_, _ = w.Write(e.prefix)
	writeSymbolPath(w, src[s.Segment.Start:s.RefStop])
	if s.Year.Len() > 0 {
		_ = w.WriteByte('(')
		writeSymbolPath(w, s.Year.Value(src))
		_ = w.WriteByte(')')
	}
	_, _ = w.Write(e.suffix)
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(s.Segment.Value(src)))
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}

// writeSymbolPath writes escapeSymbol(s) without building a string, in
// runs of bytes that need no escape, which is usually all of s.
func writeSymbolPath(w util.BufWriter, s []byte) {
	for len(s) > 0 {
		i := 0
		for i < len(s) && keepInSymbolPath(s[i]) {
			i++
		}
		_, _ = w.Write(s[:i])
		if i == len(s) {
			return
		}
		c := s[i]
		_, _ = w.Write([]byte{'%', upperhex[c>>4], upperhex[c&15]})
		s = s[i+1:]
	}
}

// escapeSymbol percent-escapes s for a URL path, keeping "/" and the "("
// and ")" of resolution years. A symbol is ASCII letters, digits and a
// little punctuation, so in practice nothing is escaped.
func escapeSymbol(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; keepInSymbolPath(c) {
			b.WriteByte(c)
		} else {
			b.Write([]byte{'%', upperhex[c>>4], upperhex[c&15]})
		}
	}
	return b.String()
}

const upperhex = "0123456789ABCDEF"

// keepInSymbolPath reports whether c may stand unescaped in a URL path
// segment. "&" and "'" are escaped although RFC 3986 allows them, so that
// the path needs no HTML escaping in an attribute.
func keepInSymbolPath(c byte) bool {
	return c < utf8.RuneSelf && (isAlnum(c) || strings.IndexByte("/-._~()!$*+,;=:@", c) >= 0)
}

func (e *symbols) Transform(doc *ast.Document, reader gmtext.Reader, pc parser.Context) {
	src := reader.Source()
	if bytes.IndexByte(src, '/') < 0 {
		return
	}
	var found []symbolMatch
	linkSymbolsBelow(doc, src, &found)
}

// linkSymbolsBelow links the symbols in the text below n, leaving alone
// the text of links, images, code and raw HTML. found is scratch space
// shared by the whole document.
func linkSymbolsBelow(n ast.Node, src []byte, found *[]symbolMatch) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindCodeSpan, ast.KindRawHTML,
			ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			continue
		}
		if c.HasChildren() {
			linkSymbolsBelow(c, src, found)
		}
	}
	// Symbols only replace n's own Text children, so it does not matter
	// that n comes after its descendants.
	if fc := n.FirstChild(); fc != nil && fc.Type() == ast.TypeInline {
		linkSymbolsIn(n, src, found)
	}
}

// linkSymbolsIn links the symbols in the runs of Text children of parent.
func linkSymbolsIn(parent ast.Node, src []byte, found *[]symbolMatch) {
	for t := parent.FirstChild(); t != nil; {
		first, ok := t.(*ast.Text)
		if !ok {
			t = t.NextSibling()
			continue
		}
		last := textRun(first)
		t = last.NextSibling()
		run := src[first.Segment.Start:last.Segment.Stop]
		if bytes.IndexByte(run, '/') < 0 || first.Segment.Padding != 0 {
			continue
		}
		*found = findSymbols(run, (*found)[:0])
		if len(*found) > 0 {
			replaceRun(parent, first, last, *found)
		}
	}
}

// textRun returns the last of the Text nodes that follow first without a
// gap in the source, so that a symbol split over several Text nodes by
// goldmark's inline parsers (the typographer stops at "-" and ".") is seen
// whole.
func textRun(first *ast.Text) *ast.Text {
	last := first
	for !last.SoftLineBreak() && !last.HardLineBreak() {
		next, ok := last.NextSibling().(*ast.Text)
		if !ok || next.Segment.Start != last.Segment.Stop || next.Segment.Padding != 0 || last.Segment.Padding != 0 {
			break
		}
		last = next
	}
	return last
}

// replaceRun replaces the Text nodes first..last by text and Symbol nodes.
// The run's own Text nodes are reused for the text between symbols, since
// allocation is most of what this extension costs.
func replaceRun(parent ast.Node, first, last *ast.Text, found []symbolMatch) {
	base, stop := first.Segment.Start, last.Segment.Stop
	soft, hard := last.SoftLineBreak(), last.HardLineBreak()
	anchor := last.NextSibling()
	var spare []*ast.Text
	for n := ast.Node(first); n != anchor; {
		next := n.NextSibling()
		parent.RemoveChild(parent, n)
		spare = append(spare, n.(*ast.Text))
		n = next
	}
	text := func(from, to int) *ast.Text {
		var t *ast.Text
		if len(spare) > 0 {
			t, spare = spare[0], spare[1:]
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
		} else {
			t = ast.NewText()
		}
		t.Segment = gmtext.NewSegment(from, to)
		parent.InsertBefore(parent, anchor, t)
		return t
	}
	pos := base
	for _, m := range found {
		if base+m.start > pos {
			text(pos, base+m.start)
		}
		sym := &Symbol{Segment: gmtext.NewSegment(base+m.start, base+m.end), RefStop: base + m.refStop}
		if m.yearStart < m.yearStop {
			sym.Year = gmtext.NewSegment(base+m.yearStart, base+m.yearStop)
		}
		parent.InsertBefore(parent, anchor, sym)
		pos = base + m.end
	}
	if pos < stop || soft || hard {
		t := text(pos, stop)
		t.SetSoftLineBreak(soft)
		t.SetHardLineBreak(hard)
	}
}

// symbolMatch is a symbol at b[start:end]. It links to b[start:refStop],
// followed by b[yearStart:yearStop] in brackets when that is not empty.
type symbolMatch struct {
	start, end          int
	refStop             int
	yearStart, yearStop int
}

// ref returns the symbol m links to.
func (m symbolMatch) ref(b []byte) string {
	ref := string(b[m.start:m.refStop])
	if m.yearStart < m.yearStop {
		ref += "(" + string(b[m.yearStart:m.yearStop]) + ")"
	}
	return ref
}

// isSeries reports whether s opens a UN document symbol. The list is that
// of the principal organs (A, S, E, T), the Secretariat (ST), the human
// rights treaty bodies and their shared documents (HRI), and the funds and
// programmes whose documents r2p reports cite most.
func isSeries(s []byte) bool {
	switch string(s) {
	case "A", "S", "E", "T", "ST", "HRI",
		"CCPR", "CERD", "CRC", "CEDAW", "CAT", "CRPD", "CMW", "CED",
		"TD", "UNEP", "DP", "UNW", "ICEF", "SG":
		return true
	}
	return false
}

// findSymbols appends the symbols found in b to dst.
func findSymbols(b []byte, dst []symbolMatch) []symbolMatch {
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '/')
		if j < 0 {
			break
		}
		slash := i + j
		start := slash
		for start > 0 && b[start-1] >= 'A' && b[start-1] <= 'Z' {
			start--
		}
		if start == slash || !boundaryBefore(b, start) || !isSeries(b[start:slash]) {
			i = slash + 1
			continue
		}
		end, ok := scanSymbol(b, start)
		if !ok {
			i = slash + 1
			continue
		}
		m := symbolMatch{start: start, end: scanJoint(b, end), refStop: end}
		if m.end == end && bytes.Contains(b[start:end], []byte("/RES/")) {
			if yend := scanYear(b, end); yend > end {
				m.end = yend
				m.yearStart = bytes.LastIndexByte(b[:yend], '(') + 1
				m.yearStop = yend - 1
			}
		}
		dst = append(dst, m)
		i = m.end
	}
	return dst
}

// scanSymbol reads one symbol whose series starts at b[start], returning
// where it ends. A symbol has at least two segments after the series and a
// digit somewhere, which keeps "A/B testing" and "S/he" as prose.
func scanSymbol(b []byte, start int) (end int, ok bool) {
	i := bytes.IndexByte(b[start:], '/') + start
	segs, digit := 0, false
	end = i
	for i < len(b) && b[i] == '/' {
		j := i + 1
		// A hyphen belongs to a segment only before a digit ("A/ES-10/L.22");
		// before a letter it joins two symbols.
		for j < len(b) && (isAlnum(b[j]) || b[j] == '.' || b[j] == '-' && j+1 < len(b) && isDigit(b[j+1])) {
			digit = digit || isDigit(b[j])
			j++
		}
		for j > i+1 && b[j-1] == '.' {
			j-- // sentence punctuation, not part of the symbol
		}
		if j == i+1 || !isAlnum(b[i+1]) {
			break
		}
		segs++
		end = j
		i = j
	}
	if segs < 2 || !digit || !boundaryAfter(b, end) {
		return 0, false
	}
	return end, true
}

// scanJoint extends a symbol over joint symbols ("A/70/999-S/2016/620").
func scanJoint(b []byte, end int) int {
	for end+1 < len(b) && b[end] == '-' && startsSymbol(b, end+1) {
		e, ok := scanSymbol(b, end+1)
		if !ok {
			break
		}
		end = e
	}
	return end
}

// startsSymbol reports whether a series prefix and "/" begin at b[i].
func startsSymbol(b []byte, i int) bool {
	j := i
	for j < len(b) && b[j] >= 'A' && b[j] <= 'Z' {
		j++
	}
	return j > i && j < len(b) && b[j] == '/' && isSeries(b[i:j])
}

// scanYear reads the year that follows a resolution number, " (2014)" or
// "(XXV)" for the General Assembly's early sessions.
func scanYear(b []byte, end int) int {
	i := end
	if i < len(b) && b[i] == ' ' {
		i++
	}
	if i >= len(b) || b[i] != '(' {
		return end
	}
	j := i + 1
	for j < len(b) && (b[j] >= '0' && b[j] <= '9' || strings.IndexByte("IVXLC", b[j]) >= 0) {
		j++
	}
	year := b[i+1 : j]
	if j >= len(b) || b[j] != ')' || len(year) == 0 || len(year) > 8 || (year[0] >= '0' && year[0] <= '9' && (len(year) != 4 || !allDigits(year))) {
		return end
	}
	return j + 1
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// boundaryBefore reports whether a symbol may start at b[i]: not inside a
// word, a path or a URL such as "undocs.org/A/70/999".
func boundaryBefore(b []byte, i int) bool {
	if i == 0 {
		return true
	}
	c := b[i-1]
	if c < utf8.RuneSelf {
		return !isAlnum(c) && strings.IndexByte("/.-_@:#=&?%~+\\", c) < 0
	}
	r, _ := utf8.DecodeLastRune(b[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// boundaryAfter reports whether a symbol may end at b[i].
func boundaryAfter(b []byte, i int) bool {
	if i >= len(b) {
		return true
	}
	c := b[i]
	if c < utf8.RuneSelf {
		return !isAlnum(c) && c != '_'
	}
	r, _ := utf8.DecodeRune(b[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
