package render

import (
	"html/template"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
)

// titleOf returns the title a content page at url gives its list, or def.
func (r *Renderer) titleOf(url, def string) (string, string) {
	if p, ok := r.site.Page(url); ok {
		return p.Title, p.Summary
	}
	return r.i18n.T(def), ""
}

func (r *Renderer) homePage(intro markdown.Doc) HomePage {
	title, summary := r.titleOf("/", "home.title")
	if _, ok := r.site.Page("/"); !ok {
		title = r.site.Config.Title
	}
	return HomePage{
		Base:   r.base("home", title, summary, "/"),
		Intro:  template.HTML(intro.HTML),
		Groups: r.riskGroups(),
		Recent: r.briefItems(r.site.Briefs[:min(10, len(r.site.Briefs))]),
		Counts: map[string]int{"briefs": len(r.site.Briefs), "states": len(r.site.States)},
		Charts: r.homeFigures(),
	}
}

func (r *Renderer) contentPage(p *model.Page, doc markdown.Doc) ContentPage {
	return ContentPage{
		Base:    r.withCode(r.contentBase("page", p), doc),
		Content: template.HTML(doc.HTML),
		TOC:     doc.TOC, ShowTOC: p.TOC,
		Date: p.Date, Tags: p.Tags,
	}
}

func (r *Renderer) briefPage(p *model.Page, doc markdown.Doc) BriefPage {
	bp := BriefPage{
		Base:    r.withCode(r.contentBase("brief", p), doc),
		Brief:   r.briefItem(p),
		Content: template.HTML(doc.HTML),
		TOC:     doc.TOC, ShowTOC: p.TOC, Paragraphs: doc.Paragraphs,
		RiskFactors: p.Brief.RiskFactors,
		Tags:        p.Tags,
	}
	for _, h := range p.Brief.RiskHistory {
		risk, _ := r.risk(h.Risk)
		bp.RiskHistory = append(bp.RiskHistory, RiskStep{Date: h.Date, Risk: risk})
	}
	for _, s := range p.Brief.Sources {
		bp.Sources = append(bp.Sources, r.sourceLink(s))
	}
	return bp
}

// sourceLink links a source given as a URL or a UN document symbol.
func (r *Renderer) sourceLink(s string) SourceLink {
	if u, ok := r.refURL(s); ok {
		return SourceLink{Text: s, URL: r.urls.Rel(u)}
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "/") {
		return SourceLink{Text: s, URL: r.urls.Rel(s)}
	}
	if u := r.md.SymbolURL(s); u != "" {
		return SourceLink{Text: s, URL: u}
	}
	return SourceLink{Text: s}
}

func (r *Renderer) briefList(intro markdown.Doc) ListPage {
	title, summary := r.titleOf("/situations/", "situations.title")
	return ListPage{
		Base:   r.base("briefs", title, summary, "/situations/"),
		Intro:  template.HTML(intro.HTML),
		Groups: r.riskGroups(),
		Briefs: r.briefItems(r.site.Briefs),
	}
}

func (r *Renderer) stateItem(st *model.State) StateItem {
	item := StateItem{
		StateRef: StateRef{Code: st.Code, Name: r.stateName(st), URL: StateURL(st.Code)},
		Region:   st.Region, Subregion: st.Subregion, Briefs: len(st.Briefs),
		Joined:      st.Joined(r.site.Config.AsOf),
		Commitments: st.CommitmentsHeld(r.site.Commitments, r.site.Config.AsOf),
	}
	if len(st.Briefs) > 0 {
		if level, ok := r.risk(st.Briefs[0].Brief.Risk); ok {
			item.Risk = &level
		}
	}
	return item
}

func (r *Renderer) stateList(intro markdown.Doc) StatesPage {
	title, summary := r.titleOf("/states/", "states.title")
	page := StatesPage{Base: r.base("states", title, summary, "/states/"), Intro: template.HTML(intro.HTML)}
	index := map[string]int{}
	// By region, then by name in the page's language.
	states := r.statesByName()
	sort.SliceStable(states, func(i, j int) bool { return states[i].Region < states[j].Region })
	for _, st := range states {
		region := st.Region
		if region == "" {
			region = r.i18n.T("states.no_region")
		}
		i, ok := index[region]
		if !ok {
			i = len(page.Regions)
			index[region] = i
			page.Regions = append(page.Regions, RegionGroup{Region: region})
		}
		page.Regions[i].States = append(page.Regions[i].States, r.stateItem(st))
	}
	return page
}

// sortedStates orders states by region, then name, so that the list reads
// region by region without JavaScript.
func sortedStates(states []*model.State) []*model.State {
	out := append([]*model.State(nil), states...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && stateLess(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func stateLess(a, b *model.State) bool {
	if a.Region != b.Region {
		return a.Region < b.Region
	}
	return a.Name < b.Name
}

func (r *Renderer) statePage(st *model.State) StatePage {
	item := r.stateItem(st)
	risks := r.stateRisks(st)
	return StatePage{
		Base:        r.base("state", item.Name, "", item.URL),
		State:       item,
		Status:      st.Status,
		Since:       st.MemberSince,
		Briefs:      r.briefItems(st.Briefs),
		RiskHistory: risks,
		Treaties:    r.stateTreaties(st),
		Commitments: r.stateCommitments(st),
		Compliance:  r.assessmentItems(st.AssessmentsOn(r.site.Config.AsOf)),
		Feed:        StateFeedURL(st.Code),
		Source:      r.optSource(st.Source),
		Note:        st.Note,
		Charts:      r.stateFigures(st, risks),
	}
}

func (r *Renderer) notFound() NotFoundPage {
	return NotFoundPage{Base: r.base("404", r.i18n.T("notfound.title"), "", "/404.html")}
}

// SearchPage is the data of templates/search.html.
type SearchPage struct {
	Base
	Intro   template.HTML
	Root    string // the site root as the page's script must see it
	Offline bool   // the site is built to be opened from disk
}

func (r *Renderer) searchPage(intro markdown.Doc) SearchPage {
	title, summary := r.titleOf("/search/", "search.title")
	page := SearchPage{
		Base:  r.base("search", title, summary, "/search/"),
		Intro: template.HTML(intro.HTML),
		Root:  r.urlsFor(r.site.Config.Language).Rel("/"), // the index is shared by every language
	}
	if r.site.Config.Offline {
		at := "/search/"
		if !r.Default() {
			at = "/" + r.lang + at
		}
		page.Root, page.Offline = RelativeRoot(at), true
	}
	return page
}

// withCode marks a page whose Markdown holds highlighted code.
func (r *Renderer) withCode(b Base, doc markdown.Doc) Base {
	b.HasCode = strings.Contains(doc.HTML, `<pre class="chroma"`)
	return b
}
