package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindHeadingAnchor is the node kind of the self-link at the end of a heading.
var KindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")

// HeadingAnchor is the visible link from a heading to itself.
type HeadingAnchor struct {
	ast.BaseInline
	ID []byte
}

// Kind implements ast.Node.
func (n *HeadingAnchor) Kind() ast.NodeKind { return KindHeadingAnchor }

// Dump implements ast.Node.
func (n *HeadingAnchor) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": string(n.ID)}, nil)
}

// headingIDs gives every heading a unique id and an anchor, and records the
// table of contents. goldmark's own auto ids are not used: they are given
// as headings close, so an explicit {#id} further down could not win over
// an earlier generated one, and they do not know about paragraph anchors.
type headingIDs struct {
	label []byte // the anchor link's accessible name, HTML-escaped once for all headings
}

func newHeadingIDs(label string) *headingIDs {
	return &headingIDs{label: util.EscapeHTML([]byte(label))}
}

func (e *headingIDs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 300)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *headingIDs) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindHeadingAnchor, e.renderHeadingAnchor)
}

func (e *headingIDs) renderHeadingAnchor(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		id := util.EscapeHTML(n.(*HeadingAnchor).ID)
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(id)
		_, _ = w.WriteString(`" aria-label="`)
		_, _ = w.Write(e.label)
		_, _ = w.WriteString(`">#</a>`)
	}
	return ast.WalkSkipChildren, nil
}

func (e *headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	heads := collectHeadings(doc, nil)
	st := stateOf(pc)
	if len(heads) == 0 || st.inline {
		return
	}
	src := reader.Source()
	taken := ids{used: make(map[string]bool, len(heads)), next: make(map[string]int, len(heads))}
	for _, h := range heads {
		if id, ok := h.AttributeString("id"); ok {
			taken.used[string(attrBytes(id))] = true
		}
	}
	var explicit map[string]bool // made at the first explicit id, which most pages lack
	st.toc = slices.Grow(st.toc, len(heads))
	buf := getBuf()
	defer putBuf(buf)
	for _, h := range heads {
		buf.Reset()
		writePlainText(buf, h, src)
		title := string(bytes.TrimSpace(buf.Bytes()))
		var id string
		var idBytes []byte // id, shared by the attribute and the anchor, which only read it
		if v, ok := h.AttributeString("id"); ok {
			idBytes = attrBytes(v)
			id = string(idBytes)
			// An id written by hand may repeat another heading's or take
			// a paragraph's anchor (p12): either would send a link to the
			// wrong place, so the heading gets a free id and the author a
			// message.
			if explicit[id] || isParaID(id) {
				fixed := taken.unique(id)
				addDiag(pc, nodeOffset(h, src), fmt.Sprintf("heading id %q is already taken (by another heading or a paragraph anchor); using %q", id, fixed))
				id, idBytes = fixed, []byte(fixed)
				h.SetAttributeString("id", idBytes)
			}
			if explicit == nil {
				explicit = make(map[string]bool)
			}
			explicit[id] = true
		} else {
			id = taken.unique(Slug(title))
			idBytes = []byte(id)
			h.SetAttributeString("id", idBytes)
		}
		h.AppendChild(h, &HeadingAnchor{ID: idBytes})
		st.toc = append(st.toc, Heading{Level: h.Level, ID: id, Text: title})
	}
}

// collectHeadings appends the headings below n to heads in document order,
// keeping only their id and class attributes. Headings are blocks, so
// inline nodes are not descended into.
func collectHeadings(n ast.Node, heads []*ast.Heading) []*ast.Heading {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		if h, ok := c.(*ast.Heading); ok {
			keepOnly(h, "id", "class")
			heads = append(heads, h)
			continue
		}
		heads = collectHeadings(c, heads)
	}
	return heads
}

// keepOnly removes the attributes a writer may give with {...} other than
// names: a style or on* attribute would break the site's
// Content-Security-Policy or run script.
func keepOnly(n ast.Node, names ...string) {
	attrs := n.Attributes()
	if attrs == nil {
		return
	}
	var keep []ast.Attribute
	for _, a := range attrs {
		for _, name := range names {
			if string(a.Name) == name {
				keep = append(keep, a)
			}
		}
	}
	if len(keep) == len(attrs) {
		return
	}
	n.RemoveAttributes()
	for _, a := range keep {
		n.SetAttribute(a.Name, a.Value)
	}
}

func attrBytes(v any) []byte {
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return nil
}

// ids hands out unique heading ids.
type ids struct {
	used map[string]bool
	next map[string]int // next suffix to try for a base, so that many equal headings stay linear
}

// unique returns base, or base-1, base-2, ... when taken. Ids shaped like
// the paragraph anchors p1, p2, ... are taken by definition, so that a
// heading "P12" cannot capture the link to paragraph 12.
func (s *ids) unique(base string) string {
	id := base
	n := s.next[base]
	if n > 0 {
		id = base + "-" + strconv.Itoa(n)
	}
	for s.used[id] || isParaID(id) {
		n++
		id = base + "-" + strconv.Itoa(n)
	}
	s.next[base] = n + 1
	s.used[id] = true
	return id
}

func isParaID(id string) bool {
	return len(id) > 1 && id[0] == 'p' && allDigits([]byte(id[1:]))
}

// Slug turns heading text into an id: lower-case letters and digits of any
// script are kept, every other run of characters becomes one "-", and no
// "-" starts or ends it. Text with no letters or digits gives "section".
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && b.Len() > 0 {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}
