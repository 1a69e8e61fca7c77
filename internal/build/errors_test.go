package build_test

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// badInputs names one fixture per kind of bad input the generator must
// report. Listing them, rather than globbing, makes a deleted fixture a
// failure instead of a silently shorter test.
var badInputs = []string{
	"malformed-yaml",
	"unterminated",
	"unknown-key",
	"wrong-type",
	"impossible-date",
	"duplicate-slug",
	"duplicate-url",
	"slug-escapes",
	"broken-template",
	"undefined-template",
	"several",
}

// TestBadInput builds each fixture under testdata/errors and compares the
// whole report, every line "path:line:col: message", with want/errors.
func TestBadInput(t *testing.T) {
	for _, name := range badInputs {
		t.Run(name, func(t *testing.T) {
			a := sitetest.ReadArchive(t, "testdata/errors/"+name+".txtar")
			want, ok := a.Want("errors")
			if !ok || want == "" {
				t.Fatal("fixture has no want/errors")
			}
			got := sitetest.Problems(t, a.Site(), build.Options{})
			checkReportShape(t, got)
			if got != want {
				t.Errorf("problems differ:\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// problemLine is the contract's format: a site-relative path, a 1-based
// line, an optional column, then the message.
var problemLine = regexp.MustCompile(`^([^:\s]+):([1-9][0-9]*):(?:([1-9][0-9]*):)? (\S.*)$`)

// checkReportShape checks what holds for any report, whatever the exact
// wording: every line has a position, and lines are sorted by path, line
// and column. It catches a problem without a position even where the
// fixture's expectation would be updated carelessly.
func checkReportShape(t *testing.T, report string) {
	t.Helper()
	type key struct {
		path      string
		line, col int
	}
	var prev key
	for i, l := range strings.Split(strings.TrimSuffix(report, "\n"), "\n") {
		m := problemLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line %d is not path:line[:col]: message: %q", i+1, l)
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		k := key{m[1], line, col}
		if i > 0 && (k.path < prev.path || k.path == prev.path && (k.line < prev.line || k.line == prev.line && k.col < prev.col)) {
			t.Errorf("line %d is out of order: %q", i+1, l)
		}
		prev = k
	}
}

// without returns fsys with the named files removed.
func without(t *testing.T, fsys fs.FS, names ...string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	drop := map[string]bool{}
	for _, n := range names {
		drop[n] = true
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || drop[p] {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		out[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const aboutPage = `
-- content/about.md --
---
title: About
---
Body.
`

// A template that neither the site nor the defaults provide is named, once,
// with the path it was looked for at.
func TestMissingTemplate(t *testing.T) {
	defaults := without(t, r2p.Defaults, "templates/page.html")
	_, err := sitetest.RunWith(sitetest.FS(t, aboutPage), defaults, build.Options{})
	if err == nil {
		t.Fatal("build succeeded without templates/page.html")
	}
	want := "templates/page.html: missing template: open templates/page.html: file does not exist"
	if got := err.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Bytes that are not UTF-8 are reported at their line and column, in
// content, settings and templates alike, all in one run.
func TestInvalidUTF8(t *testing.T) {
	site := sitetest.FS(t, aboutPage)
	site["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: Caf\xe9\n")}
	site["content/situations/cote.md"] = &fstest.MapFile{Data: []byte(
		"---\ntitle: C\xf4te d'Ivoire\nstates: [CIV]\nrisk: serious-concern\ndate: 2016-07-22\n---\nBody.\n")}
	site["templates/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<h1>{{.Title}} \x80</h1>\n{{end}}\n")}
	got := sitetest.Problems(t, site, build.Options{})
	want := `content/site.yaml:1:11: file is not valid UTF-8 (byte 0xe9); save it as UTF-8
content/situations/cote.md:2:9: file is not valid UTF-8 (byte 0xf4); save it as UTF-8
templates/page.html:2:16: file is not valid UTF-8 (byte 0x80); save it as UTF-8
`
	checkReportShape(t, got)
	if got != want {
		t.Errorf("problems differ:\n--- got\n%s--- want\n%s", got, want)
	}
}

// A byte order mark and Windows line endings are how some editors save
// files; they must make no difference at all to the output.
func TestBOMAndCRLF(t *testing.T) {
	a := sitetest.ReadArchive(t, "testdata/sites/small.txtar")
	plain := a.Site()
	windows := fstest.MapFS{}
	for p, f := range plain {
		data := bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))
		if path.Ext(p) == ".md" || path.Ext(p) == ".yaml" {
			data = append([]byte("\xef\xbb\xbf"), data...)
		}
		windows[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	want := sitetest.Build(t, plain, build.Options{})
	got := sitetest.Build(t, windows, build.Options{})
	assertSameOutput(t, want, got)
}

// assertSameOutput fails unless two builds wrote the same files with the
// same bytes.
func assertSameOutput(t *testing.T, a, b *sitetest.Output) {
	t.Helper()
	for _, p := range a.Paths() {
		other, ok := b.Files[p]
		switch {
		case !ok:
			t.Errorf("public/%s is only in the first build", p)
		case !bytes.Equal(a.Files[p], other):
			t.Errorf("public/%s differs:\n%s", p, sitetest.Diff(string(a.Files[p]), string(other)))
		}
	}
	for _, p := range b.Paths() {
		if _, ok := a.Files[p]; !ok {
			t.Errorf("public/%s is only in the second build", p)
		}
	}
}
