package build

import (
	"fmt"
	"strings"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/render"
	"github.com/r2p-monitor/r2p/internal/search"
)

// pageDoc describes a content page or brief to the search index. A served
// site's pages show their text in elements marked data-search-body, where
// the client reads a result's snippet, so the index keeps no copy of it.
func pageDoc(m *model.Site, p *model.Page, doc markdown.Doc) search.Doc {
	d := search.Doc{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Date: p.Date.String(), Text: doc.Text,
		TextOnPage: !m.Config.Offline}
	if p.Kind == model.KindHome {
		d.Kind = "page"
	}
	if p.Brief != nil {
		d.Risk = p.Brief.Risk
		d.States = p.Brief.States
		d.Region = regions(m, p.Brief.States)
		d.Summary = p.Summary
	}
	return d
}

// regions lists the distinct regions of states, in their order.
func regions(m *model.Site, codes []string) []string {
	var out []string
	for _, c := range codes {
		st, ok := m.State(c)
		if !ok || st.Region == "" {
			continue
		}
		dup := false
		for _, r := range out {
			dup = dup || r == st.Region
		}
		if !dup {
			out = append(out, st.Region)
		}
	}
	return out
}

// dataDocs describes states, treaties and commitments: each is found by
// its name (or code) and shown as a card when a query names it exactly.
func dataDocs(m *model.Site, t func(string, ...any) string) []search.Doc {
	asOf := m.Config.AsOf
	var docs []search.Doc
	for _, st := range m.States {
		card := &search.Card{Title: st.Name, Subtitle: strings.TrimPrefix(st.Region+" · "+st.Subregion, " · ")}
		if len(st.Briefs) > 0 {
			if level, ok := m.Config.Risk(st.Briefs[0].Brief.Risk); ok {
				card.Facts = append(card.Facts, [2]string{t("state.risk"), level.Label})
			}
		}
		if len(m.Treaties) > 0 {
			card.Facts = append(card.Facts, [2]string{t("state.joined"), fmt.Sprintf("%d / %d", st.Joined(asOf), len(m.Treaties))})
		}
		var text strings.Builder
		text.WriteString(st.Name + " " + st.Code + " " + st.Region + " " + st.Subregion)
		for _, b := range st.Briefs {
			text.WriteString("\n" + b.Title)
		}
		docs = append(docs, search.Doc{
			URL: render.StateURL(st.Code), Title: st.Name, Kind: "state", States: []string{st.Code},
			Region: regions(m, []string{st.Code}), Text: text.String(), Card: card, Names: []string{st.Name, st.Code},
		})
	}
	for _, tr := range m.Treaties {
		counts := tr.CountOn(asOf)
		card := &search.Card{Title: tr.Title, Subtitle: tr.Depositary,
			Facts: [][2]string{{t("treaty.parties"), fmt.Sprint(counts.Parties())}}}
		names := []string{tr.Title, tr.ID}
		if tr.ShortTitle != "" {
			names = append(names, tr.ShortTitle)
		}
		docs = append(docs, search.Doc{
			URL: render.TreatyURL(tr.ID), Title: tr.Name(), Kind: "treaty", Date: tr.Adopted.String(),
			Text: tr.Title + "\n" + tr.ShortTitle + "\n" + tr.Depositary + "\n" + tr.Category, Card: card, Names: names,
		})
	}
	for _, c := range m.Commitments {
		docs = append(docs, search.Doc{
			URL: render.CommitmentURL(c.ID), Title: c.Title, Kind: "commitment", Date: c.Adopted.String(),
			Text: c.Title + "\n" + c.Description, Card: &search.Card{Title: c.Title, Subtitle: c.Kind},
			Names: []string{c.Title, c.ID},
		})
	}
	return docs
}

// searchURLs lists every page the index may hold, so that it can number
// them before they are added (see search.Index.Plan): each page in its own
// language (translations under their prefix; lists are not indexed), then
// the states, treaties and commitments.
func searchURLs(m *model.Site) []string {
	var urls []string
	for _, p := range m.Pages {
		if !render.IsList(p.URL) {
			urls = append(urls, p.URL)
		}
	}
	for _, t := range m.Translations {
		if !render.IsList(t.Original.URL) {
			urls = append(urls, t.URL)
		}
	}
	for _, st := range m.States {
		urls = append(urls, render.StateURL(st.Code))
	}
	for _, t := range m.Treaties {
		urls = append(urls, render.TreatyURL(t.ID))
	}
	for _, c := range m.Commitments {
		urls = append(urls, render.CommitmentURL(c.ID))
	}
	return urls
}
