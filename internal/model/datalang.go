package model

import (
	"fmt"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/registry"
	"github.com/r2p-monitor/r2p/internal/source"
)

// Data in several languages. A translatable column (Column.Translatable)
// may be given again in another language in a column named NAME_LANG:
// title_fr, short_title_ar, description_es. The plain column is in the
// site's default language; LANG is one of the site's languages or one of
// the six official languages of the United Nations, so that a table can
// carry titles for languages the site does not publish yet. Any other
// suffix is an error at the column's name, as an unknown column is.

// dataLangs is what a NAME_LANG column may name.
type dataLangs struct {
	def  string          // the site's default language, given by the plain column
	ok   map[string]bool // the languages a suffix may name, lower case
	list []string        // the same, sorted, for messages
}

func (b *builder) dataLangs() dataLangs {
	c := &b.site.Config
	d := dataLangs{def: strings.ToLower(c.Language), ok: map[string]bool{}}
	for _, l := range append(append([]string(nil), registry.Languages...), c.Langs()...) {
		l = strings.ToLower(l)
		if l != "" && !d.ok[l] {
			d.ok[l] = true
			d.list = append(d.list, l)
		}
	}
	sort.Strings(d.list)
	return d
}

// translatedColumn splits NAME_LANG, where NAME is a translatable column
// of s. It does not check LANG.
func (s *Schema) translatedColumn(name string) (base, lang string, ok bool) {
	for _, c := range s.Columns {
		if !c.Translatable {
			continue
		}
		if l, found := strings.CutPrefix(name, c.Name+"_"); found && l != "" {
			return c.Name, l, true
		}
	}
	return "", "", false
}

// langProblem says what is wrong with the language of column NAME_LANG,
// or "" when nothing is.
func (d dataLangs) langProblem(name, base, lang string) string {
	l := strings.ToLower(lang)
	switch {
	case l == d.def:
		return fmt.Sprintf("column %q repeats %s: the plain column is already in the site's language (%s)", name, base, d.def)
	case !d.ok[l]:
		return fmt.Sprintf("column %q: %q is not one of the site's languages or the UN's six (%s)%s",
			name, lang, strings.Join(d.list, ", "), diag.Suggest(l, d.list))
	}
	return ""
}

// unknownColumn reports a column the schema does not list, unless it is a
// translation of one it does, with a language the site knows.
func (tr *tableReader) unknownColumn(c source.Cell, names []string) {
	if base, lang, ok := tr.schema.translatedColumn(c.Name); ok {
		if msg := tr.langs.langProblem(c.Name, base, lang); msg != "" {
			tr.l.Addf(tr.t.KeyPos(c), "%s", msg)
		}
		return
	}
	tr.l.Addf(tr.t.KeyPos(c), "unknown column %q in table %s%s", c.Name, tr.schema.Name, diag.Suggest(c.Name, names))
}

// translations reads the NAME_LANG columns of base: language (lower case)
// -> text, without the empty cells and the columns already reported. It is
// nil when there are none.
func (rr rowReader) translations(base string) map[string]string {
	var out map[string]string
	for _, c := range rr.r.Cells {
		b, lang, ok := rr.tr.schema.translatedColumn(c.Name)
		if !ok || b != base || rr.tr.langs.langProblem(c.Name, b, lang) != "" {
			continue
		}
		if s := rr.str(c.Name); s != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[strings.ToLower(lang)] = s
		}
	}
	return out
}

// TitleIn is the treaty's title in lang, when something gives it: the
// table's title_LANG column, else the official title the built-in registry
// holds for the treaty (found by its UN Treaty Collection number, or by its
// English title). The title in the site's default language is Title.
func (t *Treaty) TitleIn(lang string) (string, bool) {
	lang = strings.ToLower(lang)
	if s, ok := t.Titles[lang]; ok {
		return s, true
	}
	return registry.TreatyTitle(t.UNTC, t.Title, lang)
}

// NameIn is the treaty's short name in lang: short_title_LANG, else its
// title in lang (TitleIn). A full title in the reader's language serves
// better than a short one in another.
func (t *Treaty) NameIn(lang string) (string, bool) {
	if s, ok := t.ShortTitles[strings.ToLower(lang)]; ok {
		return s, true
	}
	return t.TitleIn(lang)
}

// TitleIn is the commitment's title_LANG column.
func (c *Commitment) TitleIn(lang string) (string, bool) {
	s, ok := c.Titles[strings.ToLower(lang)]
	return s, ok
}

// DescriptionIn is the commitment's description_LANG column.
func (c *Commitment) DescriptionIn(lang string) (string, bool) {
	s, ok := c.Descriptions[strings.ToLower(lang)]
	return s, ok
}
