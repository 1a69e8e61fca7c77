package model

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite want/errors in testdata/validate")

// buildArchive builds the site held by a txtar archive's files (all but
// those under want/).
func buildArchive(t *testing.T, a *txtar.Archive, opt Options) (*Site, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	var l diag.List
	src := source.Load(fsys, &l)
	return Build(src, opt, &l), &l
}

// TestValidate runs every testdata/validate/*.txtar: the site must produce
// exactly the problems in want/errors, one per line, in diag order.
func TestValidate(t *testing.T) {
	files, _ := filepath.Glob("testdata/validate/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, l := buildArchive(t, a, Options{})
			var got strings.Builder
			for _, e := range l.Errors() {
				got.WriteString(e.Error() + "\n")
			}
			for i, f := range a.Files {
				if f.Name != "want/errors" {
					continue
				}
				if *update {
					a.Files[i].Data = []byte(got.String())
					if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				if want := string(f.Data); got.String() != want {
					t.Errorf("problems differ\n got:\n%s\nwant:\n%s", got.String(), want)
				}
				return
			}
			t.Fatal("fixture has no want/errors")
		})
	}
}

func parseArchive(t *testing.T, text string) *txtar.Archive {
	t.Helper()
	return txtar.Parse([]byte(text))
}
