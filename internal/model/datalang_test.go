package model

import "testing"

// TestTranslatedColumns reads NAME_LANG columns from CSV and YAML: the
// values are kept by language, blank cells are dropped, and TitleIn,
// NameIn and DescriptionIn answer from them.
func TestTranslatedColumns(t *testing.T) {
	a := parseArchive(t, `
-- content/site.yaml --
language: en
languages: [fr, ar]
-- content/data/treaties.csv --
id,title,short_title,title_fr,short_title_fr,title_ar
model,Model Treaty,Model,Traité type,,
-- content/data/commitments.yaml --
- id: pledge
  title: Pledge
  title_fr: Engagement
  description: Text.
  description_es: Texto.
`)
	site, l := buildArchive(t, a, Options{})
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	tr, _ := site.Treaty("model")
	if s, ok := tr.TitleIn("fr"); !ok || s != "Traité type" {
		t.Errorf("TitleIn(fr) = %q, %v", s, ok)
	}
	if s, ok := tr.NameIn("fr"); !ok || s != "Traité type" {
		t.Errorf("NameIn(fr) = %q, %v; want the French title, short_title_fr being blank", s, ok)
	}
	if s, ok := tr.TitleIn("ar"); ok {
		t.Errorf("TitleIn(ar) = %q; the cell is blank", s)
	}
	if len(tr.Titles) != 1 || tr.ShortTitles != nil {
		t.Errorf("Titles %v, ShortTitles %v", tr.Titles, tr.ShortTitles)
	}
	c, _ := site.Commitment("pledge")
	if s, ok := c.TitleIn("FR"); !ok || s != "Engagement" {
		t.Errorf("commitment TitleIn(FR) = %q, %v", s, ok)
	}
	if s, ok := c.DescriptionIn("es"); !ok || s != "Texto." {
		t.Errorf("DescriptionIn(es) = %q, %v", s, ok)
	}
}
