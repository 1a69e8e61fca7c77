package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// headSite is n pages in English and French whose words repeat with
// different frequencies, so that each word has many pages and many
// scores: enough for the first page of a query to be a real choice.
func headSite(n int) (docs []Doc, langs []string) {
	vocab := strings.Fields("arms embargo genocide civilians refugees ceasefire sanctions tribunal " +
		"monitoring atrocity displacement militia famine blockade mediation")
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		var text []string
		for range 10 + r.IntN(60) {
			text = append(text, vocab[int(float64(len(vocab))*r.Float64()*r.Float64())])
		}
		lang := "en"
		if i%3 == 0 {
			lang = "fr"
		}
		docs = append(docs, Doc{
			URL:   fmt.Sprintf("/situations/p%03d/", i),
			Title: vocab[r.IntN(len(vocab))] + " " + vocab[r.IntN(len(vocab))],
			Kind:  "brief", Date: fmt.Sprintf("20%02d-01-01", r.IntN(25)),
			Region: []string{[]string{"Africa", "Asia", "Europe"}[r.IntN(3)]},
			Text:   strings.Join(text, " "),
		})
		langs = append(langs, lang)
	}
	return docs, langs
}

// TestHeads: a query of one word shows its whole first page from the
// heads ("m") of the shards it fetched, before any fragment arrives,
// whatever the search page's language and whether or not the word is
// still being typed; and a head is what the doc's fragment begins with
// (the client checks that; see search). The doc a name finds is a head
// too, so a card's query shows its first result at once.
func TestHeads(t *testing.T) {
	docs, langs := headSite(300)
	ix := NewIndex("en")
	for i, d := range docs {
		ix.Add(Analyze(d, langs[i]))
	}
	for _, d := range smallSite() {
		ix.Add(Analyze(d, "en"))
	}
	files := ix.Files(false)
	for _, lang := range []string{"en", "fr", "de"} {
		for _, q := range []string{"genocide", "genocide ", "embargo ", "famine", "medi", "civilian", "a"} {
			c := newClient(t, files)
			c.lang = lang
			res := c.search(q, nil)
			if len(res.ids) < pageSize && q != "a" {
				t.Fatalf("%q finds %d docs: too few to test", q, len(res.ids))
			}
			if want := min(pageSize, len(res.ids)); res.early != want {
				t.Errorf("page in %s, %q: %d of the first %d results have heads", lang, q, res.early, want)
			}
		}
	}
	c := newClient(t, files)
	if res := c.search("Syrian Arab Republic", nil); res.card < 0 || res.early < 1 {
		t.Errorf("Syrian Arab Republic: card %d, %d results with heads", res.card, res.early)
	}
	// A phrase is verified against each fragment's text, so it shows
	// nothing before the fragments.
	if res := newClient(t, files).search(`"arms embargo"`, nil); res.early != 0 {
		t.Errorf(`"arms embargo": %d results shown from heads`, res.early)
	}
}
