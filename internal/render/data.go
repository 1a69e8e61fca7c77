package render

import (
	"github.com/r2p-monitor/r2p/internal/registry"
	"html/template"
	"strings"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
)

// SiteInfo is what every page knows about the site.
type SiteInfo struct {
	Title       string
	Description string
	Language    string
	Dir         string // "ltr" or "rtl"
	AsOf        model.Date
	Author      string
	License     string
	Version     string // r2p's version, for "cite this page"
	Menu        []MenuItem
	RiskLevels  []model.RiskLevel
	// DefaultLanguage is the language published at the root; Languages are
	// all the site's languages with their own names, the default first.
	DefaultLanguage string
	Languages       []Language
}

// Language is one of the site's languages.
type Language struct {
	Code, Name string
	Dir        string // "ltr" or "rtl"
}

// Alternate is a page's version in one language, for the language switcher
// and hreflang links. Fallback marks a language that shows the page in the
// default language because it has no translation yet.
type Alternate struct {
	Language
	Fallback bool
}

// MenuItem is one link of the header navigation.
type MenuItem struct {
	Title, URL string
}

// Base is embedded in every page's data.
type Base struct {
	Site        *SiteInfo
	Kind        string // home, page, brief, briefs, states, state, treaties, treaty, matrix, commitments, commitment, compliance, data, 404
	Title       string
	Description string // one plain-text sentence for search engines and share cards
	URL         string // the page's site path, e.g. /about/; pass it through relURL or absURL
	Section     string // the first segment of URL, e.g. /situations/ for a brief; / for the home page
	// Lang is the language of the page's content, which differs from
	// .Site.Language when the page has no translation yet (Fallback).
	Lang       string
	Fallback   bool
	Alternates []Alternate // the page in each of the site's languages; make links with langURL
	HasCode    bool        // the page shows highlighted code (and needs chroma.css)
	HasFigures bool        // the page shows charts or maps (and needs charts.css)
	// M49 names UN M49 regions and sub-regions in the page's language:
	// {{$.M49.Name .State.Region}}.
	M49 M49Names
}

// BriefItem is a brief as lists show it.
type BriefItem struct {
	Title   string
	URL     string
	Lang    string // the language of the brief's text, the site's default when it has no translation
	Summary string
	Date    model.Date
	Risk    model.RiskLevel
	States  []StateRef
}

// StateRef links to a state's page.
type StateRef struct {
	Code, Name, URL string
}

// RiskGroup is the briefs at one risk level.
type RiskGroup struct {
	Risk   model.RiskLevel
	Briefs []BriefItem
}

// HomePage is the data of templates/home.html.
type HomePage struct {
	Base
	Intro  template.HTML
	Groups []RiskGroup // situations by risk, most severe first
	Recent []BriefItem // newest briefs first
	Counts map[string]int
	Charts HomeCharts
}

// ContentPage is the data of templates/page.html.
type ContentPage struct {
	Base
	Content template.HTML
	TOC     []markdown.Heading
	ShowTOC bool
	Date    model.Date
	Tags    []string
}

// BriefPage is the data of templates/situations/brief.html.
type BriefPage struct {
	Base
	Brief       BriefItem
	Content     template.HTML
	TOC         []markdown.Heading
	ShowTOC     bool
	Paragraphs  int
	RiskHistory []RiskStep
	RiskFactors []int
	Sources     []SourceLink
	Tags        []string
}

// RiskStep is one assessment in a brief's history, oldest first.
type RiskStep struct {
	Date model.Date
	Risk model.RiskLevel
}

// SourceLink is one entry of a brief's sources: a UN document symbol
// (linked to the document system) or a URL.
type SourceLink struct {
	Text, URL string
}

// ListPage is the data of templates/situations/list.html.
type ListPage struct {
	Base
	Intro  template.HTML
	Groups []RiskGroup
	Briefs []BriefItem
}

// StatesPage is the data of templates/states/list.html.
type StatesPage struct {
	Base
	Intro   template.HTML
	Regions []RegionGroup
}

// RegionGroup is the states of one region.
type RegionGroup struct {
	Region string
	States []StateItem
}

// StateItem is a state as lists show it.
type StateItem struct {
	StateRef
	Region, Subregion string
	Risk              *model.RiskLevel // the most recent brief's level, if any
	Briefs            int
	Joined            int // the site's treaties it is party to as of as_of
	Commitments       int // commitments it holds as of as_of
}

// StatePage is the data of templates/states/state.html.
type StatePage struct {
	Base
	State       StateItem
	Status      string // member, observer or non-member
	Since       string
	Briefs      []BriefItem
	RiskHistory []StateRisk       // newest first
	Treaties    []RatificationRow // one per treaty of the site, in table order
	Commitments []CommitmentRow   // one per commitment the state has a status under
	Compliance  []AssessmentItem  // newest first
	Feed        string
	Source      SourceLink
	Note        string
	Charts      StateCharts
}

// NotFoundPage is the data of templates/404.html.
type NotFoundPage struct {
	Base
}

func (r *Renderer) siteInfo() *SiteInfo {
	c := r.site.Config
	info := &SiteInfo{
		Title: c.Title, Description: c.Description, Language: r.lang, Dir: dir(r.lang),
		AsOf: c.AsOf, Author: c.Author, License: c.License, Version: r.version, RiskLevels: r.riskLevels(),
		DefaultLanguage: c.Language,
	}
	for _, code := range c.Langs() {
		info.Languages = append(info.Languages, Language{Code: code, Name: r.i18n.nameOf(code), Dir: dir(code)})
	}
	for _, p := range r.site.Pages {
		if p.Menu == "main" {
			info.Menu = append(info.Menu, MenuItem{Title: r.localized(p).Title, URL: p.URL})
		}
	}
	sortMenu(info.Menu, r.site)
	return info
}

// sortMenu orders menu entries by their page's weight, then title.
func sortMenu(items []MenuItem, s *model.Site) {
	weight := func(u string) int {
		if p, ok := s.Page(u); ok {
			return p.Weight
		}
		return 0
	}
	for i := 1; i < len(items); i++ {
		for j := i; j > 0; j-- {
			a, b := items[j-1], items[j]
			if wa, wb := weight(a.URL), weight(b.URL); wa < wb || wa == wb && a.Title <= b.Title {
				break
			}
			items[j-1], items[j] = b, a
		}
	}
}

func dir(lang string) string {
	switch strings.SplitN(lang, "-", 2)[0] {
	case "ar", "he", "fa", "ur":
		return "rtl"
	}
	return "ltr"
}

func (r *Renderer) base(kind, title, desc, url string) Base {
	if desc == "" {
		desc = r.site.Config.Description
	}
	return Base{Site: r.info, Kind: kind, Title: title, Description: desc, URL: url, Section: section(url),
		Lang: r.lang, Alternates: r.alternates(nil), HasFigures: figureKinds[kind], M49: M49Names{lang: r.lang}}
}

// figureKinds are the page kinds that show charts or maps.
var figureKinds = map[string]bool{"home": true, "state": true, "treaty": true, "commitment": true, "compliance": true}

// localized returns p's translation into the renderer's language, or p.
func (r *Renderer) localized(p *model.Page) *model.Page {
	if t, ok := p.Translations[r.lang]; ok {
		return t
	}
	return p
}

// alternates lists the page in every language; for a content page (orig
// non-nil) the languages without a translation are marked as fallbacks.
func (r *Renderer) alternates(orig *model.Page) []Alternate {
	out := make([]Alternate, len(r.info.Languages))
	for i, l := range r.info.Languages {
		out[i] = Alternate{Language: l}
		if orig != nil && l.Code != r.site.Config.Language {
			_, ok := orig.Translations[l.Code]
			out[i].Fallback = !ok
		}
	}
	return out
}

// contentBase is the Base of a content page or brief: p is the original
// or a translation.
func (r *Renderer) contentBase(kind string, p *model.Page) Base {
	orig := p
	if p.Original != nil {
		orig = p.Original
	}
	b := r.base(kind, p.Title, p.Summary, orig.URL)
	b.Lang, b.Fallback = p.Lang, p.Lang != r.lang
	b.Alternates = r.alternates(orig)
	return b
}

// section returns the first segment of a site path: /situations/x/ ->
// /situations/, /404.html -> /.
func section(url string) string {
	if i := strings.IndexByte(url[1:], '/'); i >= 0 {
		return url[:i+2]
	}
	return "/"
}

// StateURL is the site path of a state's page.
func StateURL(code string) string { return "/states/" + strings.ToLower(code) + "/" }

func (r *Renderer) stateRefs(codes []string) []StateRef {
	refs := make([]StateRef, 0, len(codes))
	for _, c := range codes {
		name := c
		if st, ok := r.site.State(c); ok {
			name = r.stateName(st)
		}
		refs = append(refs, StateRef{Code: c, Name: name, URL: StateURL(c)})
	}
	return refs
}

func (r *Renderer) briefItem(p *model.Page) BriefItem {
	risk, _ := r.risk(p.Brief.Risk)
	orig := p
	if p.Original != nil {
		orig = p.Original
	}
	lp := r.localized(orig)
	return BriefItem{
		Title: lp.Title, URL: orig.URL, Lang: lp.Lang, Summary: lp.Summary, Date: p.Date,
		Risk: risk, States: r.stateRefs(p.Brief.States),
	}
}

// stateName is a state's name in the renderer's language: the UN's name
// from the registry, unless the site's states table renamed the state.
func (r *Renderer) stateName(st *model.State) string {
	if r.lang == r.site.Config.Language && r.lang == "en" {
		return st.Name
	}
	// A site's states table may rename a state, and its name then stands
	// in every language; a name it only restates is the registry's.
	if en, ok := registry.Name(st.Code, "en"); !ok || st.FromTable && st.Name != en {
		return st.Name
	}
	if name, ok := registry.Name(st.Code, r.lang); ok {
		return name
	}
	return st.Name
}

func (r *Renderer) briefItems(pages []*model.Page) []BriefItem {
	out := make([]BriefItem, len(pages))
	for i, p := range pages {
		out[i] = r.briefItem(p)
	}
	return out
}

func (r *Renderer) riskGroups() []RiskGroup {
	var groups []RiskGroup
	for _, level := range r.info.RiskLevels {
		g := RiskGroup{Risk: level}
		for _, p := range r.site.Briefs {
			if p.Brief.Risk == level.ID {
				g.Briefs = append(g.Briefs, r.briefItem(p))
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// risk returns a risk level with its label and description in the
// renderer's language: a translation file may name the site's levels
// (risk.ID and risk.ID.description); otherwise site.yaml's words stand.
func (r *Renderer) risk(id string) (model.RiskLevel, bool) {
	level, ok := r.site.Config.Risk(id)
	if !ok {
		return level, false
	}
	if r.i18n.Has("risk." + id) {
		level.Label = r.i18n.T("risk." + id)
	}
	if r.i18n.Has("risk." + id + ".description") {
		level.Description = r.i18n.T("risk." + id + ".description")
	}
	return level, true
}

func (r *Renderer) riskLevels() []model.RiskLevel {
	out := make([]model.RiskLevel, 0, len(r.site.Config.RiskLevels))
	for _, l := range r.site.Config.RiskLevels {
		level, _ := r.risk(l.ID)
		out = append(out, level)
	}
	return out
}
