package render

import (
	"html/template"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
)

// foldSource prints constants and calls in every context html/template
// knows, with translations full of characters that each context escapes
// its own way.
const foldSource = `<!DOCTYPE html><html><head><title>{{t "fold.a"}} {{.Name}}</title>
<style>p { font-family: {{t "fold.b"}} }</style></head>
<body><p title="{{t "fold.a"}}" data-x={{t "fold.b"}} class="k-{{t "fold.c"}}">{{t "fold.a"}} {{relURL "/a b/"}} {{join (t "fold.c") .List}}</p>
<a href="{{relURL "/x/"}}?q={{t "fold.a"}}&amp;r={{.Name}}">{{absURL "/y/"}}</a>
<a href="{{t "fold.url"}}">{{"plain <constant>"}}</a> <a href="{{.Name}}">x</a>
<script>var s = {{t "fold.a"}}, n = {{.Name}};</script>
<abbr title="{{riskBadge .Risk}}">r</abbr> {{timeTag .Date}} {{riskBadge .Risk}} {{.Name | markdownify}} {{t "fold.count" .Name}}
{{with t "fold.b"}}<em>{{.}}</em>{{end}}{{if eq (t "fold.c") ", "}}same{{end}}
{{range .List}}<i title="{{t "fold.a"}}">{{.}} {{timeTag $.Date}}</i>{{end}}
{{template "inner" .}}</body></html>
{{define "inner"}}<b data-t="{{t "fold.b"}}">{{t "fold.a"}}</b>{{end}}`

const foldStrings = `fold.a: "<Tom & \"Jerry's\"> + 1 = 2"
fold.b: "a'b\" c</style>"
fold.c: ", "
fold.url: "javascript:alert(1)"
fold.count: "count %s"
`

type foldData struct {
	Name string
	List []string
	Date model.Date
	Risk model.RiskLevel
}

func foldRenderer(t *testing.T) *Renderer {
	t.Helper()
	var l diag.List
	r, _ := langRenderer(t, siteFS(""), defaultsWith(t, "en", foldStrings), "en", &l)
	return r
}

func foldExec(t *testing.T, tmpl *template.Template, data any) string {
	t.Helper()
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Folding calls with constant arguments at parse time, trimming escapers
// after the first run, and writing escaped constants as text change
// nothing a page shows, in any context.
func TestFoldAndTrimKeepOutput(t *testing.T) {
	r := foldRenderer(t)
	d, _ := model.ParseDate("2016-07-22")
	data := foldData{Name: `O'Brien <b>&"`, List: []string{"x<y", "z"}, Date: d, Risk: model.RiskLevel{ID: "imminent-risk"}}
	plain := template.Must(template.New("p").Funcs(r.funcMap).Parse(foldSource))
	want := foldExec(t, plain, data)

	folded := template.Must(template.New("p").Funcs(r.funcMap).Parse(foldSource))
	fold(treesOf(folded), r.funcMap)
	if got := foldExec(t, folded, data); got != want {
		t.Fatalf("folded output differs:\n got %s\nwant %s", got, want)
	}
	trim(treesOf(folded), r.funcMap)
	if got := foldExec(t, folded, data); got != want {
		t.Fatalf("trimmed output differs:\n got %s\nwant %s", got, want)
	}
	for _, check := range []string{"fold.a", `href="javascript:alert(1)"`} {
		if strings.Contains(want, check) {
			t.Errorf("output holds %q: the translations or the URL filter were not applied", check)
		}
	}
	counts := callCounts(treesOf(folded))
	if counts["t"] != 1 || counts["relURL"] != 0 || counts["absURL"] != 0 {
		t.Errorf("calls left after folding: %v; want only the t with a field argument", counts)
	}
	text, attr := fusedName(t, htmlEscaper), fusedName(t, "_html_template_attrescaper")
	if counts[text] == 0 || counts[attr] == 0 {
		t.Errorf("escapers of fields were taken out: %v", counts)
	}
	// Chains a sample shows are fused: none of their escapers is left.
	for _, esc := range []string{htmlEscaper, "_html_template_attrescaper", "_html_template_urlfilter", "_html_template_rcdataescaper"} {
		if counts[esc] != 0 {
			t.Errorf("%s is left where its chain could be fused: %v", esc, counts)
		}
	}
	// Escapers left: those of fields and of the call with a field, plus
	// one for each constant in a context no sample covers (script, style
	// and part of a URL); none after timeTag, riskBadge or markdownify.
	if n := counts[text]; n > 4 {
		t.Errorf("%d element-text escapers left, want at most 4 (.Name, t with .Name, {{.}} in with and range): %v", n, counts)
	}
}

// fusedName is the function name of a chain's fused escaper.
func fusedName(t *testing.T, chain string) string {
	t.Helper()
	e, ok := fusedEscapers()[chain]
	if !ok {
		t.Fatalf("no fused escaper for %s", chain)
	}
	return e.name
}

// callCounts counts, over trees, the functions that actions call.
func callCounts(trees []*parse.Tree) map[string]int {
	counts := map[string]int{}
	var pipe func(p *parse.PipeNode)
	pipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			for _, a := range c.Args {
				switch x := a.(type) {
				case *parse.IdentifierNode:
					counts[x.Ident]++
				case *parse.PipeNode:
					pipe(x)
				}
			}
		}
	}
	for _, tr := range trees {
		walk(tr.Root, func(n parse.Node) {
			switch x := n.(type) {
			case *parse.ActionNode:
				pipe(x.Pipe)
			case *parse.IfNode:
				pipe(x.Pipe)
			case *parse.WithNode:
				pipe(x.Pipe)
			case *parse.RangeNode:
				pipe(x.Pipe)
			}
		})
	}
	return counts
}

// Only calls whose arguments are all constants are folded, and a call
// that fails is left to fail when a page runs, where the page is named.
func TestFoldLeavesOtherCalls(t *testing.T) {
	r := foldRenderer(t)
	src := `{{t "fold.count" .}} {{t .}} {{relURL .}} {{date "2016-13-45"}} {{lower "ABC"}}`
	tmpl := template.Must(template.New("p").Funcs(r.funcMap).Parse(src))
	fold(treesOf(tmpl), r.funcMap)
	counts := callCounts(treesOf(tmpl))
	for name, want := range map[string]int{"t": 2, "relURL": 1, "date": 1, "lower": 1} {
		if counts[name] != want {
			t.Errorf("%s: %d calls left, want %d", name, counts[name], want)
		}
	}
}

// Escapers are trimmed once a page kind has run, and later pages of the
// kind come out as the first did.
func TestExecuteTrimsAfterFirstPage(t *testing.T) {
	r := foldRenderer(t)
	set := r.sets[tmplPage].t
	page := r.contentPage(&model.Page{Kind: model.KindPage, URL: "/about/", Title: "About & more"}, markdown.Doc{HTML: "<p>Body</p>"})
	if n := escapedConstants(treesOf(set)); n != 0 {
		t.Fatalf("%d escaped constants before any page ran", n)
	}
	first, err := r.execute(tmplPage, page)
	if err != nil {
		t.Fatal(err)
	}
	counts := callCounts(treesOf(set))
	second, err := r.execute(tmplPage, page)
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(second) {
		t.Errorf("the second page differs from the first:\n%s\n%s", second, first)
	}
	if counts[fusedName(t, htmlEscaper)] == 0 {
		t.Fatal("no escapers at all after the first page: the set was not escaped")
	}
	if n := escapedConstants(treesOf(set)); n != 0 {
		t.Errorf("%d constants are still printed through escapers after the first page", n)
	}
	if n := constantCalls(treesOf(set)); n != 0 {
		t.Errorf("the templates still make %d calls with constant arguments", n)
	}
}

// constantCalls counts the commands that call a foldable function with
// string constants alone.
func constantCalls(trees []*parse.Tree) int {
	n := 0
	for _, tr := range trees {
		walk(tr.Root, func(node parse.Node) {
			a, ok := node.(*parse.ActionNode)
			if !ok {
				return
			}
			for _, c := range a.Pipe.Cmds {
				id, ok := c.Args[0].(*parse.IdentifierNode)
				if !ok || !foldable[id.Ident] || len(c.Args) < 2 {
					continue
				}
				all := true
				for _, arg := range c.Args[1:] {
					_, isString := arg.(*parse.StringNode)
					all = all && isString
				}
				if all {
					n++
				}
			}
		})
	}
	return n
}

// escapedConstants counts the actions that print a constant through
// escapers.
func escapedConstants(trees []*parse.Tree) int {
	n := 0
	for _, tr := range trees {
		walk(tr.Root, func(node parse.Node) {
			if a, ok := node.(*parse.ActionNode); ok && len(a.Pipe.Cmds) > 1 {
				if _, isConst := a.Pipe.Cmds[0].Args[0].(*parse.StringNode); isConst {
					n++
				}
			}
		})
	}
	return n
}

// A function that panics when folded is left for a page to call, where
// text/template turns the panic into an error that names the page.
func TestFoldLeavesPanickingCall(t *testing.T) {
	funcs := map[string]any{"t": func(string) string { panic("no such key") }}
	tmpl := template.Must(template.New("p").Funcs(funcs).Parse(`<p>{{t "x"}}</p>`))
	fold(treesOf(tmpl), funcs)
	if counts := callCounts(treesOf(tmpl)); counts["t"] != 1 {
		t.Errorf("the call was folded away: %v", counts)
	}
	if err := tmpl.Execute(new(strings.Builder), nil); err == nil || !strings.Contains(err.Error(), "no such key") {
		t.Errorf("running the page gave %v, want the panic as an error", err)
	}
}
