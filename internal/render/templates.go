package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
)

// The page kinds and the template file of each.
const (
	tmplHome      = "home.html"
	tmplPage      = "page.html"
	tmplBriefList = "situations/list.html"
	tmplBrief     = "situations/brief.html"
	tmplStateList = "states/list.html"
	tmplState     = "states/state.html"
	tmpl404       = "404.html"
	tmplSearch    = "search.html"
	tmplBase      = "base.html"

	tmplTreatyList     = "treaties/list.html"
	tmplTreaty         = "treaties/treaty.html"
	tmplMatrix         = "treaties/matrix.html"
	tmplCommitmentList = "commitments/list.html"
	tmplCommitment     = "commitments/commitment.html"
	tmplCompliance     = "compliance/list.html"
	tmplData           = "data/list.html"
)

var kindTemplates = []string{tmplHome, tmplPage, tmplBriefList, tmplBrief, tmplStateList, tmplState, tmpl404,
	tmplTreatyList, tmplTreaty, tmplMatrix, tmplCommitmentList, tmplCommitment, tmplCompliance, tmplData, tmplSearch}

// pageSet is the templates one page kind runs: base.html, the partials
// and the kind's own file.
type pageSet struct {
	t       *template.Template
	trimmed sync.Once // trim has run on t, after its first page
	buffers sync.Pool // *[]byte: bytes of written pages, to render into
}

// loadTemplates parses one set per page kind: base.html, every partial and
// the kind's file. Each template is named by its path under templates/
// ("partials/header.html"), which is also the name other templates call it
// by; errors name the file: templates/partials/header.html:12:5.
func (r *Renderer) loadTemplates(fsys fs.FS, l *diag.List) {
	r.sets = map[string]*pageSet{}
	r.funcMap = r.funcs()
	common := template.New(tmplBase).Funcs(r.funcMap)
	r.common = common
	if !r.parseFile(fsys, common, tmplBase, l) {
		return
	}
	partials, _ := fs.Glob(fsys, "templates/partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		name := strings.TrimPrefix(p, "templates/")
		r.parseFile(fsys, common.New(name), name, l)
	}
	for _, name := range kindTemplates {
		set, err := common.Clone()
		if err != nil {
			l.Addf(diag.Pos{Path: name}, "%v", err)
			continue
		}
		if r.parseFile(fsys, set.New(name), name, l) {
			r.sets[name] = &pageSet{t: set}
		}
	}
	for name, set := range r.sets {
		if !checkReferences(set.t, l) {
			delete(r.sets, name)
		}
	}
}

func (r *Renderer) parseFile(fsys fs.FS, t *template.Template, name string, l *diag.List) bool {
	file := "templates/" + name
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		l.Addf(diag.Pos{Path: file}, "missing template: %v", err)
		return false
	}
	data, bad := source.Normalize(file, data)
	if bad != nil {
		l.Append(*bad)
		return false
	}
	if _, err := t.Parse(string(data)); err != nil {
		l.Append(templateError(err))
		return false
	}
	fold(treesOf(t), r.funcMap)
	return true
}

// treesOf lists the parse trees of the templates in t's set.
func treesOf(t *template.Template) []*parse.Tree {
	trees := make([]*parse.Tree, 0, len(t.Templates()))
	for _, tt := range t.Templates() {
		trees = append(trees, tt.Tree)
	}
	return trees
}

// checkReferences reports {{template "x"}} calls naming a template that no
// file defines, which html/template would only notice while rendering a page.
// It returns false when it found one.
func checkReferences(set *template.Template, l *diag.List) bool {
	ok := true
	for _, t := range set.Templates() {
		if t.Tree == nil {
			continue
		}
		walk(t.Tree.Root, func(n parse.Node) {
			if tn, isCall := n.(*parse.TemplateNode); isCall && set.Lookup(tn.Name) == nil {
				loc, _ := t.Tree.ErrorContext(tn)
				l.Append(templateError(fmt.Errorf("template: %s: no template %q is defined", loc, tn.Name)))
				ok = false
			}
		})
	}
	return ok
}

func walk(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch x := n.(type) {
	case *parse.ListNode:
		if x != nil {
			for _, c := range x.Nodes {
				walk(c, f)
			}
		}
	case *parse.IfNode:
		walk(x.List, f)
		walk(x.ElseList, f)
	case *parse.RangeNode:
		walk(x.List, f)
		walk(x.ElseList, f)
	case *parse.WithNode:
		walk(x.List, f)
		walk(x.ElseList, f)
	}
}

// html/template gives positions only inside its error text ("template:
// page.html:12:5: ..."), so they are read back from it.
var templatePos = regexp.MustCompile(`^(?:html/)?template: ([^:\s]+\.html):(\d+):(?:(\d+):)? ?`)

func templateError(err error) diag.Error {
	msg := err.Error()
	m := templatePos.FindStringSubmatch(msg)
	if m == nil {
		return diag.Error{Pos: diag.Pos{Path: "templates"}, Msg: strings.TrimPrefix(msg, "template: ")}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	rest := strings.TrimPrefix(msg[len(m[0]):], " ")
	return diag.Error{Pos: diag.Pos{Path: "templates/" + m[1], Line: line, Col: col}, Msg: rest}
}
