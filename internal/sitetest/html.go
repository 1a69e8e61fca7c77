package sitetest

import (
	"bytes"
	"fmt"
	"html"
	"strings"
)

// This is a small HTML reader for r2p's own output, written because
// golang.org/x/net/html is not a dependency and HTML is not XML. It knows
// what the generator emits: start and end tags with quoted or bare
// attributes, void elements, comments, a doctype, and raw text in script
// and style. It does not implement the HTML5 tree-construction algorithm
// (implied end tags, foster parenting); instead it records any end tag
// that does not match, so a test can insist the output is balanced.

// Node is an element, or a run of text when Tag is empty.
type Node struct {
	Tag    string // lower case; "" for text, "#document" for the root
	Attrs  []Attr // in source order
	Data   string // text, with character references decoded
	Line   int    // 1-based line of the start tag or text
	Parent *Node
	Kids   []*Node
}

// Attr is one attribute; Val has character references decoded.
type Attr struct {
	Name, Val string
}

// Doc is a parsed page.
type Doc struct {
	Root     *Node
	Problems []string // unbalanced tags, repeated attributes, unclosed comments
}

var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// rawTags hold text up to their own end tag. The value says whether the
// text is raw (script, style) or has its character references decoded.
var rawTags = map[string]bool{"script": true, "style": true, "title": false, "textarea": false}

// ParseHTML reads a page into a tree. It never fails: what it cannot
// make sense of is listed in Doc.Problems.
func ParseHTML(src []byte) *Doc {
	p := &parser{src: src, line: 1}
	p.doc = &Doc{Root: &Node{Tag: "#document", Line: 1}}
	p.cur = p.doc.Root
	p.run()
	for n := p.cur; n != p.doc.Root; n = n.Parent {
		p.problem(n.Line, "<%s> is never closed", n.Tag)
	}
	return p.doc
}

type parser struct {
	src  []byte
	pos  int
	line int // line at pos
	doc  *Doc
	cur  *Node
}

func (p *parser) problem(line int, format string, args ...any) {
	p.doc.Problems = append(p.doc.Problems, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
}

// advance moves pos to i, keeping the line count.
func (p *parser) advance(i int) {
	p.line += bytes.Count(p.src[p.pos:i], []byte("\n"))
	p.pos = i
}

func (p *parser) rest() []byte { return p.src[p.pos:] }

func (p *parser) run() {
	for p.pos < len(p.src) {
		i := bytes.IndexByte(p.rest(), '<')
		if i < 0 {
			p.text(len(p.src))
			return
		}
		p.text(p.pos + i)
		r := p.rest()
		switch {
		case bytes.HasPrefix(r, []byte("<!--")):
			end := bytes.Index(r[4:], []byte("-->"))
			if end < 0 {
				p.problem(p.line, "comment is never closed")
				p.advance(len(p.src))
				return
			}
			p.advance(p.pos + 4 + end + 3)
		case bytes.HasPrefix(r, []byte("<!")), bytes.HasPrefix(r, []byte("<?")):
			p.skipPast('>')
		case len(r) > 2 && r[1] == '/' && isLetter(r[2]):
			p.endTag()
		case len(r) > 1 && isLetter(r[1]):
			p.startTag()
		default:
			// A lone "<" is text.
			p.addText(p.pos, p.pos+1)
			p.advance(p.pos + 1)
		}
	}
}

func (p *parser) skipPast(c byte) {
	i := bytes.IndexByte(p.rest(), c)
	if i < 0 {
		p.advance(len(p.src))
		return
	}
	p.advance(p.pos + i + 1)
}

func (p *parser) text(end int) {
	if end > p.pos {
		p.addText(p.pos, end)
		p.advance(end)
	}
}

func (p *parser) addText(start, end int) {
	p.cur.Kids = append(p.cur.Kids, &Node{Data: html.UnescapeString(string(p.src[start:end])), Line: p.line, Parent: p.cur})
}

func (p *parser) name() string {
	start := p.pos
	i := start
	for i < len(p.src) && !isSpace(p.src[i]) && p.src[i] != '>' && p.src[i] != '/' && p.src[i] != '=' {
		i++
	}
	p.advance(i)
	return strings.ToLower(string(p.src[start:i]))
}

func (p *parser) skipSpace() {
	i := p.pos
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	p.advance(i)
}

func (p *parser) endTag() {
	line := p.line
	p.advance(p.pos + 2)
	tag := p.name()
	p.skipPast('>')
	for n := p.cur; n != p.doc.Root; n = n.Parent {
		if n.Tag == tag {
			for c := p.cur; c != n; c = c.Parent {
				p.problem(c.Line, "<%s> is closed by </%s> at line %d", c.Tag, tag, line)
			}
			p.cur = n.Parent
			return
		}
	}
	p.problem(line, "</%s> has no open <%s>", tag, tag)
}

func (p *parser) startTag() {
	n := &Node{Line: p.line, Parent: p.cur}
	p.advance(p.pos + 1)
	n.Tag = p.name()
	selfClosing := false
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			p.problem(n.Line, "<%s> tag is never finished", n.Tag)
			return
		}
		switch c := p.src[p.pos]; {
		case c == '>':
			p.advance(p.pos + 1)
		case c == '/' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '>':
			selfClosing = true
			p.advance(p.pos + 2)
		case c == '/':
			p.advance(p.pos + 1)
			continue
		default:
			p.attr(n)
			continue
		}
		break
	}
	p.cur.Kids = append(p.cur.Kids, n)
	if voidTags[n.Tag] || selfClosing {
		return
	}
	if raw, ok := rawTags[n.Tag]; ok {
		p.rawText(n, raw)
		return
	}
	p.cur = n
}

func (p *parser) attr(n *Node) {
	line := p.line
	a := Attr{Name: p.name()}
	if a.Name == "" {
		// A stray "=": skip it so the loop moves on.
		p.advance(p.pos + 1)
		return
	}
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '=' {
		p.advance(p.pos + 1)
		p.skipSpace()
		a.Val = html.UnescapeString(p.value())
	}
	for _, b := range n.Attrs {
		if b.Name == a.Name {
			p.problem(line, "<%s> repeats attribute %s", n.Tag, a.Name)
		}
	}
	n.Attrs = append(n.Attrs, a)
}

func (p *parser) value() string {
	if p.pos >= len(p.src) {
		return ""
	}
	if q := p.src[p.pos]; q == '"' || q == '\'' {
		end := bytes.IndexByte(p.src[p.pos+1:], q)
		if end < 0 {
			p.problem(p.line, "attribute value is never closed")
			v := string(p.src[p.pos+1:])
			p.advance(len(p.src))
			return v
		}
		v := string(p.src[p.pos+1 : p.pos+1+end])
		p.advance(p.pos + 1 + end + 1)
		return v
	}
	i := p.pos
	for i < len(p.src) && !isSpace(p.src[i]) && p.src[i] != '>' {
		i++
	}
	v := string(p.src[p.pos:i])
	p.advance(i)
	return v
}

// rawText takes everything up to </tag> as the element's only text.
func (p *parser) rawText(n *Node, raw bool) {
	lower := bytes.ToLower(p.rest())
	end := bytes.Index(lower, []byte("</"+n.Tag))
	if end < 0 {
		p.problem(n.Line, "<%s> is never closed", n.Tag)
		end = len(lower)
	}
	text := string(p.src[p.pos : p.pos+end])
	if !raw {
		text = html.UnescapeString(text)
	}
	if text != "" {
		n.Kids = append(n.Kids, &Node{Data: text, Line: p.line, Parent: n})
	}
	p.advance(p.pos + end)
	if end < len(lower) {
		p.skipPast('>')
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// Attr returns the value of an attribute and whether the element has it.
func (n *Node) Attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Val, true
		}
	}
	return "", false
}

// Get returns an attribute's value, or "".
func (n *Node) Get(name string) string {
	v, _ := n.Attr(name)
	return v
}

// HasClass reports whether the class attribute lists c.
func (n *Node) HasClass(c string) bool {
	for _, f := range strings.Fields(n.Get("class")) {
		if f == c {
			return true
		}
	}
	return false
}

// Text returns the element's text with runs of white space collapsed.
func (n *Node) Text() string {
	var b strings.Builder
	n.walk(func(k *Node) {
		if k.Tag == "" {
			b.WriteString(k.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// walk calls f for n and every node below it, in document order.
func (n *Node) walk(f func(*Node)) {
	f(n)
	for _, k := range n.Kids {
		k.walk(f)
	}
}

// Elements returns every element below n (n excluded), in document order.
func (n *Node) Elements() []*Node {
	var out []*Node
	for _, k := range n.Kids {
		k.walk(func(e *Node) {
			if e.Tag != "" {
				out = append(out, e)
			}
		})
	}
	return out
}

// String shows an element's start tag and line, for failure messages.
func (n *Node) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<%s", n.Tag)
	for _, a := range n.Attrs {
		fmt.Fprintf(&b, " %s=%q", a.Name, a.Val)
	}
	fmt.Fprintf(&b, "> (line %d)", n.Line)
	return b.String()
}

// Elements returns every element of the page in document order.
func (d *Doc) Elements() []*Node { return d.Root.Elements() }

// Find returns the elements matching a selector; see Node.Find.
func (d *Doc) Find(selector string) []*Node { return d.Root.Find(selector) }

// IDs returns the set of id attributes of the page, which are the targets
// a #fragment may name.
func (d *Doc) IDs() map[string]int {
	ids := map[string]int{}
	for _, e := range d.Elements() {
		if id, ok := e.Attr("id"); ok {
			ids[id]++
		}
	}
	return ids
}
