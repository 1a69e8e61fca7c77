package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// html/template ends each action with the escapers of its context: one in
// element text or a quoted attribute, three in a link's href. Every one is
// a reflective call with its argument packed into a new slice, and a state
// page makes thousands. So once a set is escaped, trim replaces each chain
// of escapers that one of the samples (fold.go) shows by a single call of
// the same chain, fused: a plain function of one argument that gives what
// the chain gives.
//
// A fused chain takes its shortcuts only where it has checked, against
// html/template itself, that they give the same bytes; everything else it
// prints through the sample, so html/template escapes it.
//   - A string whose bytes each come out of the chain unchanged ("inert")
//     comes out unchanged: each of these escapers either replaces one
//     character at a time or, for a URL, rejects a scheme, which needs a
//     colon, and a colon is never inert in a URL.
//   - Where the chain replaces each byte on its own, whatever is around it
//     (element text, quoted attributes), any string is written byte by
//     byte from the table the sample made.
//   - A template.HTML value passes through the one chain that returns it
//     as it is: element text.
//   - Any other value but a pointer, nil or another of html/template's
//     content types is printed with fmt.Sprint first, as html/template's
//     escapers print it, and the text is escaped as a string.
//   - A string no shortcut takes (a URL with a scheme) goes through the
//     sample once and is remembered.

// fusedEscaper is one chain of escapers, fused.
type fusedEscaper struct {
	name   string // the function's name in the templates' function map
	chain  string
	sample *sample     // for values no shortcut takes
	out    [256]string // what the chain makes of each byte alone
	inert  [256]bool   // out[b] is b itself
	// perByte: the chain writes any string as the concatenation of what
	// it makes of each byte.
	perByte bool
	html    bool // a template.HTML value is written as it is

	memo    sync.Map // string -> its escaped text, for strings no shortcut takes
	memoLen atomic.Int64
}

// fusedPrefix starts the function names of fused chains. html/template
// keeps "_html_template_" for its own.
const fusedPrefix = "_r2p_escape_"

// fusedEscapers are the chains the samples show, keyed by chain, each
// checked against html/template before it is trusted.
var fusedEscapers = sync.OnceValue(func() map[string]*fusedEscaper {
	m := map[string]*fusedEscaper{}
	for chain, s := range samplesByChain() {
		if e := newFusedEscaper(chain, s); e != nil {
			m[chain] = e
		}
	}
	return m
})

// fusedFuncs are the fused chains as template functions, for every
// template's function map: text/template finds functions by name when a
// page runs, so the names trim writes must be there.
func fusedFuncs() template.FuncMap {
	m := template.FuncMap{}
	for _, e := range fusedEscapers() {
		m[e.name] = e.escape
	}
	return m
}

func newFusedEscaper(chain string, s *sample) *fusedEscaper {
	e := &fusedEscaper{
		name:  fusedPrefix + strings.NewReplacer("_html_template_", "", "|", "_").Replace(chain),
		chain: chain, sample: s,
	}
	if chain == htmlEscaper { // html/template's htmlEscaper returns HTML as it is; checked here all the same
		const h = template.HTML(`<b title="a&amp;b">x &lt; y</b>`)
		out, err := e.sample.escape(h)
		e.html = err == nil && out == string(h)
	}
	for b := range 256 {
		out, err := e.sample.escape(string([]byte{byte(b)}))
		if err != nil {
			return nil
		}
		e.out[b], e.inert[b] = out, out == string([]byte{byte(b)})
	}
	e.perByte = true
	for _, probe := range escapeProbes() {
		want, err := e.sample.escape(probe)
		if err != nil {
			return nil
		}
		if e.bytewise(probe) != want {
			e.perByte = false
		}
		if inert := e.inertPart(probe); inert != "" {
			if got, err := e.sample.escape(inert); err != nil || got != inert {
				return nil // the inert shortcut would be wrong: no fusing at all
			}
		}
	}
	return e
}

// escapeProbes are the strings a fused chain is checked on: each byte
// between letters and escapeProbeTexts.
func escapeProbes() []string {
	probes := escapeProbeTexts()
	for b := range 256 {
		probes = append(probes, "a"+string([]byte{byte(b)})+"z")
	}
	return probes
}

// escapeProbeTexts are every byte in one string, text in several scripts,
// non-characters and broken UTF-8, and URLs with and without a scheme.
func escapeProbeTexts() []string {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	return []string{
		string(all), "", "Côte d'Ivoire", "الجمهورية العربية السورية", "中华人民共和国", "Россия",
		"😀 \u2028\u2029 \ufdd0\ufdef\ufffe\uffff \ufffd", "\xff\xfe\xc3", "\xe2\x80",
		"/situations/syria/", "https://undocs.org/A/70/999", "javascript:alert(1)", "JavaScript:x",
		"mailto:a@b.org", "data:text/html,x", "/a b/?q=1&r=2#f", "//x.org/p", "%41%zz%", "a:b/c", "a/b:c",
		"<b>&amp;</b>", `"'` + "`=<>&+",
	}
}

// bytewise writes s as the concatenation of what the chain makes of each
// of its bytes.
func (e *fusedEscaper) bytewise(s string) string {
	var b strings.Builder
	for i := range len(s) {
		b.WriteString(e.out[s[i]])
	}
	return b.String()
}

// inertPart is s without the bytes that are not inert.
func (e *fusedEscaper) inertPart(s string) string {
	var b strings.Builder
	for i := range len(s) {
		if e.inert[s[i]] {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// escape gives what the chain gives for v.
func (e *fusedEscaper) escape(v any) (string, error) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case template.HTML:
		if e.html {
			return string(x), nil
		}
		return e.sample.escape(v)
	default:
		t := reflect.TypeOf(v)
		if t == nil || t.Kind() == reflect.Pointer || t.PkgPath() == "html/template" {
			return e.sample.escape(v) // nil, what a pointer points to, and the content types
		}
		// html/template's escapers print any other value as fmt.Sprint
		// does, then escape the text; so the chain gives for v what it
		// gives for that text.
		s = fmt.Sprint(v)
	}
	if out, ok := e.escapeString(s); ok {
		return out, nil
	}
	return e.memoized(s)
}

// memoized escapes a string no shortcut takes, through the sample, once:
// a site prints the same few sources' URLs on thousands of rows.
func (e *fusedEscaper) memoized(s string) (string, error) {
	if out, ok := e.memo.Load(s); ok {
		return out.(string), nil
	}
	out, err := e.sample.escape(s)
	if err == nil && e.memoLen.Add(1) <= maxMemo {
		e.memo.Store(s, out)
	}
	return out, err
}

// maxMemo bounds what each fused chain remembers, for a preview that
// runs for days.
const maxMemo = 1 << 16

// escapeString takes the shortcuts for a string: as it is when every byte
// is inert, byte by byte when the chain works that way.
func (e *fusedEscaper) escapeString(s string) (string, bool) {
	i := 0
	for i < len(s) && e.inert[s[i]] {
		i++
	}
	if i == len(s) {
		return s, true
	}
	if !e.perByte {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		if e.inert[s[i]] {
			b.WriteByte(s[i])
		} else {
			b.WriteString(e.out[s[i]])
		}
	}
	return b.String(), true
}

// fusePipe replaces the escapers that end a pipeline by their fused
// chain, when there is one.
func fusePipe(p *parse.PipeNode) {
	i := len(p.Cmds)
	for i > 1 && isEscaper(p.Cmds[i-1]) {
		i--
	}
	if i == len(p.Cmds) {
		return
	}
	chain, ok := escaperChain(p.Cmds[i:])
	if !ok {
		return
	}
	e, ok := fusedEscapers()[chain]
	if !ok {
		return
	}
	last := p.Cmds[len(p.Cmds)-1]
	id := last.Args[0].(*parse.IdentifierNode)
	fused := id.Copy().(*parse.IdentifierNode) // a copy keeps the tree, which errors read positions from
	fused.Ident = e.name
	p.Cmds = append(p.Cmds[:i], &parse.CommandNode{NodeType: parse.NodeCommand, Pos: last.Pos, Args: []parse.Node{fused}})
}

// isEscaper reports whether cmd is one of html/template's escapers.
func isEscaper(cmd *parse.CommandNode) bool {
	if len(cmd.Args) != 1 {
		return false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	return ok && strings.HasPrefix(id.Ident, "_html_template_")
}
