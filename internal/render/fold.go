package render

import (
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// foldable are the template functions whose result depends only on their
// arguments and the renderer's language and base URL, both fixed once a
// renderer is made, and is a plain string, which html/template escapes
// like any other. A call to one with constant arguments ({{t "nav.skip"}},
// {{relURL "/css/r2p.css"}}) is made once, when the template is parsed,
// rather than on every page: each call costs a reflective call and map
// lookups, and some pages make thousands.
var foldable = map[string]bool{"t": true, "relURL": true, "absURL": true}

// fold replaces, in every template of a freshly parsed set, each call to a
// foldable function whose arguments are all string constants by the
// string it returns. It runs before html/template escapes the set, so the
// constant is escaped for its context exactly as the call's result was.
func fold(trees []*parse.Tree, funcs map[string]any) {
	for _, tr := range trees {
		if tr != nil {
			foldNode(tr.Root, funcs)
		}
	}
}

func foldNode(n parse.Node, funcs map[string]any) {
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			foldNode(c, funcs)
		}
	case *parse.ActionNode:
		foldPipe(x.Pipe, funcs)
	case *parse.IfNode:
		foldBranch(&x.BranchNode, funcs)
	case *parse.RangeNode:
		foldBranch(&x.BranchNode, funcs)
	case *parse.WithNode:
		foldBranch(&x.BranchNode, funcs)
	case *parse.TemplateNode:
		foldPipe(x.Pipe, funcs)
	}
}

func foldBranch(b *parse.BranchNode, funcs map[string]any) {
	foldPipe(b.Pipe, funcs)
	foldNode(b.List, funcs)
	foldNode(b.ElseList, funcs)
}

// foldPipe folds the pipelines nested in a pipeline's arguments, then its
// first command: a later command receives the previous one's result, so it
// is never constant.
func foldPipe(p *parse.PipeNode, funcs map[string]any) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for i, arg := range cmd.Args {
			if sub, ok := arg.(*parse.PipeNode); ok {
				foldPipe(sub, funcs)
				if s := constant(sub); s != nil {
					cmd.Args[i] = s
				}
			}
		}
	}
	if len(p.Cmds) > 0 {
		if s := call(p.Cmds[0], funcs); s != nil {
			p.Cmds[0].Args = []parse.Node{s}
		}
	}
}

// constant returns the string a parenthesized pipeline stands for when it
// is nothing but one string constant: ("x").
func constant(p *parse.PipeNode) *parse.StringNode {
	if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return nil
	}
	s, _ := p.Cmds[0].Args[0].(*parse.StringNode)
	return s
}

// call makes a foldable call whose arguments are all string constants and
// returns its result as a string constant; nil when the command is not
// such a call or the call fails (the failure then shows when a page is
// rendered, with the page named).
func call(cmd *parse.CommandNode, funcs map[string]any) *parse.StringNode {
	if len(cmd.Args) < 2 {
		return nil
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || !foldable[id.Ident] {
		return nil
	}
	fn := reflect.ValueOf(funcs[id.Ident])
	if fn.Kind() != reflect.Func || fn.Type().NumOut() != 1 || fn.Type().Out(0).Kind() != reflect.String {
		return nil
	}
	args := make([]reflect.Value, 0, len(cmd.Args)-1)
	for _, a := range cmd.Args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return nil
		}
		args = append(args, reflect.ValueOf(s.Text))
	}
	if !fitsArgs(fn.Type(), len(args)) {
		return nil
	}
	out, ok := safeCall(fn, args)
	if !ok {
		return nil
	}
	// A copy of an argument belongs to the same tree, which error
	// messages read positions from.
	s := cmd.Args[1].Copy().(*parse.StringNode)
	s.Pos, s.Quoted, s.Text = id.Pos, strconv.Quote(out), out
	return s
}

// safeCall calls fn as text/template would, where a panic becomes an
// error: one that panics is left for a page to call, which reports it.
func safeCall(fn reflect.Value, args []reflect.Value) (out string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return fn.Call(args)[0].String(), true
}

// fitsArgs reports whether a function of type t takes n string arguments.
func fitsArgs(t reflect.Type, n int) bool {
	str := reflect.TypeFor[string]()
	in := t.NumIn()
	if t.IsVariadic() {
		if n < in-1 {
			return false
		}
		for i := range n {
			p := t.In(min(i, in-1))
			if i >= in-1 {
				p = p.Elem()
			}
			if !str.AssignableTo(p) {
				return false
			}
		}
		return true
	}
	if n != in {
		return false
	}
	for i := range n {
		if t.In(i) != str {
			return false
		}
	}
	return true
}

// htmlEscaper is the escaper html/template adds to an action that prints
// into the text of an element. Given a value of type template.HTML it
// returns the value as it is.
const htmlEscaper = "_html_template_htmlescaper"

// trim simplifies a set html/template has escaped. It removes the escapers
// that cannot change what they are given: those after a call to a function
// that returns template.HTML, printed in the text of an element ({{timeTag
// .Date}}); a state page prints hundreds of such values. And it writes a
// constant ({{"Sources"}}, often a folded call) as the text its escapers
// make of it: a brief page prints about fifty.
func trim(trees []*parse.Tree, funcs map[string]any) {
	for _, tr := range trees {
		if tr != nil {
			walk(tr.Root, func(n parse.Node) {
				switch x := n.(type) {
				case *parse.ActionNode:
					trimPipe(x.Pipe, funcs)
					fusePipe(x.Pipe)
				case *parse.ListNode:
					if x != nil {
						for i, c := range x.Nodes {
							if text := escapedConstant(c); text != nil {
								x.Nodes[i] = text
							}
						}
					}
				}
			})
		}
	}
}

// escapedConstant returns the text an action that prints a string
// constant through escapers writes, when those escapers are a chain one
// of the samples below runs; nil otherwise.
func escapedConstant(n parse.Node) *parse.TextNode {
	a, ok := n.(*parse.ActionNode)
	if !ok || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) < 2 || len(a.Pipe.Cmds[0].Args) != 1 {
		return nil
	}
	s, ok := a.Pipe.Cmds[0].Args[0].(*parse.StringNode)
	if !ok {
		return nil
	}
	chain, ok := escaperChain(a.Pipe.Cmds[1:])
	if !ok {
		return nil
	}
	text, ok := escapeLike(chain, s.Text)
	if !ok {
		return nil
	}
	return &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(text)}
}

// escaperChain names the escapers a pipeline's commands are, joined by
// "|"; false if any command is something else.
func escaperChain(cmds []*parse.CommandNode) (string, bool) {
	names := make([]string, len(cmds))
	for i, c := range cmds {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		names[i] = id.Ident
	}
	return strings.Join(names, "|"), true
}

// escapeSample is a template that prints its data in one context, between
// fixed text.
type escapeSample struct{ before, after string }

// escapeSamples are the contexts constants are printed in: element text,
// a quoted attribute, a URL attribute, a URL's query, a title. Which
// escapers each gets is read from html/template itself (samplesByChain),
// never assumed.
var escapeSamples = []escapeSample{
	{"", ""},
	{`<a title="`, `">`},
	{`<a href="`, `">`},
	{`<a href="/?q=`, `">`},
	{`<title>`, `</title>`},
}

// sample is an escapeSample parsed and escaped by html/template, ready to
// print values.
type sample struct {
	escapeSample
	tmpl *template.Template
}

// samplesByChain maps the escaper chain html/template gives each sample's
// action to the sample.
var samplesByChain = sync.OnceValue(func() map[string]*sample {
	m := map[string]*sample{}
	for _, es := range escapeSamples {
		t, err := template.New("sample").Parse(es.before + `{{.}}` + es.after)
		if err != nil {
			continue
		}
		s := &sample{es, t}
		if _, err := s.escape(""); err != nil { // escapes the template
			continue
		}
		walk(t.Tree.Root, func(n parse.Node) {
			if a, ok := n.(*parse.ActionNode); ok && len(a.Pipe.Cmds) > 1 {
				if chain, ok := escaperChain(a.Pipe.Cmds[1:]); ok {
					m[chain] = s
				}
			}
		})
	}
	return m
})

// escape prints v in the sample, where html/template's own escapers run on
// it, and returns what they made of it.
func (s *sample) escape(v any) (string, error) {
	var b strings.Builder
	if err := s.tmpl.Execute(&b, v); err != nil {
		return "", err
	}
	out := b.String()
	return out[len(s.before) : len(out)-len(s.after)], nil
}

// escapeLike escapes text with the escapers of chain, by printing it in a
// sample whose action html/template gives that same chain: escapers are
// functions of their input alone, so the output is what the page's own
// action would write.
func escapeLike(chain, text string) (string, bool) {
	s, ok := samplesByChain()[chain]
	if !ok {
		return "", false
	}
	out, err := s.escape(text)
	return out, err == nil
}

func trimPipe(p *parse.PipeNode, funcs map[string]any) {
	n := len(p.Cmds)
	if len(p.Decl) > 0 || n < 2 || !isIdent(p.Cmds[n-1], htmlEscaper) {
		return
	}
	id, ok := p.Cmds[n-2].Args[0].(*parse.IdentifierNode)
	if !ok {
		return
	}
	fn := reflect.TypeOf(funcs[id.Ident])
	if fn == nil || fn.Kind() != reflect.Func || fn.NumOut() < 1 || fn.Out(0) != reflect.TypeFor[template.HTML]() {
		return
	}
	p.Cmds = p.Cmds[:n-1]
}

// isIdent reports whether cmd is the bare function name ident.
func isIdent(cmd *parse.CommandNode, ident string) bool {
	if len(cmd.Args) != 1 {
		return false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == ident
}
