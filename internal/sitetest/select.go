package sitetest

import (
	"fmt"
	"strings"
	"testing"
)

// Selectors are a small subset of CSS, enough to point at r2p's markup:
//
//	tag  #id  .class  [attr]  [attr=value]  [attr^=prefix]  [attr*=part]
//
// combined into compound selectors (a.para-num[href^="#p"]) and separated
// by spaces for descendants (article.brief .content p). Values may be
// quoted with ' or ".

type compound struct {
	tag   string
	id    string
	class []string
	attrs []attrTest
}

type attrTest struct {
	name, op, val string // op is "", "=", "^=" or "*="
}

func (c compound) match(n *Node) bool {
	if n.Tag == "" || n.Tag == "#document" || c.tag != "" && c.tag != n.Tag {
		return false
	}
	if c.id != "" && n.Get("id") != c.id {
		return false
	}
	for _, cl := range c.class {
		if !n.HasClass(cl) {
			return false
		}
	}
	for _, a := range c.attrs {
		v, ok := n.Attr(a.name)
		switch {
		case !ok,
			a.op == "=" && v != a.val,
			a.op == "^=" && !strings.HasPrefix(v, a.val),
			a.op == "*=" && !strings.Contains(v, a.val):
			return false
		}
	}
	return true
}

// parseSelector splits a selector into compounds; it panics on a selector
// it cannot read, since that is a mistake in the test itself.
func parseSelector(sel string) []compound {
	var out []compound
	for _, part := range splitOutsideBrackets(sel) {
		out = append(out, parseCompound(part))
	}
	if len(out) == 0 {
		panic("sitetest: empty selector")
	}
	return out
}

func splitOutsideBrackets(s string) []string {
	var parts []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == ' ' && depth == 0:
			if i > start {
				parts = append(parts, s[start:i])
			}
			start = i + 1
		}
	}
	if start < len(s) {
		parts = append(parts, s[start:])
	}
	return parts
}

func parseCompound(s string) compound {
	var c compound
	i := 0
	word := func() string {
		j := i
		for j < len(s) && !strings.ContainsRune("#.[", rune(s[j])) {
			j++
		}
		w := s[i:j]
		i = j
		return w
	}
	c.tag = strings.ToLower(word())
	for i < len(s) {
		switch s[i] {
		case '#':
			i++
			c.id = word()
		case '.':
			i++
			c.class = append(c.class, word())
		case '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				panic(fmt.Sprintf("sitetest: unclosed [ in selector %q", s))
			}
			c.attrs = append(c.attrs, parseAttrTest(s[i+1:i+end]))
			i += end + 1
		}
	}
	return c
}

func parseAttrTest(s string) attrTest {
	for _, op := range []string{"^=", "*=", "="} {
		if name, val, ok := strings.Cut(s, op); ok {
			return attrTest{name: strings.TrimSpace(name), op: op, val: strings.Trim(strings.TrimSpace(val), `"'`)}
		}
	}
	return attrTest{name: strings.TrimSpace(s)}
}

// Find returns the elements below n matching the selector, in document
// order, each once.
func (n *Node) Find(selector string) []*Node {
	chain := parseSelector(selector)
	var out []*Node
	for _, e := range n.Elements() {
		if matchChain(e, chain, n) {
			out = append(out, e)
		}
	}
	return out
}

// matchChain checks e against the last compound and its ancestors (up to,
// not including, scope) against the ones before.
func matchChain(e *Node, chain []compound, scope *Node) bool {
	last := len(chain) - 1
	if !chain[last].match(e) {
		return false
	}
	want := last - 1
	for a := e.Parent; want >= 0 && a != nil && a != scope; a = a.Parent {
		if chain[want].match(a) {
			want--
		}
	}
	return want < 0
}

// One returns the single element matching the selector, failing the test
// when there are none or several.
func (d *Doc) One(t testing.TB, selector string) *Node {
	t.Helper()
	found := d.Find(selector)
	if len(found) != 1 {
		t.Fatalf("%q matches %d elements, want 1: %v", selector, len(found), found)
	}
	return found[0]
}

// In returns the elements matching inner below the single element
// matching outer: In(t, "[data-search-results]", "a").
func (d *Doc) In(t testing.TB, outer, inner string) []*Node {
	t.Helper()
	return d.One(t, outer).Find(inner)
}
