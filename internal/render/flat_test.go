package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

type flatInner struct {
	A, B  string
	inner int
}

type flatOuter struct {
	flatInner
	B string // shadows flatInner.B, as Go's own field rules say
	C []int
}

// The flattened copy offers every field a template can reach, with the
// value Go's promotion rules give, and a struct that embeds nothing is
// passed through as it is.
func TestFlatten(t *testing.T) {
	in := flatOuter{flatInner: flatInner{A: "a", B: "hidden", inner: 1}, B: "b", C: []int{1, 2}}
	tmpl := template.Must(template.New("x").Parse(`{{.A}} {{.B}} {{.C}}`))
	var want, got bytes.Buffer
	if err := tmpl.Execute(&want, in); err != nil {
		t.Fatal(err)
	}
	if err := tmpl.Execute(&got, flatten(in)); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() || want.String() != "a b [1 2]" {
		t.Errorf("flattened %q, original %q", got.String(), want.String())
	}
	plain := flatInner{A: "x"}
	if flatten(plain) != any(plain) {
		t.Error("a struct without embedded fields was copied")
	}
	if p := &in; flatten(p) != any(p) {
		t.Error("a pointer was copied")
	}
}

// A template error names the page's own type, not the flattened one.
func TestTemplateErrorNamesPageType(t *testing.T) {
	r := smallRenderer(t)
	set := template.Must(template.New(tmplBase).Parse(`{{.NoSuchField}}`))
	r.sets["broken.html"] = &pageSet{t: set}
	_, err := r.execute("broken.html", BriefPage{})
	if err == nil || !strings.Contains(err.Error(), "render.BriefPage") {
		t.Errorf("error %v does not name render.BriefPage", err)
	}
}
