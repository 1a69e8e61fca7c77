package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/sitetest"
	"github.com/r2p-monitor/r2p/internal/source"
)

// Pathological input builds in time proportional to its size or fails
// with a clear error; it never hangs. Each case has a generous deadline,
// and logs its time (go test -v -run Pathological ./internal/check).

// laughs is YAML's "billion laughs": nine levels of nine aliases to the
// level below, a billion strings if expanded, a kilobyte as written.
func laughs(indent string) string {
	var b strings.Builder
	b.WriteString(indent + `l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "%sl%d: &l%d [%s]\n", indent, i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d,", i-1), 9), ","))
	}
	return b.String()
}

const briefHead = "---\ntitle: T\nstates: [SYR]\nrisk: current-crisis\ndate: 2016-07-22\n"

func TestPathologicalBuilds(t *testing.T) {
	if raceEnabled {
		t.Skip("-race: timings under the race detector say nothing about real builds")
	}
	bigLine := strings.Repeat("atrocity prevention ", (10<<20)/20)
	cases := []struct {
		name    string
		files   map[string]string
		wantErr string // "" means the build must succeed
	}{
		{"billion laughs in front matter", map[string]string{
			"content/situations/x.md": briefHead + laughs("") + "tags: *l9\n---\nbody\n",
		}, "unknown key"},
		{"billion laughs under a known key", map[string]string{
			"content/situations/x.md": "---\ntitle: T\nstates: [SYR]\nrisk: current-crisis\ndate: 2016-07-22\ntags: &t [" +
				strings.TrimSuffix(strings.Repeat(`"lol",`, 9), ",") + "]\nrisk_factors: *t\nsources: *t\n---\nbody\n",
		}, "risk factor must be a whole number"},
		{"billion laughs in a YAML table", map[string]string{
			"content/data/ratifications.yaml": laughs("") + "records:\n  - {state: SYR, treaty: genocide-convention, action: accession, date: 1955-06-25, reservations: *l9}\n",
		}, "ratifications.yaml"},
		{"billion laughs in site.yaml", map[string]string{
			"content/site.yaml": "title: T\n" + laughs("") + "description: *l9\n",
		}, "site.yaml"},
		{"10 MB line in Markdown", map[string]string{"content/situations/x.md": briefHead + "---\n" + bigLine + "\n"}, ""},
		{"10 MB title", map[string]string{"content/situations/x.md": briefHead[:4] + "title: \"" + bigLine[:10<<20-1] + "\"\nstates: [SYR]\nrisk: current-crisis\ndate: 2016-07-22\n---\nx\n"}, ""},
		{"10 MB CSV cell", map[string]string{"content/data/states.csv": "code,name,note\nSYR,Syria," + bigLine + "\n"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := fstest.MapFS{"content/site.yaml": {Data: []byte("title: T\nas_of: 2016-07-22\n")}}
			for name, data := range tc.files {
				site[name] = &fstest.MapFile{Data: []byte(data)}
			}
			d, err := withDeadline(t, 30*time.Second, func() error { _, err := sitetest.Run(site, build.Options{}); return err })
			t.Logf("%v", d)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("build failed:\n%.2000v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("got %.2000v, want an error mentioning %q", err, tc.wantErr)
			}
			if err != nil && len(err.Error()) > 100_000 {
				t.Errorf("the error is %d bytes long: a problem should name the place, not repeat the input", len(err.Error()))
			}
		})
	}
}

// A large data file is read in time proportional to its size, with every
// record's position: CSV at 100 MB. JSON reads at about 3 MB/s (token by
// token, see the report) and YAML is read whole into a node tree (YAML
// tables are meant to be small and hand-written), so they are tried at 10
// and 10 MB to keep go test quick. Skipped with -short.
func TestLargeDataFiles(t *testing.T) {
	if raceEnabled {
		t.Skip("-race: timings under the race detector say nothing about real builds")
	}
	if testing.Short() {
		t.Skip("-short: not writing 100 MB files")
	}
	dir := t.TempDir()
	row := "SYR,genocide-convention,,accession,1955-06-25,,,\"none, as of \"\"now\"\"\",A/70/999-S/2016/620\n"
	cases := []struct {
		name, file string
		size       int
		head, row  string
		tail       string
	}{
		{"100 MB CSV", "ratifications.csv", 100 << 20, "state,treaty,signed,action,date,effective,withdrawn,reservations,source\n", row, ""},
		{"10 MB JSON", "ratifications.json", 10 << 20, "[\n", `{"state": "SYR", "treaty": "genocide-convention", "action": "accession", "date": "1955-06-25", "source": "A/70/999"},` + "\n", `{"state": "SYR"}]`},
		{"10 MB YAML", "ratifications.yaml", 10 << 20, "", "- {state: SYR, treaty: genocide-convention, action: accession, date: 1955-06-25, source: A/70/999}\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.file)
			n := writeRepeated(t, p, tc.head, tc.row, tc.tail, tc.size)
			var tb *source.Table
			var l diag.List
			d, _ := withDeadline(t, 60*time.Second, func() error {
				tb = source.ReadTableFile(os.DirFS(dir), tc.file, &l)
				return nil
			})
			t.Logf("%d MB, %d rows: %v (%.0f MB/s)", n>>20, len(tb.Rows), d, float64(n)/(1<<20)/d.Seconds())
			if l.Len() > 0 || tb.Invalid {
				t.Errorf("problems: %.500v", l.Err())
			}
			if last := tb.Rows[len(tb.Rows)-1]; last.Line < len(tb.Rows) {
				t.Errorf("last row at line %d of %d rows", last.Line, len(tb.Rows))
			}
		})
	}
}

func writeRepeated(t *testing.T, p, head, row, tail string, size int) int {
	t.Helper()
	var b strings.Builder
	b.Grow(size + len(row))
	b.WriteString(head)
	for b.Len() < size {
		b.WriteString(row)
	}
	b.WriteString(tail)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// withDeadline runs f, failing the test if it has not returned by the
// deadline; the goroutine is abandoned, as a hung parser cannot be
// stopped.
func withDeadline(t *testing.T, deadline time.Duration, f func() error) (time.Duration, error) {
	t.Helper()
	type result struct {
		d   time.Duration
		err error
	}
	done := make(chan result, 1)
	go func() {
		start := time.Now()
		err := f()
		done <- result{time.Since(start), err}
	}()
	select {
	case r := <-done:
		return r.d, r.err
	case <-time.After(deadline):
		t.Fatalf("did not finish within %v", deadline)
		return 0, nil
	}
}
