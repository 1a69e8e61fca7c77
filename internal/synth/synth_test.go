package synth

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/r2p-monitor/r2p/internal/registry"
)

// briefsOf returns the briefs of a site, by path.
func briefsOf(files map[string][]byte) map[string]string {
	out := map[string]string{}
	for p, d := range files {
		if strings.HasPrefix(p, "content/situations/") && strings.HasSuffix(p, ".md") {
			out[p] = string(d)
		}
	}
	return out
}

// split returns the front matter lines and the body of a brief.
func split(t *testing.T, path, text string) ([]string, string) {
	t.Helper()
	if !strings.HasPrefix(text, "---\n") {
		t.Fatalf("%s: no opening ---", path)
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("%s: no closing ---", path)
	}
	return strings.Split(text[4:4+end], "\n"), text[4+end+5:]
}

// words counts tokens holding a letter or a digit, written independently
// of the generator's own counter so that the test checks it.
func wordCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		for _, r := range f {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
				break
			}
		}
	}
	return n
}

func TestDeterministic(t *testing.T) {
	opt := Options{Briefs: 60, Seed: 7}
	a, b := Files(opt), Files(opt)
	if len(a) != len(b) {
		t.Fatalf("two runs give %d and %d files", len(a), len(b))
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	c := Files(Options{Briefs: 60, Seed: 8})
	same := 0
	for p, d := range c {
		if strings.HasPrefix(p, "content/situations/") && bytes.Equal(d, a[p]) {
			same++
		}
	}
	if same > 0 || len(briefsOf(c)) != 60 {
		t.Errorf("a different seed gives %d identical briefs", same)
	}
	if bytes.Equal(a["content/data/ratifications.csv"], c["content/data/ratifications.csv"]) {
		t.Error("a different seed gives the same ratifications")
	}
}

func TestWriteMatchesFiles(t *testing.T) {
	opt := Options{Briefs: 40, Seed: 3, Assessments: 25}
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, opt); err != nil {
		t.Fatal(err)
	}
	want := Files(opt)
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("Write made %d files, Files %d", len(got), len(want))
	}
	for p, d := range want {
		if !bytes.Equal(got[p], d) {
			t.Errorf("%s: Write and Files differ", p)
		}
	}
	// The map serves as a file system as it is.
	if _, err := fs.ReadFile(fstest.MapFS(mapFS(want)), "content/site.yaml"); err != nil {
		t.Error(err)
	}
}

func mapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for p, d := range files {
		m[p] = &fstest.MapFile{Data: d}
	}
	return m
}

func TestWriteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Options{Briefs: 2}); err == nil {
		t.Fatal("Write accepted a non-empty directory")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("Write changed a directory it refused: %d entries", len(entries))
	}
	if err := Write(t.TempDir(), Options{Briefs: 2}); err != nil {
		t.Errorf("Write refused an existing empty directory: %v", err)
	}
	if err := Write(filepath.Join(t.TempDir(), "x"), Options{Briefs: -1}); err == nil {
		t.Error("Write accepted a negative count")
	}
}

func TestSmallSites(t *testing.T) {
	for _, n := range []int{0, 1, 2} {
		f := Files(Options{Briefs: n})
		if got := len(briefsOf(f)); got != n {
			t.Errorf("Briefs: %d gives %d briefs", n, got)
		}
		if _, ok := f["content/site.yaml"]; !ok {
			t.Errorf("Briefs: %d: no site.yaml", n)
		}
	}
}

func TestWordCounts(t *testing.T) {
	for p, text := range briefsOf(Files(Options{Briefs: 300, Seed: 1})) {
		_, body := split(t, p, text)
		if n := wordCount(body); n < 700 || n > 900 {
			t.Errorf("%s: %d words, want 700–900", p, n)
		}
	}
}

var (
	frontKeys = map[string]bool{"title": true, "states": true, "risk": true, "date": true, "summary": true,
		"risk_history": true, "risk_factors": true, "sources": true, "tags": true}
	required = []string{"title", "states", "risk", "date"}
	dateRE   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	symbolRE = regexp.MustCompile(`^"(A|S)/[A-Z0-9/]+( \(\d{4}\))?"$|^"https://example\.org/\S+"$`)
	listRE   = regexp.MustCompile(`^\[[^\[\]]+\]$`)
	linkRE   = regexp.MustCompile(`\]\((/[^)]*)\)`)
	noteRE   = regexp.MustCompile(`\[\^(\d+)\]`)
)

// TestFrontMatter checks each brief's front matter line by line: it is
// stricter than a YAML parser (one layout only) but asks for nothing a
// YAML parser would not accept.
func TestFrontMatter(t *testing.T) {
	files := Files(Options{Briefs: 500, Seed: 2})
	for p, text := range briefsOf(files) {
		lines, _ := split(t, p, text)
		seen := map[string]string{}
		key := ""
		for _, l := range lines {
			if strings.HasPrefix(l, "  ") {
				checkItem(t, p, key, l, seen["date"])
				continue
			}
			k, v, ok := strings.Cut(l, ":")
			if !ok || !frontKeys[k] {
				t.Errorf("%s: front matter line %q has no known key", p, l)
				continue
			}
			if _, dup := seen[k]; dup {
				t.Errorf("%s: key %s twice", p, k)
			}
			key, seen[k] = k, strings.TrimSpace(v)
			checkValue(t, p, k, seen[k])
		}
		for _, k := range required {
			if _, ok := seen[k]; !ok {
				t.Errorf("%s: no %s", p, k)
			}
		}
	}
}

func checkValue(t *testing.T, path, key, v string) {
	t.Helper()
	bad := false
	switch key {
	case "title", "summary":
		bad = !strings.HasPrefix(v, `"`) || !strings.HasSuffix(v, `"`) || strings.Count(v, `"`) != 2 ||
			strings.Contains(v, `\`) || !strings.Contains(strings.ToLower(v), "synthetic")
	case "states":
		bad = !listRE.MatchString(v)
		codes := strings.Split(strings.Trim(v, "[]"), ", ")
		bad = bad || len(codes) < 1 || len(codes) > 3
		for _, c := range codes {
			_, ok := registry.Lookup(c)
			bad = bad || !ok
		}
	case "risk":
		bad = v != "current-crisis" && v != "imminent-risk" && v != "serious-concern"
	case "date":
		bad = !dateRE.MatchString(v) || v < "2010-01-01" || v > "2024-12-31"
	case "risk_factors":
		bad = !listRE.MatchString(v)
		for _, f := range strings.Split(strings.Trim(v, "[]"), ", ") {
			n, err := strconv.Atoi(f)
			bad = bad || err != nil || n < 1 || n > 14
		}
	case "tags":
		bad = !listRE.MatchString(v)
	case "risk_history", "sources":
		bad = v != ""
	}
	if bad {
		t.Errorf("%s: bad %s: %q", path, key, v)
	}
}

// checkItem checks a line inside a block list: a source, or one half of a
// {date, risk} entry of risk_history.
func checkItem(t *testing.T, path, key, l, date string) {
	t.Helper()
	switch {
	case key == "sources" && strings.HasPrefix(l, "  - "):
		if !symbolRE.MatchString(l[4:]) {
			t.Errorf("%s: bad source %q", path, l)
		}
	case key == "risk_history" && strings.HasPrefix(l, "  - date: "):
		if d := l[10:]; !dateRE.MatchString(d) || d >= date {
			t.Errorf("%s: risk_history date %q not before %s", path, d, date)
		}
	case key == "risk_history" && strings.HasPrefix(l, "    risk: "):
	default:
		t.Errorf("%s: unexpected line %q under %s", path, l, key)
	}
}

// TestBodies checks the Markdown features the benchmarks count on, and
// that every root-relative link leads to a page the site will have.
func TestBodies(t *testing.T) {
	const n = 1000
	files := Files(Options{Briefs: n, Seed: 4})
	var tables, code int
	for p, text := range briefsOf(files) {
		_, body := split(t, p, text)
		if h := strings.Count(body, "\n## ") + b2i(strings.HasPrefix(body, "## ")); h < 3 || h > 5 {
			t.Errorf("%s: %d headings", p, h)
		}
		refs, defs := map[string]int{}, map[string]int{}
		for _, m := range noteRE.FindAllStringSubmatchIndex(body, -1) {
			if m[1] < len(body) && body[m[1]] == ':' {
				defs[body[m[2]:m[3]]]++
			} else {
				refs[body[m[2]:m[3]]]++
			}
		}
		if len(defs) < 2 || len(defs) > 4 || len(refs) != len(defs) {
			t.Errorf("%s: %d footnote references, %d definitions", p, len(refs), len(defs))
		}
		for k := range refs {
			if defs[k] != 1 || refs[k] != 1 {
				t.Errorf("%s: footnote %s referenced %d times, defined %d times", p, k, refs[k], defs[k])
			}
		}
		for _, m := range linkRE.FindAllStringSubmatch(body, -1) {
			checkLink(t, p, m[1], files)
		}
		if !strings.Contains(body, "](https://") && !strings.Contains(body, "](/situations/") {
			t.Errorf("%s: no link to another brief or outside", p)
		}
		tables += b2i(strings.Contains(body, "\n|---:|"))
		code += b2i(strings.Contains(body, "\n```json\n"))
	}
	if tables < n*40/100 || tables > n*60/100 {
		t.Errorf("%d of %d briefs have a table, want about half", tables, n)
	}
	if code < n*5/100 || code > n*15/100 {
		t.Errorf("%d of %d briefs have a JSON block, want about a tenth", code, n)
	}
}

func checkLink(t *testing.T, path, url string, files map[string][]byte) {
	t.Helper()
	switch {
	case strings.HasPrefix(url, "/states/"):
		code := strings.Trim(strings.TrimPrefix(url, "/states/"), "/")
		if _, ok := registry.Lookup(code); !ok || code != strings.ToLower(code) {
			t.Errorf("%s: link to unknown state %s", path, url)
		}
	case strings.HasPrefix(url, "/situations/"):
		slug := strings.Trim(strings.TrimPrefix(url, "/situations/"), "/")
		target := "content/situations/" + slug + ".md"
		if _, ok := files[target]; !ok || target == path {
			t.Errorf("%s: link to missing or own brief %s", path, url)
		}
	default:
		t.Errorf("%s: unexpected root-relative link %s", path, url)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestLargeSite streams 10,000 briefs, as the benchmarks generate them,
// and checks the rates that the search benchmark's queries depend on.
func TestLargeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 briefs")
	}
	const n = 10000
	var briefs, srebrenica, genocide, sentences, embargo int
	states, slugs := map[string]bool{}, map[string]bool{}
	vocabulary := map[string]bool{}
	err := Each(Options{Briefs: n, Seed: 1}, func(path string, data []byte) error {
		if !strings.HasPrefix(path, "content/situations/") {
			return nil
		}
		if slugs[path] {
			t.Errorf("%s written twice: slugs are not unique", path)
		}
		slugs[path] = true
		briefs++
		text := string(data)
		lines, body := split(t, path, text)
		for _, l := range lines {
			if v, ok := strings.CutPrefix(l, "states: "); ok {
				for _, c := range strings.Split(strings.Trim(v, "[]"), ", ") {
					states[c] = true
				}
			}
		}
		srebrenica += b2i(strings.Contains(text, "Srebrenica"))
		genocide += b2i(strings.Contains(body, "genocide"))
		for _, para := range strings.Split(body, "\n\n") {
			if para == "" || strings.ContainsAny(para[:1], "#|`[") {
				continue // headings, tables, code, footnotes
			}
			for _, s := range strings.SplitAfter(para, ". ") {
				sentences++
				embargo += b2i(strings.Contains(s, "arms embargo"))
			}
			if briefs <= 2000 {
				for _, w := range strings.Fields(para) {
					vocabulary[strings.ToLower(strings.Trim(w, ".,"))] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if briefs != n {
		t.Fatalf("%d briefs, want %d", briefs, n)
	}
	t.Logf("Srebrenica %d briefs, genocide %d briefs, arms embargo %d of %d sentences, %d words in 2,000 briefs",
		srebrenica, genocide, embargo, sentences, len(vocabulary))
	if srebrenica != 10 {
		t.Errorf("Srebrenica in %d briefs, want 10", srebrenica)
	}
	if genocide < n*9/10 {
		t.Errorf("genocide in only %d of %d briefs", genocide, n)
	}
	if rate := float64(embargo) / float64(sentences); rate < 0.015 || rate > 0.05 {
		t.Errorf("arms embargo in %.4f of %d sentences, want a few percent", rate, sentences)
	}
	if len(vocabulary) < 3000 {
		t.Errorf("only %d distinct words in 2,000 briefs", len(vocabulary))
	}
	for _, s := range registry.States() {
		if !states[s.Code] {
			t.Errorf("no brief is about %s", s.Code)
		}
	}
}

// readTable parses a CSV file of the site into records keyed by column.
func readTable(t *testing.T, files map[string][]byte, name string, columns []string) []map[string]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(files["content/data/"+name])).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", name, err)
	}
	if got := strings.Join(rows[0], ","); got != strings.Join(columns, ",") {
		t.Fatalf("%s: header %s, want %s", name, got, strings.Join(columns, ","))
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, c := range columns {
			m[c] = row[i]
		}
		out = append(out, m)
	}
	return out
}

func TestRatifications(t *testing.T) {
	files := Files(Options{Briefs: 1, Seed: 5})
	treaties := map[string]map[string]string{}
	for _, tr := range readTable(t, files, "treaties.csv",
		[]string{"id", "title", "short_title", "adopted", "in_force", "depositary", "category"}) {
		if !strings.HasPrefix(tr["title"], "Synthetic Treaty ") {
			t.Errorf("treaty title %q", tr["title"])
		}
		if tr["in_force"] != "" && tr["in_force"] <= tr["adopted"] {
			t.Errorf("%s in force %s, adopted %s", tr["id"], tr["in_force"], tr["adopted"])
		}
		treaties[tr["id"]] = tr
	}
	if len(treaties) != 30 {
		t.Errorf("%d treaties, want 30", len(treaties))
	}
	rows := readTable(t, files, "ratifications.csv",
		[]string{"state", "treaty", "signed", "action", "date", "effective", "withdrawn", "reservations", "source"})
	pairs := map[string]bool{}
	var consented, signedOnly, withdrawn int
	for i, r := range rows {
		line := "ratifications.csv:" + strconv.Itoa(i+2)
		tr, ok := treaties[r["treaty"]]
		if _, known := registry.Lookup(r["state"]); !ok || !known {
			t.Errorf("%s: unknown state or treaty", line)
			continue
		}
		if pairs[r["state"]+" "+r["treaty"]] {
			t.Errorf("%s: duplicate pair", line)
		}
		pairs[r["state"]+" "+r["treaty"]] = true
		switch {
		case r["action"] != "" && r["date"] != "":
			consented++
		case r["signed"] != "" && r["action"] == "" && r["date"] == "":
			signedOnly++
		default:
			t.Errorf("%s: needs signed, or action with date", line)
		}
		withdrawn += b2i(r["withdrawn"] != "")
		checkChronology(t, line, tr, r)
	}
	total := len(registry.States()) * len(treaties)
	if share := float64(consented) / float64(total); share < 0.6 || share > 0.8 {
		t.Errorf("%.2f of pairs consented, want about 0.7", share)
	}
	if total >= 1000 && (signedOnly == 0 || withdrawn == 0) {
		t.Errorf("%d signed only and %d withdrawn, want some of each", signedOnly, withdrawn)
	}
}

// checkChronology asserts adopted ≤ signed ≤ date ≤ effective < withdrawn
// ≤ as_of, with effective present exactly when the treaty is in force.
func checkChronology(t *testing.T, line string, tr, r map[string]string) {
	t.Helper()
	seq := []string{tr["adopted"], r["signed"], r["date"], r["effective"], r["withdrawn"], AsOf}
	last := ""
	for _, d := range seq {
		if d == "" {
			continue
		}
		if !dateRE.MatchString(d) || d < last {
			t.Errorf("%s: dates out of order: %v", line, seq)
			return
		}
		last = d
	}
	if r["withdrawn"] != "" && r["withdrawn"] <= r["effective"] {
		t.Errorf("%s: withdrawn %s not after effective %s", line, r["withdrawn"], r["effective"])
	}
	if inForce := tr["in_force"]; r["date"] != "" && (inForce == "") != (r["effective"] == "") {
		t.Errorf("%s: effective %q with in_force %q", line, r["effective"], inForce)
	} else if r["effective"] != "" && r["effective"] < inForce {
		t.Errorf("%s: effective %s before the treaty's entry into force %s", line, r["effective"], inForce)
	}
}

func TestCommitmentsAndCompliance(t *testing.T) {
	files := Files(Options{Briefs: 10, Seed: 6, Assessments: 3000, Treaties: 12, Commitments: 7})
	obligations := map[string]string{} // obligation -> adopted
	for _, tr := range readTable(t, files, "treaties.csv",
		[]string{"id", "title", "short_title", "adopted", "in_force", "depositary", "category"}) {
		obligations["treaty:"+tr["id"]] = tr["adopted"]
	}
	for _, c := range readTable(t, files, "commitments.csv",
		[]string{"id", "title", "kind", "adopted", "description", "url", "statuses"}) {
		if !strings.HasPrefix(c["title"], "Synthetic Commitment ") || c["statuses"] != "supporter;withdrawn" {
			t.Errorf("commitment %v", c)
		}
		obligations["commitment:"+c["id"]] = c["adopted"]
	}
	if len(obligations) != 19 {
		t.Errorf("%d obligations, want 12 treaties and 7 commitments", len(obligations))
	}
	pairs := map[string]bool{}
	for _, s := range readTable(t, files, "commitment_status.csv", []string{"state", "commitment", "status", "date", "source"}) {
		adopted, ok := obligations["commitment:"+s["commitment"]]
		_, known := registry.Lookup(s["state"])
		if !ok || !known || (s["status"] != "supporter" && s["status"] != "withdrawn") ||
			s["date"] < adopted || s["date"] > AsOf || pairs[s["state"]+s["commitment"]] {
			t.Errorf("bad commitment status %v", s)
		}
		pairs[s["state"]+s["commitment"]] = true
	}
	rows := readTable(t, files, "compliance.csv",
		[]string{"state", "obligation", "rating", "date", "summary", "evidence", "confidence"})
	if len(rows) != 3000 {
		t.Errorf("%d compliance rows, want 3000", len(rows))
	}
	keys := map[string]bool{}
	ratings := map[string]bool{"met": true, "partial": true, "not-met": true, "not-assessed": true}
	conf := map[string]bool{"high": true, "medium": true, "low": true}
	for _, c := range rows {
		adopted, ok := obligations[c["obligation"]]
		_, known := registry.Lookup(c["state"])
		key := c["state"] + " " + c["obligation"] + " " + c["date"]
		if !ok || !known || !ratings[c["rating"]] || !conf[c["confidence"]] || !dateRE.MatchString(c["date"]) ||
			c["date"] < adopted || c["date"] > AsOf || c["evidence"] == "" || keys[key] {
			t.Errorf("bad compliance row %v", c)
		}
		keys[key] = true
	}
	if def := Files(Options{Briefs: 15}); len(readTable(t, def, "compliance.csv",
		[]string{"state", "obligation", "rating", "date", "summary", "evidence", "confidence"})) != 15 {
		t.Error("Assessments: 0 does not give one row per brief")
	}
}

func TestSiteYAML(t *testing.T) {
	site := string(Files(Options{Briefs: 1})["content/site.yaml"])
	for _, want := range []string{"title: Synthetic benchmark site\n", "base_url: https://example.org/\n",
		"language: en\n", "description: ", "as_of: " + AsOf + "\n"} {
		if !strings.Contains(site, want) {
			t.Errorf("site.yaml lacks %q", want)
		}
	}
}

func BenchmarkBriefs(b *testing.B) {
	g, err := newGen(Options{Briefs: b.N, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sb.Reset()
		g.writeBrief(i, &sb)
	}
	b.SetBytes(int64(sb.Len()))
}
