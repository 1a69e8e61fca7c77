package render

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"testing"
)

// The chains that pages print through most are fused, and each takes the
// shortcuts it was meant to.
func TestFusedEscapersCoverTheCommonChains(t *testing.T) {
	for chain, perByte := range map[string]bool{
		htmlEscaper:                  true,
		"_html_template_attrescaper": true,
		"_html_template_urlfilter|_html_template_urlnormalizer|_html_template_attrescaper": false,
	} {
		e, ok := fusedEscapers()[chain]
		if !ok {
			t.Errorf("%s is not fused", chain)
			continue
		}
		if e.perByte != perByte {
			t.Errorf("%s: perByte is %v, want %v", chain, e.perByte, perByte)
		}
		for _, b := range []byte("azAZ09/-") {
			if !e.inert[b] {
				t.Errorf("%s: %q is not inert", chain, b)
			}
		}
	}
	if !fusedEscapers()[htmlEscaper].html {
		t.Error("element text does not pass template.HTML through")
	}
}

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

type formatter struct{ s string }

func (f formatter) String() string              { return "not this" }
func (f formatter) Format(st fmt.State, _ rune) { fmt.Fprint(st, "<"+f.s+">") }

type panicker struct{}

func (panicker) String() string { panic("<no>") }

type named string

// fusedValues are values of every kind a pipeline may end in, built
// around s.
func fusedValues(s string) []any {
	return []any{
		s, &s, template.HTML(s), template.HTMLAttr(s), template.URL(s), template.JS(s), template.CSS(s),
		template.Srcset(s), template.JSStr(s), stringer{s}, &stringer{s}, errors.New(s), []byte(s),
		[]string{s, s}, len(s), 3.5, true, nil, (*string)(nil), map[string]string{"k": s},
		formatter{s}, panicker{}, named(s), struct{ A, B string }{s, s},
	}
}

// unfused are the samples as html/template escapes them, by chain.
var unfused = sync.OnceValue(func() map[string]*template.Template {
	m := map[string]*template.Template{}
	for chain, e := range fusedEscapers() {
		m[chain] = template.Must(template.New("want").Parse(e.sample.before + `{{.}}` + e.sample.after))
	}
	return m
})

// checkFused compares each fused chain with html/template escaping the
// same value in the chain's sample.
func checkFused(t *testing.T, s string) {
	t.Helper()
	for chain, e := range fusedEscapers() {
		for _, v := range fusedValues(s) {
			got, err := e.escape(v)
			if err != nil {
				t.Fatalf("%s(%#v): %v", chain, v, err)
			}
			tmpl := unfused()[chain]
			var b strings.Builder
			if err := tmpl.Execute(&b, v); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(strings.TrimPrefix(b.String(), e.sample.before), e.sample.after)
			if got != want {
				t.Errorf("%s(%T %q) = %q, html/template gives %q", chain, v, s, got, want)
			}
		}
	}
}

func TestFusedEscapersAgreeWithHTMLTemplate(t *testing.T) {
	// The texts the chains were checked on at start, and some of the pairs
	// of bytes; the fuzz target covers the rest.
	probes := append(escapeProbeTexts(), `O'Brien <b>&"`, "a+b", "\x00", "http://x.org/a?b=c&d=e#f", "/r2p/situations/côte-d-ivoire/")
	for a := 0x20; a < 0x7f; a += 7 {
		for b := 0x20; b < 0x7f; b++ {
			probes = append(probes, string([]byte{byte(a), byte(b)}))
		}
	}
	for _, s := range probes {
		checkFused(t, s)
	}
}

func FuzzFusedEscapers(f *testing.F) {
	for _, s := range []string{"", "Côte d'Ivoire", "javascript:alert(1)", "/a b/?q=1&r=2", "<b>&amp;</b>", "\xff\x00+"} {
		f.Add(s)
	}
	f.Fuzz(checkFused)
}
