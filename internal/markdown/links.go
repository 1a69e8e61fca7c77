package markdown

import (
	"bytes"
	"fmt"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkSafety drops link and image destinations whose scheme could run code
// or read local files, and rewrites root-relative destinations through
// Links. It works on the AST rather than in the renderer so that autolinks,
// reference links and images all pass through the same check, and so that
// the problem can be reported with its position. From the same list of
// links it tells Converter.parse whether a page parsed without linkify
// has all its URLs in links (see allInLinks).
type linkSafety struct {
	links Links
}

func (e *linkSafety) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 100)))
}

func (e *linkSafety) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	links := collectLinks(doc, nil)
	if st := stateOf(pc); len(st.urlStarts) > 0 {
		st.urlsInLinks = allInLinks(st.urlStarts, links, src)
	}
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = e.check(pc, n, n.Destination, "link", src)
		case *ast.Image:
			n.Destination = e.check(pc, n, n.Destination, "image", src)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkEmail {
				continue // always rendered as mailto:
			}
			e.check(pc, n, n.URL(src), "link", src)
		}
	}
}

// collectLinks appends the links, images and autolinks below n to links,
// in document order. Transform collects them all before checking any,
// since unwrapping a link moves its children.
func collectLinks(n ast.Node, links []ast.Node) []ast.Node {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			links = append(links, c)
		}
		if c.HasChildren() {
			links = collectLinks(c, links)
		}
	}
	return links
}

// check returns the destination to keep. When the scheme is not allowed it
// reports the problem, replaces n by its content and returns nil.
func (e *linkSafety) check(pc parser.Context, n ast.Node, dest []byte, what string, src []byte) []byte {
	if scheme, bad := disallowedScheme(dest); bad {
		addDiag(pc, nodeOffset(n, src), fmt.Sprintf("%s URL scheme %q is not allowed; use http, https, mailto or a relative URL", what, scheme))
		unwrap(n, src)
		return nil
	}
	if e.links != nil && isRootRelative(dest) {
		if u, ok := e.links.Resolve(string(dest)); ok {
			return []byte(u)
		}
	}
	return dest
}

// unwrap replaces a dropped link by what the reader should still see: a
// link's text, an image's alt text, an autolink's address.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		lbl := al.Label(src)
		var repl ast.Node = ast.NewString(lbl)
		if off := offsetIn(src, lbl); off >= 0 {
			repl = ast.NewTextSegment(text.NewSegment(off, off+len(lbl)))
		}
		parent.ReplaceChild(parent, n, repl)
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// nodeOffset finds a source offset for an inline node, which goldmark gives
// no segment of its own: the first text inside it, stepped back over the
// "[" or "![" that opens a link or image, or else the start of the block.
func nodeOffset(n ast.Node, src []byte) int {
	if al, ok := n.(*ast.AutoLink); ok {
		if lbl := al.Label(src); len(lbl) > 0 {
			if off := offsetIn(src, lbl); off >= 0 {
				if off > 0 && src[off-1] == '<' {
					off--
				}
				return off
			}
		}
	}
	if t := firstText(n); t != nil {
		off := t.Segment.Start
		switch n.Kind() {
		case ast.KindLink:
			if off >= 1 && src[off-1] == '[' {
				off--
			}
		case ast.KindImage:
			if off >= 2 && src[off-2] == '!' && src[off-1] == '[' {
				off -= 2
			}
		}
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// offsetIn returns the offset of sub within src when sub is a slice of
// src, and -1 otherwise. goldmark keeps an autolink's segment private but
// hands out its label as a slice of the source, so the offset is recovered
// from the addresses; comparing them element by element would make a page
// of many dropped autolinks quadratic.
func offsetIn(src, sub []byte) int {
	if len(sub) == 0 || len(src) == 0 {
		return -1
	}
	off := int(uintptr(unsafe.Pointer(unsafe.SliceData(sub))) - uintptr(unsafe.Pointer(unsafe.SliceData(src))))
	if off < 0 || off > len(src)-len(sub) {
		return -1
	}
	return off
}

func firstText(n ast.Node) *ast.Text {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t
		}
		if t := firstText(c); t != nil {
			return t
		}
	}
	return nil
}

func isRootRelative(dest []byte) bool {
	return len(dest) > 0 && dest[0] == '/' && (len(dest) == 1 || (dest[1] != '/' && dest[1] != '\\'))
}

// disallowedScheme decodes dest the way a browser would before choosing a
// scheme (entities, backslash escapes, percent escapes, ignored whitespace
// and control characters, any case) and reports the scheme when it is not
// http, https or mailto. Percent escapes are decoded too, although browsers
// do not, because a relative path that looks like "javascript%3A..." has
// no honest use and may be decoded again by some other tool.
func disallowedScheme(dest []byte) (string, bool) {
	if bytes.IndexByte(dest, ':') < 0 && bytes.IndexByte(dest, '&') < 0 && bytes.IndexByte(dest, '%') < 0 {
		return "", false // fast path: no scheme can hide in dest
	}
	v := util.UnescapePunctuations(dest)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	for range 3 {
		d := percentDecode(v)
		if bytes.Equal(d, v) {
			break
		}
		v = d
	}
	scheme := make([]byte, 0, 16)
	for _, c := range v {
		switch {
		case c <= ' ' || c == 0x7f:
			continue // browsers strip or ignore these
		case c == ':':
			s := string(scheme)
			switch s {
			case "http", "https", "mailto":
				return "", false
			}
			return s, true
		case c >= 'A' && c <= 'Z':
			scheme = append(scheme, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9' && len(scheme) > 0, (c == '+' || c == '-' || c == '.') && len(scheme) > 0:
			scheme = append(scheme, c)
		default:
			return "", false // a '/', '?', '#' or other byte first: relative
		}
	}
	return "", false
}

func percentDecode(v []byte) []byte {
	if bytes.IndexByte(v, '%') < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '%' && i+2 < len(v) && isHex(v[i+1]) && isHex(v[i+2]) {
			out = append(out, unhex(v[i+1])<<4|unhex(v[i+2]))
			i += 2
			continue
		}
		out = append(out, v[i])
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
