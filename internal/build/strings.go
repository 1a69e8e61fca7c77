package build

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/render"
	"github.com/r2p-monitor/r2p/internal/source"
	"go.yaml.in/yaml/v3"
)

// MissingStrings lists, for each of the site's languages, the interface
// strings its translation file lacks. They are not errors: a page shows the
// default language's text instead (English, or at last the key itself, where
// the default language lacks it too), and r2p check lists them so that a
// translator knows what is left.
//
// A language's strings are those of the file the build reads: the site's
// i18n/LANG.yaml where it has one, which hides the built-in file of that
// language as a whole, or else the built-in file. The strings every
// language should have are those of the default language's files, the
// site's and the built-in one together. A plural string (one text per CLDR
// plural category) counts as present; one that lacks a category its
// language uses for whole numbers (Russian "few", say) is listed too, as
// the count then takes the "other" form.
func MissingStrings(site, defaults fs.FS) []string {
	var l diag.List
	cfg := &yaml.Node{Kind: yaml.MappingNode}
	if data, err := fs.ReadFile(site, source.ConfigPath); err == nil {
		if n := source.ParseYAML(source.ConfigPath, data, 0, &l); n != nil {
			cfg = n
		}
	}
	m := model.Build(&source.Site{Config: cfg}, model.Options{}, &l)
	def := m.Config.Language
	want := stringKeys(site, def)
	for k := range stringKeys(defaults, def) {
		want[k] = nil
	}
	var out []string
	for _, lang := range m.Config.Langs() {
		// A site's file overrides the built-in one key by key, so a key
		// either gives is there.
		have := stringKeys(defaults, lang)
		for k, v := range stringKeys(site, lang) {
			have[k] = v
		}
		out = append(out, missingForms(lang, have)...)
		var missing []string
		for k := range want {
			if have[k] == nil {
				missing = append(missing, k)
			}
		}
		if len(missing) == 0 {
			continue
		}
		sort.Strings(missing)
		what, shown := "not translated", "shown in "+def
		if lang == def {
			what, shown = "missing", "shown as their keys"
			if def != "en" {
				shown = "shown in en"
			}
		}
		out = append(out, fmt.Sprintf("i18n/%s.yaml: %d interface %s %s (%s): %s",
			lang, len(missing), plural(len(missing), "string", "strings"), what, shown, strings.Join(missing, ", ")))
	}
	return out
}

// missingForms lists the plural strings of lang that lack a category the
// language uses, as one line, or none.
func missingForms(lang string, have map[string]map[string]bool) []string {
	var lacking []string
	for k, forms := range have {
		var gaps []string
		for _, c := range render.PluralCategories(lang) {
			if len(forms) > 0 && !forms[c] {
				gaps = append(gaps, c)
			}
		}
		if len(gaps) > 0 {
			lacking = append(lacking, k+" ("+strings.Join(gaps, " ")+")")
		}
	}
	if len(lacking) == 0 {
		return nil
	}
	sort.Strings(lacking)
	return []string{fmt.Sprintf("i18n/%s.yaml: %d plural %s without every form the language uses (the \"other\" form is shown): %s",
		lang, len(lacking), plural(len(lacking), "string", "strings"), strings.Join(lacking, ", "))}
}

// stringKeys reads the keys of i18n/LANG.yaml in fsys, each with the
// plural categories it gives (an empty set for a plain text).
func stringKeys(fsys fs.FS, lang string) map[string]map[string]bool {
	keys := map[string]map[string]bool{}
	data, err := fs.ReadFile(fsys, "i18n/"+lang+".yaml")
	if err != nil {
		return keys
	}
	var m map[string]any
	if yaml.Unmarshal(data, &m) == nil {
		for k, v := range m {
			forms := map[string]bool{}
			if f, ok := v.(map[string]any); ok {
				for c := range f {
					forms[c] = true
				}
			}
			keys[k] = forms
		}
	}
	return keys
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
