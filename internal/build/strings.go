package build

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/source"
	"go.yaml.in/yaml/v3"
)

// MissingStrings lists, for each of the site's languages other than the
// default, the interface strings its translation file lacks. They are not
// errors: a page shows the default language's text instead, and r2p check
// lists them so that a translator knows what is left.
func MissingStrings(site, defaults fs.FS) []string {
	var l diag.List
	cfg := &yaml.Node{Kind: yaml.MappingNode}
	if data, err := fs.ReadFile(site, source.ConfigPath); err == nil {
		if n := source.ParseYAML(source.ConfigPath, data, 0, &l); n != nil {
			cfg = n
		}
	}
	m := model.Build(&source.Site{Config: cfg}, model.Options{}, &l)
	layers := Overlay{Upper: site, Lower: defaults}
	want := stringKeys(layers, m.Config.Language)
	var out []string
	for _, lang := range m.Config.Langs()[1:] {
		have := stringKeys(layers, lang)
		var missing []string
		for k := range want {
			if !have[k] {
				missing = append(missing, k)
			}
		}
		if len(missing) == 0 {
			continue
		}
		sort.Strings(missing)
		out = append(out, fmt.Sprintf("i18n/%s.yaml: %d interface %s not translated (shown in %s): %s",
			lang, len(missing), plural(len(missing), "string", "strings"), m.Config.Language, strings.Join(missing, ", ")))
	}
	return out
}

// stringKeys reads the keys of i18n/LANG.yaml (the site's file over the
// built-in one).
func stringKeys(fsys fs.FS, lang string) map[string]bool {
	keys := map[string]bool{}
	for _, layer := range []fs.FS{fsys.(Overlay).Lower, fsys.(Overlay).Upper} {
		data, err := fs.ReadFile(layer, "i18n/"+lang+".yaml")
		if err != nil {
			continue
		}
		var m map[string]any
		if yaml.Unmarshal(data, &m) == nil {
			for k := range m {
				keys[k] = true
			}
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
