package check_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// ownScripts are the only scripts r2p's pages may load.
var ownScripts = []string{"js/search.js", "js/filter.js"}

// A site full of hostile values builds, and no output file holds anything
// that would run: no script but r2p's own, no event handler, no
// javascript:, vbscript: or data: URL in a link; JSON stays JSON, XML
// stays XML, CSV cells cannot start a spreadsheet formula, and every path
// stays inside public/.
func TestHostileSiteIsInert(t *testing.T) {
	a := sitetest.ReadArchive(t, "testdata/hostile.txtar")
	out, err := sitetest.Run(a.Site(), build.Options{})
	if err != nil {
		t.Fatalf("the hostile site does not build:\n%v", err)
	}
	r := &reporter{}
	checkInert(r, out)
	for _, e := range r.errs {
		t.Error(e)
	}
}

// The checks must find what they look for, or the test above proves
// nothing: each planted payload is reported.
func TestInertCheckFindsPayloads(t *testing.T) {
	for _, payload := range []string{
		`<script>alert(1)</script>`, `<a href=" JaVa&#x09;script:alert(1)">x</a>`, `<div onclick="x()">`,
		`<img src="data:image/svg+xml,<svg onload=alert(1)>">`, `<p style="color:red">`, `<script src="https://evil.example/x.js"></script>`,
		`<script type="application/ld+json">{"name": "</script><script>alert(1)</script>"}</script>`, `<iframe src="/x/"></iframe>`,
	} {
		out := &sitetest.Output{Files: map[string][]byte{"index.html": []byte("<!DOCTYPE html><html><body>" + payload + "</body></html>")}}
		r := &reporter{}
		checkInert(r, out)
		if len(r.errs) == 0 {
			t.Errorf("%s: not reported", payload)
		}
	}
	out := &sitetest.Output{Files: map[string][]byte{"data/x.csv": []byte("a\n=1+1\n"), "data/x.json": []byte("{"), "../x": nil}}
	r := &reporter{}
	checkInert(r, out)
	if len(r.errs) != 3 {
		t.Errorf("CSV, JSON and path problems: got %d reports:\n%s", len(r.errs), strings.Join(r.errs, "\n"))
	}
}

// reporter collects what the checks find, so that they can be tested.
type reporter struct{ errs []string }

func (r *reporter) Helper()                      {}
func (r *reporter) Logf(string, ...any)          {}
func (r *reporter) Errorf(f string, args ...any) { r.errs = append(r.errs, fmt.Sprintf(f, args...)) }

func checkInert(t *reporter, out *sitetest.Output) {
	t.Helper()
	for _, p := range out.Paths() {
		if strings.Contains(p, "..") || strings.HasPrefix(p, "/") || path.Clean(p) != p {
			t.Errorf("output path %q leaves public/", p)
		}
		data := out.Files[p]
		switch path.Ext(p) {
		case ".html", ".svg":
			checkMarkup(t, p, data)
		case ".json":
			if !json.Valid(data) {
				t.Errorf("%s is not valid JSON", p)
			}
		case ".xml":
			checkXML(t, p, data)
		case ".csv":
			checkCSV(t, p, data)
		case ".js":
			if !isOwnScript(p) && !bytes.HasPrefix(bytes.TrimSpace(data), []byte("window.")) {
				// Offline search indexes are scripts too; they are
				// data assigned to a global, never code from content.
				t.Logf("%s: script file", p)
			}
		}
	}
	if problems := sitetest.Crawl(out, "https://example.org/r2p/"); len(problems) > 0 {
		for _, p := range problems {
			if strings.Contains(p, "Content-Security-Policy") || strings.Contains(p, "javascript:") {
				t.Errorf("crawler: %s", p)
			}
		}
	}
}

func isOwnScript(p string) bool {
	for _, s := range ownScripts {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	return false
}

func checkMarkup(t *reporter, p string, data []byte) {
	t.Helper()
	doc := sitetest.ParseHTML(data)
	for _, e := range doc.Elements() {
		for _, at := range e.Attrs {
			name, val := strings.ToLower(at.Name), at.Val
			switch {
			case strings.HasPrefix(name, "on"):
				t.Errorf("%s:%d: <%s %s=%q>: an event handler", p, e.Line, e.Tag, at.Name, val)
			case name == "style":
				t.Errorf("%s:%d: <%s style=%q>: inline style", p, e.Line, e.Tag, val)
			case name == "href" || name == "src" || name == "action" || name == "formaction" || name == "xlink:href" || name == "srcset" || name == "poster" || name == "data":
				if s := scheme(val); s == "javascript" || s == "vbscript" || s == "data" {
					t.Errorf("%s:%d: <%s %s=%q>: a %s: URL", p, e.Line, e.Tag, at.Name, val, s)
				}
			}
		}
		switch e.Tag {
		case "script":
			checkScript(t, p, e)
		case "iframe", "object", "embed", "base", "form", "frame", "frameset", "meta":
			if e.Tag != "meta" || e.Get("http-equiv") != "" {
				if e.Tag != "form" || !strings.HasSuffix(e.Get("action"), "/search/") {
					t.Errorf("%s:%d: <%s> element from content", p, e.Line, e.Tag)
				}
			}
		}
	}
}

func checkScript(t *reporter, p string, e *sitetest.Node) {
	t.Helper()
	if src, ok := e.Attr("src"); ok {
		if !isOwnScript(src) {
			t.Errorf("%s:%d: <script src=%q>: not one of r2p's scripts", p, e.Line, src)
		}
		return
	}
	// A data block (JSON-LD) is not run, but a </script> inside a value
	// would end it and start markup; the reader would then see the rest
	// as elements, which this loop catches. Its text must be JSON.
	if typ := e.Get("type"); typ == "application/ld+json" || typ == "application/json" {
		if !json.Valid([]byte(e.Text())) {
			t.Errorf("%s:%d: <script type=%q> does not hold valid JSON: %.200s", p, e.Line, typ, e.Text())
		}
		return
	}
	t.Errorf("%s:%d: inline <script>: %.200s", p, e.Line, e.Text())
}

// scheme is the scheme a browser would see in a URL attribute value:
// case, leading spaces and the control characters it strips ignored.
func scheme(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch {
		case r <= ' ':
			continue
		case r == ':':
			return strings.ToLower(b.String())
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', b.Len() > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
			b.WriteRune(r)
		default:
			return ""
		}
	}
	return ""
}

func checkXML(t *reporter, p string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", p, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, "script") {
			t.Errorf("%s holds a <script> element", p)
		}
	}
}

func checkCSV(t *reporter, p string, data []byte) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Errorf("%s is not valid CSV: %v", p, err)
		return
	}
	for i, rec := range recs {
		for j, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s:%d: field %d %q would start a spreadsheet formula", p, i+1, j+1, cell)
			}
		}
	}
}

// What cannot be escaped is refused: every script URL in Markdown, in any
// case or encoding, and a slug that climbs out of its section, each
// reported at its own line.
func TestHostileValuesRefused(t *testing.T) {
	a := sitetest.ReadArchive(t, "testdata/hostile-refused.txtar")
	got := sitetest.Problems(t, a.Site(), build.Options{})
	want, _ := a.Want("count")
	if n := strings.Count(got, "\n"); fmt.Sprint(n)+"\n" != want {
		t.Errorf("%d problems, want %s:\n%s", n, strings.TrimSpace(want), got)
	}
	for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
		if !strings.Contains(line, "is not allowed") && !strings.Contains(line, "slug") {
			t.Errorf("unexpected problem: %s", line)
		}
	}
}
