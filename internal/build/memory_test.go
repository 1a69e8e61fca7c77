package build_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/render"
	"github.com/r2p-monitor/r2p/internal/synth"
)

// The in-memory build reuses pages that an edit cannot have changed. The
// only proof that it reuses nothing stale is to compare it, after every
// edit, with a build from scratch of the same directory: same file names,
// same bytes. These tests edit real files on disk, as an author would, and
// tell Memory which paths changed, as the watcher would.

// editSite is a site directory on disk with an in-memory build of it.
type editSite struct {
	t      *testing.T
	dir    string
	mem    *build.Memory
	firsts []firstCall // calls of Rebuild's callback in the last rebuild
}

type firstCall struct {
	files build.Files
	urls  []string
}

func newEditSite(t *testing.T, dir string) *editSite {
	t.Helper()
	s := &editSite{t: t, dir: dir, mem: build.NewMemory(os.DirFS(dir), r2p.Defaults, build.Options{})}
	if _, _, err := s.mem.Rebuild(nil, nil); err != nil {
		t.Fatalf("first build: %v", err)
	}
	s.assertFresh("first build")
	return s
}

// writeSite writes files (site-relative path to text) under a new temp dir.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, text := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), text)
	}
	return dir
}

func writeFile(t testing.TB, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (s *editSite) path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *editSite) write(rel, text string) { s.t.Helper(); writeFile(s.t, s.path(rel), text) }

func (s *editSite) read(rel string) string {
	s.t.Helper()
	data, err := os.ReadFile(s.path(rel))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

func (s *editSite) remove(rel string) {
	s.t.Helper()
	if err := os.Remove(s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *editSite) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
}

// replace rewrites the first match of re in a file, failing if there is
// none, so that an edit that silently did nothing cannot pass as tested.
func (s *editSite) replace(rel, re, with string) {
	s.t.Helper()
	text := s.read(rel)
	loc := regexp.MustCompile(re).FindStringIndex(text)
	if loc == nil {
		s.t.Fatalf("%s has no match for %q", rel, re)
	}
	s.write(rel, text[:loc[0]]+with+text[loc[1]:])
}

// rebuild tells Memory which paths changed and records the callbacks.
func (s *editSite) rebuild(changed ...string) (build.Files, []string, error) {
	s.t.Helper()
	s.firsts = nil
	var mu sync.Mutex
	return s.mem.Rebuild(changed, func(files build.Files, urls []string) {
		mu.Lock()
		defer mu.Unlock()
		s.firsts = append(s.firsts, firstCall{files, slices.Clone(urls)})
	})
}

// step rebuilds after an edit and checks the result against a fresh build.
func (s *editSite) step(name string, changed ...string) (build.Files, []string) {
	s.t.Helper()
	files, urls, err := s.rebuild(changed...)
	if err != nil {
		s.t.Fatalf("%s: rebuild failed:\n%v", name, err)
	}
	if !sameFiles(files, s.mem.Files()) {
		s.t.Fatalf("%s: Rebuild returned other files than Files() holds", name)
	}
	s.assertFresh(name)
	return files, urls
}

// assertFresh compares the in-memory output with a build from scratch.
func (s *editSite) assertFresh(name string) {
	s.t.Helper()
	want := freshBuild(s.t, s.dir)
	if d := filesDiff(want, plain(s.mem.Files())); d != "" {
		s.t.Fatalf("%s: in-memory output differs from a fresh build:\n%s", name, d)
	}
}

// contents are output files' paths and bytes.
type contents map[string][]byte

// plain decompresses the in-memory output.
func plain(files build.Files) contents {
	out := contents{}
	for p, o := range files {
		out[p] = o.Bytes()
	}
	return out
}

func freshBuild(t testing.TB, dir string) contents {
	t.Helper()
	out := contents{}
	var mu sync.Mutex
	_, err := build.Run(os.DirFS(dir), r2p.Defaults, build.Options{}, func(f render.File) error {
		mu.Lock()
		out[f.Path] = f.Data
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatalf("fresh build failed:\n%v", err)
	}
	return out
}

func sameFiles(a, b build.Files) bool { return filesDiff(plain(a), plain(b)) == "" }

// filesDiff describes how got differs from want: files missing, extra, and
// for the first few that differ, the first differing line.
func filesDiff(want, got contents) string {
	var b strings.Builder
	var names []string
	for p := range want {
		names = append(names, p)
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	shown := 0
	for _, p := range names {
		w, inWant := want[p]
		g, inGot := got[p]
		switch {
		case !inGot:
			fmt.Fprintf(&b, "  missing %s\n", p)
		case !inWant:
			fmt.Fprintf(&b, "  extra %s\n", p)
		case !bytes.Equal(w, g):
			fmt.Fprintf(&b, "  differs %s", p)
			if shown < 5 {
				fmt.Fprintf(&b, ": %s", firstLineDiff(w, g))
			}
			b.WriteString("\n")
			shown++
		default:
			continue
		}
		if b.Len() > 4000 {
			b.WriteString("  ...\n")
			break
		}
	}
	return b.String()
}

func firstLineDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\n    fresh:  %.300s\n    memory: %.300s", i+1, w, g)
		}
	}
	return "same lines"
}

// briefs lists the brief files of a site, sorted.
func (s *editSite) briefs() []string {
	s.t.Helper()
	entries, err := os.ReadDir(s.path("content/situations"))
	if err != nil {
		s.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && e.Name() != "index.md" {
			out = append(out, "content/situations/"+e.Name())
		}
	}
	return out
}

// briefURL is the URL of a brief without a slug in its front matter.
func briefURL(file string) string {
	return "/situations/" + strings.TrimSuffix(path.Base(file), ".md") + "/"
}

func defaultFile(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(r2p.Defaults, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The edits an author makes over an afternoon, on a realistic site, each
// checked against a fresh build of the same directory.
func TestMemoryEditsEqualFreshBuild(t *testing.T) {
	t.Parallel() // the slowest test of the package; let the others run beside it
	dir := filepath.Join(t.TempDir(), "site")
	if err := synth.Write(dir, synth.Options{Briefs: 50, Seed: 3, Treaties: 4, Commitments: 3}); err != nil {
		t.Fatal(err)
	}
	s := newEditSite(t, dir)
	b := s.briefs()

	s.write(b[0], s.read(b[0])+"\nAn added paragraph, token-body-edit.\n")
	s.step("body edit", b[0])

	s.replace(b[1], `(?m)^title: .*$`, `title: "A renamed situation"`)
	s.step("title change", b[1])

	s.replace(b[2], `(?m)^risk: .*$`, "risk: serious-concern")
	s.step("risk change", b[2])
	s.replace(b[2], `(?m)^risk: .*$`, "risk: imminent-risk")
	s.step("risk change again", b[2])

	s.replace(b[3], `(?m)^states: .*$`, "states: [FRA, NOR]")
	s.step("states change", b[3])

	s.write("content/situations/added-brief.md", "---\ntitle: Added brief\nstates: [KEN]\nrisk: imminent-risk\ndate: 2012-03-04\nsummary: Added while serving.\n---\nA new brief.\n")
	s.step("add brief", "content/situations/added-brief.md")

	s.remove(b[4])
	s.step("delete brief", b[4])

	s.rename(b[5], "content/situations/renamed-file.md")
	s.step("rename brief file", b[5], "content/situations/renamed-file.md")

	s.replace(b[6], `(?m)^---\n`, "---\nslug: custom-slug\n")
	s.step("slug added", b[6])

	s.replace(b[7], `(?m)^risk: `, "draft: true\nrisk: ")
	s.step("brief made draft", b[7])

	s.replace("content/site.yaml", `(?m)^title: .*$`, "title: Renamed monitor")
	s.step("site.yaml title", "content/site.yaml")

	brief := defaultFile(t, "templates/situations/brief.html")
	s.write("templates/situations/brief.html", strings.Replace(brief, "<article", "<!-- override 1 --><article", 1))
	s.step("template override added", "templates", "templates/situations", "templates/situations/brief.html")
	s.write("templates/situations/brief.html", strings.Replace(brief, "<article", "<!-- override 2 --><article", 1))
	s.step("template override edited", "templates/situations/brief.html")
	s.remove("templates/situations/brief.html")
	s.step("template override removed", "templates/situations/brief.html")

	s.write("static/extra/notes.txt", "static file")
	s.step("static file added", "static", "static/extra", "static/extra/notes.txt")
	s.remove("static/extra/notes.txt")
	s.step("static file removed", "static/extra/notes.txt")

	s.write("content/situations/map.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	s.step("asset beside briefs added", "content/situations/map.svg")
	s.remove("content/situations/map.svg")
	s.step("asset removed", "content/situations/map.svg")

	s.write("content/methods-note.md", "---\ntitle: Methods note\nmenu: main\nweight: 5\n---\nHow we assess.\n")
	s.step("menu page added", "content/methods-note.md")
	s.replace("content/methods-note.md", `(?m)^title: .*$`, "title: Our method")
	s.step("menu page retitled", "content/methods-note.md")

	s.write("content/situations/index.md", "---\ntitle: Situations\n---\nAn introduction to the list.\n")
	s.step("list introduction added", "content/situations/index.md")

	s.replace("content/data/treaties.csv", `Synthetic Treaty 1\b`, "Synthetic Treaty One")
	s.step("data table edit", "content/data/treaties.csv")

	// Without as_of in site.yaml, the newest brief's date is the date the
	// site speaks for, and every page cites it: moving it must reach every
	// page, although only one brief changed.
	s.replace("content/site.yaml", `(?m)^as_of: .*\n`, "")
	s.step("as_of removed from site.yaml", "content/site.yaml")
	s.replace(b[8], `(?m)^date: .*$`, "date: 2026-02-03")
	files, _ := s.step("brief date moves as_of", b[8])
	if !bytes.Contains(files[strings.TrimPrefix(briefURL(b[9]), "/")+"index.html"].Bytes(), []byte("2026")) {
		t.Errorf("%s does not cite the new as_of date", briefURL(b[9]))
	}

	s.write(b[9], s.read(b[9])+"\nLast paragraph.\n")
	s.step("body edit after everything", b[9])
}

// A hand-written site small enough to read: lists, a state page and the
// feed show a brief, so changing its title must reach all of them.
var editableSite = map[string]string{
	"content/site.yaml": "title: Small Monitor\nbase_url: https://example.org/\nlanguage: en\n",
	"content/about.md":  "---\ntitle: About\nmenu: main\n---\nAbout us.\n",
	"content/situations/alpha.md": "---\ntitle: Alpha\nstates: [SYR]\nrisk: current-crisis\ndate: 2016-07-22\nsummary: First.\n---\nAlpha body.\n\n" +
		"Second paragraph.\n",
	"content/situations/beta.md": "---\ntitle: Beta\nstates: [BDI]\nrisk: imminent-risk\ndate: 2016-05-01\n---\nBeta body.\n",
}

func TestMemorySmallSiteEdits(t *testing.T) {
	s := newEditSite(t, writeSite(t, editableSite))
	s.replace("content/situations/beta.md", `(?m)^title: Beta$`, "title: Beta Renamed")
	_, urls := s.step("beta retitled", "content/situations/beta.md")
	// The edited page itself was announced by the early callback; what
	// Rebuild returns is what changed since then. Together they must name
	// every page that shows the brief, and nothing else.
	for _, fc := range s.firsts {
		urls = append(urls, fc.urls...)
	}
	for _, want := range []string{"/situations/beta/", "/situations/", "/states/bdi/", "/feed.xml"} {
		if !slices.Contains(urls, want) {
			t.Errorf("changed URLs %v lack %s", urls, want)
		}
	}
	if slices.Contains(urls, "/situations/alpha/") {
		t.Errorf("changed URLs %v name /situations/alpha/, which did not change", urls)
	}
	// as_of is the newest brief's date here (site.yaml gives none).
	s.replace("content/situations/beta.md", `(?m)^date: .*$`, "date: 2017-01-09")
	s.step("beta becomes the newest brief", "content/situations/beta.md")
	if !bytes.Contains(s.mem.Files()["situations/alpha/index.html"].Bytes(), []byte("2017")) {
		t.Error("alpha's citation does not show the new as_of")
	}
	s.replace("content/situations/beta.md", `(?m)^date: .*$`, "date: 2016-05-01")
	s.step("beta dated back", "content/situations/beta.md")

	// Without the callback, Rebuild's own list names the edited page.
	s.write("content/situations/alpha.md", s.read("content/situations/alpha.md")+"\nThird.\n")
	_, urls, err := s.mem.Rebuild([]string{"content/situations/alpha.md"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The search index holds the body's words, so its files change too;
	// no other page may.
	var pages []string
	for _, u := range urls {
		if !strings.HasPrefix(u, "/search/") {
			pages = append(pages, u)
		}
	}
	if !slices.Equal(pages, []string{"/situations/alpha/"}) {
		t.Errorf("a body edit changed %v, want just [/situations/alpha/] besides the search index", urls)
	}
	s.assertFresh("body edit without callback")
}

// The callback that shows the edited page early must carry that page's new
// HTML, and must not be made for edits every page depends on, whose pages
// it could not show correctly ahead of the rest.
func TestMemoryFirstCallback(t *testing.T) {
	s := newEditSite(t, writeSite(t, editableSite))
	const token = "token-7f3a9"
	s.write("content/situations/alpha.md", s.read("content/situations/alpha.md")+"\n"+token+"\n")
	s.step("body edit", "content/situations/alpha.md")
	if len(s.firsts) != 1 {
		t.Fatalf("callback made %d times for a body edit, want once", len(s.firsts))
	}
	fc := s.firsts[0]
	if !slices.Equal(fc.urls, []string{"/situations/alpha/"}) {
		t.Errorf("callback URLs %v, want [/situations/alpha/]", fc.urls)
	}
	if !bytes.Contains(fc.files["situations/alpha/index.html"].Bytes(), []byte(token)) {
		t.Error("the callback's files lack the edited page's new text")
	}
	if !bytes.Contains(fc.files["situations/beta/index.html"].Bytes(), []byte("Beta body.")) {
		t.Error("the callback's files lack the pages the edit did not touch")
	}

	tmpl := defaultFile(t, "templates/page.html")
	s.write("templates/page.html", strings.Replace(tmpl, "<article", "<!-- edited --><article", 1))
	s.step("template edit", "templates/page.html")
	if len(s.firsts) != 0 {
		t.Errorf("callback made for a template edit: %v", s.firsts[0].urls)
	}
	s.replace("content/site.yaml", `(?m)^title: .*$`, "title: Other")
	s.step("site.yaml edit", "content/site.yaml")
	if len(s.firsts) != 0 {
		t.Errorf("callback made for a site.yaml edit: %v", s.firsts[0].urls)
	}
}

// A bad save returns its problems at file, line and column and keeps the
// previous output whole; the next good save recovers, equal to a fresh
// build. Each kind of input is broken in turn.
func TestMemoryBadEditKeepsLastGood(t *testing.T) {
	s := newEditSite(t, writeSite(t, editableSite))
	tmpl := defaultFile(t, "templates/page.html")
	cases := []struct {
		name, file, bad, wantPos string
	}{
		{"unknown front matter key", "content/situations/alpha.md",
			"---\ntitle: Alpha\ntitel: typo\nstates: [SYR]\nrisk: current-crisis\ndate: 2016-07-22\n---\nBody.\n",
			"content/situations/alpha.md:3:1"},
		{"unterminated front matter", "content/situations/beta.md",
			"---\ntitle: Beta\n", "content/situations/beta.md:1"},
		{"broken site.yaml", "content/site.yaml", "title: [unclosed\n", "content/site.yaml:"},
		{"broken template", "templates/page.html", "{{define \"main\"}}{{.Nope\n", "templates/page.html:"},
	}
	for _, c := range cases {
		before := s.mem.Files()
		good := ""
		if data, err := os.ReadFile(s.path(c.file)); err == nil {
			good = string(data)
		} else {
			good = tmpl
		}
		s.write(c.file, c.bad)
		files, urls, err := s.rebuild(c.file)
		if err == nil {
			t.Fatalf("%s: no problem reported", c.name)
		}
		if !strings.Contains(err.Error(), c.wantPos) {
			t.Errorf("%s: problems %q lack position %s", c.name, err, c.wantPos)
		}
		for _, e := range diag.AsList(err) {
			if e.Pos.Path == "" {
				t.Errorf("%s: problem without a file: %v", c.name, e)
			}
		}
		if !sameFiles(before, files) || !sameFiles(before, s.mem.Files()) {
			t.Fatalf("%s: a failed rebuild changed the output", c.name)
		}
		if urls != nil || len(s.firsts) != 0 {
			t.Errorf("%s: a failed rebuild announced changes %v / %d callbacks", c.name, urls, len(s.firsts))
		}
		s.write(c.file, good)
		s.step(c.name+" fixed", c.file)
	}
}

// A file reported changed may be gone by the time the rebuild reads the
// directory (an editor's temporary file, a brief deleted straight after
// saving): it is simply not there, and that is no error.
func TestMemoryFileDeletedBeforeRebuild(t *testing.T) {
	s := newEditSite(t, writeSite(t, editableSite))
	s.write("content/situations/beta.md", s.read("content/situations/beta.md")+"\nmore\n")
	s.remove("content/situations/beta.md")
	files, _ := s.step("changed then deleted", "content/situations/beta.md")
	if _, ok := files["situations/beta/index.html"]; ok {
		t.Error("a deleted brief is still served")
	}
	// Neither the source cache nor the page cache may bring it back.
	s.write("content/about.md", "---\ntitle: About\nmenu: main\n---\nAbout us, again.\n")
	files, _ = s.step("unrelated edit", "content/about.md")
	if _, ok := files["situations/beta/index.html"]; ok {
		t.Error("a deleted brief came back after an unrelated edit")
	}
}

// vanishingFS is the site directory, except that one file is deleted from
// disk at the moment the build first opens it: the window between listing a
// directory and reading its files, which a real deletion can hit.
type vanishingFS struct {
	fs.FS
	dir, victim string
	once        sync.Once
}

func (v *vanishingFS) Open(name string) (fs.File, error) {
	if name == v.victim {
		v.once.Do(func() { os.Remove(filepath.Join(v.dir, filepath.FromSlash(name))) })
	}
	return v.FS.Open(name)
}

// A brief deleted in the middle of a rebuild (listed, then gone before it
// is read) may fail that one rebuild, but the previous output is kept and
// the rebuild that the deletion's own event triggers recovers.
func TestMemoryFileDeletedDuringRebuild(t *testing.T) {
	dir := writeSite(t, editableSite)
	vfs := &vanishingFS{FS: os.DirFS(dir), dir: dir}
	s := &editSite{t: t, dir: dir, mem: build.NewMemory(vfs, r2p.Defaults, build.Options{})}
	if _, _, err := s.mem.Rebuild(nil, nil); err != nil {
		t.Fatal(err)
	}
	before := s.mem.Files()
	s.write("content/situations/beta.md", s.read("content/situations/beta.md")+"\nmore\n")
	vfs.victim = "content/situations/beta.md"
	files, _, err := s.rebuild("content/situations/beta.md")
	if _, statErr := os.Stat(s.path(vfs.victim)); statErr == nil {
		t.Fatal("the test did not delete the file")
	}
	if err != nil {
		t.Logf("rebuild during the deletion reported: %v", err)
		if !sameFiles(before, files) {
			t.Fatal("a failed rebuild changed the output")
		}
	}
	s.step("deletion event", "content/situations/beta.md")
	if _, ok := s.mem.Files()["situations/beta/index.html"]; ok {
		t.Error("the deleted brief is still served")
	}
}

// The quick path shows a body edit before the full rebuild; what it shows
// must be what the full rebuild then produces for that page, or the tab
// shows one version, then reloads into another.
func TestMemoryQuickEqualsRebuild(t *testing.T) {
	s := newEditSite(t, writeSite(t, editableSite))
	for i, file := range []string{"content/situations/alpha.md", "content/about.md", "content/situations/beta.md"} {
		s.write(file, s.read(file)+fmt.Sprintf("\nQuick edit %d with a [link](/situations/alpha/).\n", i))
		quick, urls, ok := s.mem.Quick([]string{file}, s.mem.Files())
		if !ok {
			t.Fatalf("%s: the quick path refused a body-only edit", file)
		}
		if len(urls) != 1 {
			t.Errorf("%s: quick path changed %v, want one page", file, urls)
		}
		full, _ := s.step("full rebuild after quick edit of "+file, file)
		for _, u := range urls {
			p := strings.TrimPrefix(u, "/") + "index.html"
			if !bytes.Equal(quick[p].Bytes(), full[p].Bytes()) {
				t.Errorf("%s: the quick path rendered %s differently from the full rebuild: %s", file, u, firstLineDiff(full[p].Bytes(), quick[p].Bytes()))
			}
		}
	}
}

// The preview keeps every output compressed and sends it as gzip or
// plain, with its reload script inserted before a page's last </body>.
// Whatever the route, the bytes must be the file's own, with the insert
// exactly where inserting it into the plain bytes would put it.
func TestOutputRoundTrip(t *testing.T) {
	long := strings.Repeat("<p>Paragraph with some words.</p>\n", 4000)
	cases := []struct{ path, data string }{
		{"empty.html", ""},
		{"index.html", "<!doctype html><html><body><p>Hi</p></body></html>\n"},
		{"a/index.html", "<html><body>" + long + "</body></html>\n"},
		{"nobody.html", "<p>no closing body tag</p>"},
		{"two.html", "<body>x</body> and again </body> end"},
		{"tail.html", "<body>x</body>" + strings.Repeat("after the body ", 9000)},
		{"feed.xml", "<rss><![CDATA[</body>]]></rss>"},
		{"noext", "<html><body>sniffed</body></html>"},
		{"search/f/0/1.json", `{"t":"fragment </body>"}`},
		{"data/big.csv", long},
	}
	insert := []byte(`<script src="/__r2p/reload.js" defer></script>`)
	for _, c := range cases {
		data := []byte(c.data)
		o := build.NewOutput(c.path, data)
		if got := o.Bytes(); !bytes.Equal(got, data) {
			t.Errorf("%s: Bytes() differs from the data (%d bytes, want %d)", c.path, len(got), len(data))
		}
		if o.Len() != len(data) {
			t.Errorf("%s: Len() = %d, want %d", c.path, o.Len(), len(data))
		}
		if got, want := o.Head(512), data[:min(512, len(data))]; !bytes.Equal(got, want) {
			t.Errorf("%s: Head(512) = %.40q, want %.40q", c.path, got, want)
		}
		want := slices.Clone(data)
		page := strings.HasSuffix(c.path, ".html") || !strings.Contains(c.path, ".")
		if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 && page {
			want = slices.Concat(data[:i], insert, data[i:])
		} else {
			want = append(want, insert...)
		}
		var plainOut bytes.Buffer
		if n, err := o.CopyTo(&plainOut, insert); err != nil || n != int64(len(want)) || !bytes.Equal(plainOut.Bytes(), want) {
			t.Errorf("%s: CopyTo wrote %d bytes (err %v), want %d; the insert is misplaced or the bytes differ", c.path, n, err, len(want))
		}
		if !o.Compressed() {
			if !strings.HasPrefix(c.path, "search/f/") {
				t.Errorf("%s is not kept compressed", c.path)
			}
			continue
		}
		var gz bytes.Buffer
		size, write := o.Gzip(insert)
		if err := write(&gz); err != nil {
			t.Fatal(err)
		}
		if gz.Len() != size {
			t.Errorf("%s: Gzip gave the length %d and wrote %d bytes", c.path, size, gz.Len())
		}
		zr, err := gzip.NewReader(&gz)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		got, err := io.ReadAll(zr) // checks the CRC and length in the trailer
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: the gzip stream decodes to %d bytes (err %v), want the %d plain ones", c.path, len(got), err, len(want))
		}
	}
}

// Same tells outputs apart by their bytes, and an unchanged file keeps
// the output it had, so a rebuild neither compresses it again nor
// announces it as changed.
func TestOutputSame(t *testing.T) {
	a := build.NewOutput("x/index.html", []byte("<body>one</body>"))
	b := build.NewOutput("x/index.html", []byte("<body>one</body>"))
	c := build.NewOutput("x/index.html", []byte("<body>two</body>"))
	d := build.NewOutput("x/index.html", []byte("<body>one</body>\n"))
	if !a.Same(b) || !b.Same(a) || !a.Same(a) {
		t.Error("outputs of the same bytes are not the same")
	}
	if a.Same(c) || a.Same(d) || a.Same(nil) || (*build.Output)(nil).Same(a) {
		t.Error("outputs of different bytes are the same")
	}
	if !(*build.Output)(nil).Same(nil) {
		t.Error("two missing outputs differ")
	}
}

// The preview lets a page's Markdown go once converted and reads the file
// again when a rebuild converts the page again (a template or site.yaml
// changed). A file deleted between the listing of its directory and that
// read fails the rebuild, which keeps the last good output; the
// deletion's own rebuild then matches a fresh build.
func TestMemoryRereadsMarkdown(t *testing.T) {
	dir := writeSite(t, editableSite)
	vfs := &vanishingFS{FS: os.DirFS(dir), dir: dir}
	s := &editSite{t: t, dir: dir, mem: build.NewMemory(vfs, r2p.Defaults, build.Options{})}
	if _, _, err := s.mem.Rebuild(nil, nil); err != nil {
		t.Fatal(err)
	}
	s.replace("content/site.yaml", `(?m)^title: .*$`, "title: Renamed Monitor")
	s.step("site.yaml edit re-renders every page from its file", "content/site.yaml")
	if !bytes.Contains(s.mem.Files()["situations/alpha/index.html"].Bytes(), []byte("Second paragraph.")) {
		t.Fatal("alpha lost its body when rendered again")
	}

	before := s.mem.Files()
	vfs.victim = "content/situations/beta.md"
	s.replace("content/site.yaml", `(?m)^title: .*$`, "title: Renamed Again")
	_, _, err := s.rebuild("content/site.yaml")
	if _, statErr := os.Stat(s.path(vfs.victim)); statErr == nil {
		t.Fatal("the test did not delete the file")
	}
	if err == nil || !strings.Contains(err.Error(), "content/situations/beta.md") {
		t.Fatalf("a rebuild that could not read beta.md again reported %v", err)
	}
	if !sameFiles(before, s.mem.Files()) {
		t.Error("the failed rebuild changed the output")
	}
	s.step("deletion reported", "content/situations/beta.md")
}

// The first build compresses its outputs coarsely, to be quick, and then
// properly in the background: once that is done, every output is what
// compressing its bytes afresh gives, and the bytes are unchanged.
func TestMemoryRefinesFirstBuild(t *testing.T) {
	s := newEditSite(t, writeSite(t, editableSite))
	files := s.mem.Files()
	<-s.mem.Refined()
	for p, o := range files {
		if !o.Compressed() {
			continue
		}
		var got, want bytes.Buffer
		_, write := o.Gzip(nil)
		_ = write(&got)
		_, write = build.NewOutput(p, o.Bytes()).Gzip(nil)
		_ = write(&want)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: kept compressed in %d bytes, compressing it afresh gives %d", p, got.Len(), want.Len())
		}
	}
	s.assertFresh("refined")
}
