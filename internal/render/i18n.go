package render

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
	"go.yaml.in/yaml/v3"
)

// i18n looks up interface strings. Every string a template shows goes
// through it, so that a language can be added by adding one file:
// i18n/LANG.yaml, a flat mapping of keys to text. A site's own i18n/ files
// override the built-in ones key by key.
type i18n struct {
	lang     string
	fallback string
	strings  map[string]map[string]string // language -> key -> text
}

// Layered is a file system made of layers, the lowest first, in which a
// higher layer's file hides a lower one's (a site over the built-in
// defaults). Interface strings are read from every layer in turn, so that
// a site's i18n/fr.yaml overrides the built-in French key by key rather
// than replacing the whole file.
type Layered interface {
	fs.FS
	Layers() []fs.FS
}

func loadI18n(fsys fs.FS, lang, fallback string, l *diag.List) *i18n {
	t := &i18n{lang: lang, fallback: fallback, strings: map[string]map[string]string{}}
	layers := []fs.FS{fsys}
	if lf, ok := fsys.(Layered); ok {
		layers = lf.Layers()
	}
	for _, layer := range layers {
		files, _ := fs.Glob(layer, "i18n/*.yaml")
		sort.Strings(files)
		for _, f := range files {
			data, err := fs.ReadFile(layer, f)
			if err != nil {
				l.Addf(diag.Pos{Path: f}, "cannot read: %v", err)
				continue
			}
			t.load(f, data, l)
		}
	}
	return t
}

func (t *i18n) load(f string, data []byte, l *diag.List) {
	data, bad := source.Normalize(f, data)
	if bad != nil {
		l.Append(*bad)
		return
	}
	root := source.ParseYAML(f, data, 0, l)
	if root == nil {
		return
	}
	lang := strings.TrimSuffix(path.Base(f), ".yaml")
	m := t.strings[lang]
	if m == nil {
		m = map[string]string{}
		t.strings[lang] = m
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			l.Addf(diag.Pos{Path: f, Line: v.Line, Col: v.Column}, "translation of %q must be text", k.Value)
			continue
		}
		m[k.Value] = v.Value
	}
}

// T returns the text for key in the site's language, falling back to
// English and then to the key itself, so a missing string shows up plainly
// rather than as an empty element.
func (t *i18n) T(key string, args ...any) string {
	s, ok := t.strings[t.lang][key]
	if !ok {
		s, ok = t.strings[t.fallback][key]
	}
	if !ok && t.fallback != "en" {
		s, ok = t.strings["en"][key]
	}
	if !ok {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key has a translation in the renderer's own
// language (not a fallback); `r2p check` lists the missing ones.
func (t *i18n) Has(key string) bool {
	_, ok := t.strings[t.lang][key]
	return ok
}

// nameOf is a language's own name ("Français"), from that language's
// lang.name string, or its code.
func (t *i18n) nameOf(code string) string {
	if n, ok := t.strings[code]["lang.name"]; ok {
		return n
	}
	return code
}

// Translate returns one interface string in lang, read from fsys's i18n/
// files, for the parts of a build that run before a renderer exists (the
// Markdown converter's link labels).
func Translate(fsys fs.FS, lang, fallback, key string) string {
	var l diag.List
	return loadI18n(fsys, lang, fallback, &l).T(key)
}
