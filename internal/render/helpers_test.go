package render

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/source"
	"golang.org/x/tools/txtar"
)

// defaultsWith is the built-in templates, static files and translations,
// with extra appended to i18n/LANG.yaml.
func defaultsWith(t *testing.T, lang, extra string) fstest.MapFS {
	t.Helper()
	defaults := fstest.MapFS{}
	err := fs.WalkDir(r2p.Defaults, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(r2p.Defaults, p)
		defaults[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f := "i18n/" + lang + ".yaml"
	defaults[f] = &fstest.MapFile{Data: append(append([]byte(nil), defaults[f].Data...), "\n"+extra...)}
	return defaults
}

// siteFS holds the files of a txtar archive.
func siteFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// langRenderer models the site in fsys and returns its renderer for lang,
// failing the test on any problem. l collects what rendering reports.
func langRenderer(t *testing.T, fsys, defaults fs.FS, lang string, l *diag.List) (*Renderer, *model.Site) {
	t.Helper()
	site := model.Build(source.Load(fsys, l), model.Options{}, l)
	r := NewLang(site, markdown.New(markdown.Config{}), defaults, "test", lang, l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	return r, site
}
