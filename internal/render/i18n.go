package render

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
)

// i18n looks up interface strings. Every string a template shows goes
// through it, so that a language can be added by adding one file:
// i18n/LANG.yaml, a flat mapping of keys to text, or, for a string that
// holds a count, to its plural forms (plural.go). A site's own i18n/ files
// override the built-in ones key by key.
type i18n struct {
	lang     string
	fallback string
	strings  map[string]map[string]translation // language -> key -> text

	sepOnce sync.Once
	sep     string // the decimal separator of lang's numbers
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
	t := &i18n{lang: lang, fallback: fallback, strings: map[string]map[string]translation{}}
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
		m = map[string]translation{}
		t.strings[lang] = m
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch v.Kind {
		case yaml.ScalarNode:
			m[k.Value] = translation{text: v.Value}
		case yaml.MappingNode:
			if msg, ok := pluralMessage(f, k.Value, v, l); ok {
				m[k.Value] = msg
			}
		default:
			l.Addf(diag.Pos{Path: f, Line: v.Line, Col: v.Column}, "translation of %q must be text, or plural forms (zero, one, two, few, many, other)", k.Value)
		}
	}
}

// pluralMessage reads the plural forms of key: a mapping of CLDR category
// names to texts, which must give "other".
func pluralMessage(f, key string, v *yaml.Node, l *diag.List) (translation, bool) {
	msg := translation{forms: map[plural.Form]string{}}
	ok := true
	for i := 0; i+1 < len(v.Content); i += 2 {
		c, text := v.Content[i], v.Content[i+1]
		form, known := pluralNames[c.Value]
		switch {
		case !known:
			l.Addf(diag.Pos{Path: f, Line: c.Line, Col: c.Column}, "%q is not a plural category (zero, one, two, few, many, other)%s", c.Value, diag.Suggest(c.Value, pluralOrder))
			ok = false
		case text.Kind != yaml.ScalarNode:
			l.Addf(diag.Pos{Path: f, Line: text.Line, Col: text.Column}, "plural form %q of %q must be text", c.Value, key)
			ok = false
		default:
			msg.forms[form] = text.Value
		}
	}
	if _, has := msg.forms[plural.Other]; !has && ok {
		l.Addf(diag.Pos{Path: f, Line: v.Line, Col: v.Column}, "plural forms of %q lack \"other\", which every language uses", key)
		ok = false
	}
	return msg, ok
}

// T returns the text for key in the site's language, falling back to
// English and then to the key itself, so a missing string shows up plainly
// rather than as an empty element.
//
// A plural string's form is chosen by the rule of the language its text is
// taken from, so a fallback to English takes the English form.
func (t *i18n) T(key string, args ...any) string {
	s, count := key, -1
	for _, lang := range []string{t.lang, t.fallback, "en"} {
		if m, ok := t.strings[lang][key]; ok {
			var n operand
			if m.forms != nil {
				n, count = t.countOf(args)
			}
			s = m.pick(lang, n, count >= 0)
			break
		}
	}
	if len(args) > 0 {
		return sprintf(s, args, count)
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
		return n.text
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
