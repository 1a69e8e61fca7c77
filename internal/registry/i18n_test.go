package registry

// This test checks the built-in interface translations in i18n/ (../../ from
// here). No Go package may live in i18n/, which is embedded as data, so the
// check lives beside the other reference data.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// translatedLanguages are the i18n files beside en.yaml: the other five
// official languages of the United Nations.
var translatedLanguages = []string{"ar", "zh", "fr", "ru", "es"}

// fmtVerb matches a fmt verb such as %s, %d, %5.2f or %[1]s (and %%).
var fmtVerb = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]`)

// pluralCategories are the CLDR plural categories a plural string may give.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// readI18n parses i18n/LANG.yaml as a flat mapping and returns its keys in
// file order and its values. A plural string (a mapping of CLDR plural
// categories to texts) gives its "other" form; each of its forms must use
// the verbs of "other", or all of them but the count, which a form may
// leave out (Arabic "دولة واحدة").
func readI18n(t *testing.T, lang string) ([]string, map[string]string) {
	t.Helper()
	path := filepath.Join("..", "..", "i18n", lang+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: not a mapping", path)
	}
	root := doc.Content[0]
	var keys []string
	vals := map[string]string{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind == yaml.MappingNode {
			v = pluralOther(t, path, k.Value, v)
		}
		if v == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode {
			t.Errorf("%s:%d: value of %q is not text", path, v.Line, k.Value)
			continue
		}
		if _, dup := vals[k.Value]; dup {
			t.Errorf("%s:%d: duplicate key %q", path, k.Line, k.Value)
		}
		keys = append(keys, k.Value)
		vals[k.Value] = v.Value
	}
	return keys, vals
}

// pluralOther checks the forms of a plural string and returns its "other"
// form, or nil.
func pluralOther(t *testing.T, path, key string, v *yaml.Node) *yaml.Node {
	t.Helper()
	forms := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		c, text := v.Content[i], v.Content[i+1]
		if !slices.Contains(pluralCategories, c.Value) || text.Kind != yaml.ScalarNode {
			t.Errorf("%s:%d: %q is not a plural category with a text", path, c.Line, c.Value)
			continue
		}
		forms[c.Value] = text
	}
	other := forms["other"]
	if other == nil {
		t.Errorf("%s:%d: plural string %q has no \"other\" form", path, v.Line, key)
		return nil
	}
	all := verbs(other.Value)
	_, rest, _ := strings.Cut(all, " ")
	if !strings.Contains(all, " ") {
		rest = ""
	}
	for c, text := range forms {
		if got := verbs(text.Value); got != all && got != rest {
			t.Errorf("%s:%d: %s form of %q has verbs %q, its other form %q", path, text.Line, c, key, got, all)
		}
	}
	return other
}

func verbs(s string) string { return strings.Join(fmtVerb.FindAllString(s, -1), " ") }

// languageKeys are keys each translation must have that en.yaml need not.
func languageKeys() []string {
	keys := []string{"date.format", "lang.name"}
	for m := 1; m <= 12; m++ {
		keys = append(keys, fmt.Sprintf("month.%d", m))
	}
	return keys
}

func TestI18nTranslations(t *testing.T) {
	enKeys, en := readI18n(t, "en")
	for _, lang := range translatedLanguages {
		t.Run(lang, func(t *testing.T) {
			keys, tr := readI18n(t, lang)
			// Keys added to en.yaml after a translation was written are
			// reported, not failed: the build falls back to English and
			// `r2p check` lists the missing strings.
			var missing []string
			for _, k := range enKeys {
				if _, ok := tr[k]; !ok {
					missing = append(missing, k)
				}
			}
			if len(missing) > 0 {
				t.Logf("%d of %d keys of en.yaml not yet translated: %s", len(missing), len(enKeys), strings.Join(missing, ", "))
			}
			if len(missing)*10 > len(enKeys) {
				t.Errorf("%d of %d keys of en.yaml missing (more than 10%%)", len(missing), len(enKeys))
			}
			for _, k := range enKeys {
				v, ok := tr[k]
				if !ok {
					continue
				}
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: empty translation", k)
				}
				if got, want := verbs(v), verbs(en[k]); got != want {
					t.Errorf("%s: fmt verbs %q, en.yaml has %q (%q)", k, got, want, v)
				}
			}
			for _, k := range languageKeys() {
				if strings.TrimSpace(tr[k]) == "" {
					t.Errorf("%s: missing or empty", k)
				}
			}
			if f := tr["date.format"]; !strings.Contains(f, "{y}") || !strings.Contains(f, "{d}") ||
				!strings.Contains(f, "{month}") && !strings.Contains(f, "{m}") {
				t.Errorf("date.format %q lacks {d}, {y} and {month} or {m}", f)
			}
			// Keys neither in en.yaml nor language keys are likely typos.
			extra := append(languageKeys(), "lang.switch", "lang.fallback")
			for _, k := range keys {
				if _, ok := en[k]; !ok && !slices.Contains(extra, k) {
					t.Logf("%s: key not in en.yaml", k)
				}
			}
		})
	}
}

func TestFmtVerbPattern(t *testing.T) {
	for s, want := range map[string]string{
		"All %d situations rated “%s”": "%d %s",
		"%s's withdrawal from the %s":  "%s %s",
		"100%% and %5.2f":              "%% %5.2f",
		"no verbs":                     "",
	} {
		if got := verbs(s); got != want {
			t.Errorf("verbs(%q) = %q, want %q", s, got, want)
		}
	}
}
