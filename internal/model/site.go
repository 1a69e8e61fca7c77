package model

import (
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/registry"
	"github.com/r2p-monitor/r2p/internal/source"
)

// Options are the build settings that change what the model holds.
type Options struct {
	Drafts  bool   // keep pages marked draft: true
	AsOf    string // overrides site.yaml's as_of when not empty
	BaseURL string // overrides site.yaml's base_url when not empty
	// PreviewHost, when set, replaces base_url's scheme and host with
	// http://PreviewHost, keeping its path: the live preview serves the site
	// under the same path its real host will.
	PreviewHost string
	// Offline builds a site to be opened from disk: links become relative
	// and end in index.html, and the search index loads as scripts.
	Offline bool
}

// Site is the whole typed site.
type Site struct {
	Config Config
	Pages  []*Page // every page in the default language, sorted by URL
	Briefs []*Page // the briefs, newest first
	// Translations are the pages in the site's other languages, sorted by
	// URL; each is also in its original's Translations.
	Translations []*Page
	States       []*State // sorted by code

	Treaties           []*Treaty     // in the order of the treaties table
	Commitments        []*Commitment // in the order of the commitments table
	Ratifications      []*Ratification
	CommitmentStatuses []*CommitmentStatus
	Assessments        []*Assessment // by state, newest first

	byCode       map[string]*State
	byURL        map[string]*Page
	byTreaty     map[string]*Treaty
	byCommitment map[string]*Commitment
}

// State is a state as the site knows it: the registry entry, possibly
// overridden by content/data/states.
type State struct {
	registry.State
	Record                            // set when content/data/states gives the state
	FromTable     bool                // the states table adds or overrides this entry
	Briefs        []*Page             // briefs naming this state, newest first
	Ratifications []*Ratification     // in treaty order
	Commitments   []*CommitmentStatus // in commitment order, then by date
	Assessments   []*Assessment       // newest first
}

// Build gives meaning to a site read from disk. Every problem is added to
// l; the returned Site holds whatever was valid.
func Build(src *source.Site, opt Options, l *diag.List) *Site {
	b := &builder{l: l, site: &Site{
		byURL: map[string]*Page{}, byTreaty: map[string]*Treaty{}, byCommitment: map[string]*Commitment{},
	}}
	b.site.Config = decodeConfig(src.Config, l)
	b.overrides(opt)
	b.loadStates()
	b.loadTables(src.Tables, func() {
		var translations []*source.Doc
		for _, doc := range src.Docs {
			if _, _, ok := translationOf(doc.Path, &b.site.Config); ok {
				translations = append(translations, doc)
				continue
			}
			p := b.decodePage(doc)
			if p.Draft && !opt.Drafts {
				continue
			}
			b.addPage(p)
		}
		b.translations(translations, opt)
	})
	b.link()
	b.linkData()
	if b.site.Config.AsOf.IsZero() {
		b.site.Config.AsOf = b.latestDate()
	}
	return b.site
}

type builder struct {
	l     *diag.List
	site  *Site
	names []string            // lower-case state names, for suggestions
	dups  map[string]diag.Pos // record keys seen, for "given twice"
}

func (b *builder) overrides(opt Options) {
	if opt.AsOf != "" {
		d, err := ParseDate(opt.AsOf)
		if err != nil || d.IsPartial() {
			b.l.Addf(diag.Pos{Path: "--as-of"}, "as-of date %q must be YYYY-MM-DD", opt.AsOf)
		}
		b.site.Config.AsOf = d
	}
	if opt.BaseURL != "" {
		u, err := ParseBaseURL(opt.BaseURL)
		if err != nil {
			b.l.Addf(diag.Pos{Path: "--base-url"}, "base URL %q %v", opt.BaseURL, err)
			return
		}
		b.site.Config.BaseURL = u
	}
	b.site.Config.Offline = opt.Offline
	if opt.PreviewHost != "" {
		u := *b.site.Config.BaseURL
		u.Scheme, u.Host = "http", opt.PreviewHost
		b.site.Config.BaseURL = &u
	}
}

func (b *builder) loadStates() {
	reg := registry.States()
	b.site.byCode = make(map[string]*State, len(reg))
	for _, r := range reg {
		s := &State{State: r}
		b.site.States = append(b.site.States, s)
		b.site.byCode[r.Code] = s
	}
}

// stateCode accepts a code in any case and returns it in upper case.
func (b *builder) stateCode(s string) (string, bool) {
	code := strings.ToUpper(strings.TrimSpace(s))
	_, ok := b.site.byCode[code]
	return code, ok
}

// suggestState finds the code a user probably meant: one whose name starts
// with or contains what they wrote ("Syria" -> SYR), or a code a typo away.
func (b *builder) suggestState(s string) string {
	ls := strings.ToLower(strings.TrimSpace(s))
	if len(ls) >= 3 {
		for _, st := range b.site.States {
			if name := strings.ToLower(st.Name); strings.HasPrefix(name, ls) || len(ls) > 4 && strings.Contains(name, ls) {
				return "; did you mean " + st.Code + " (" + st.Name + ")?"
			}
		}
	}
	codes := make([]string, len(b.site.States))
	for i, st := range b.site.States {
		codes[i] = st.Code
	}
	if c := diag.Nearest(strings.ToUpper(s), codes); c != "" && len(s) == 3 {
		return "; did you mean " + c + " (" + b.site.byCode[c].Name + ")?"
	}
	return ""
}

// translations ties each translation to its original; one whose original
// does not exist (or is a draft left out) is reported.
func (b *builder) translations(docs []*source.Doc, opt Options) {
	bySource := map[string]*Page{}
	for _, p := range b.site.Pages {
		bySource[p.Source] = p
	}
	for _, doc := range docs {
		origPath, lang, _ := translationOf(doc.Path, &b.site.Config)
		orig := bySource[origPath]
		if orig == nil {
			b.l.Addf(diag.Pos{Path: doc.Path, Line: 1, Col: 1}, "translation into %q has no original %s to translate", lang, origPath)
			continue
		}
		t := b.translation(doc, lang, orig)
		if t.Draft && !opt.Drafts {
			delete(orig.Translations, lang)
			continue
		}
		b.site.Translations = append(b.site.Translations, t)
	}
	sort.Slice(b.site.Translations, func(i, j int) bool { return b.site.Translations[i].URL < b.site.Translations[j].URL })
}

func (b *builder) addPage(p *Page) {
	if prev, dup := b.site.byURL[p.URL]; dup {
		at := p.Pos("slug")
		b.l.Addf(at, "%s is also the URL of %s; give one of them another slug or file name", p.URL, prev.Source)
		return
	}
	b.site.byURL[p.URL] = p
	b.site.Pages = append(b.site.Pages, p)
}

// link connects briefs and states and sorts every list, so that output does
// not depend on the order files were read in.
func (b *builder) link() {
	s := b.site
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	for _, p := range s.Pages {
		if p.Kind == KindBrief {
			s.Briefs = append(s.Briefs, p)
		}
	}
	sort.SliceStable(s.Briefs, func(i, j int) bool { return newer(s.Briefs[i], s.Briefs[j]) })
	for _, p := range s.Briefs {
		for _, code := range p.Brief.States {
			if st := s.byCode[code]; st != nil {
				st.Briefs = append(st.Briefs, p)
			}
		}
	}
}

func newer(a, b *Page) bool {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c > 0
	}
	return a.URL < b.URL
}

func (b *builder) latestDate() Date {
	var d Date
	for _, p := range b.site.Pages {
		if p.Date.After(d) {
			d = p.Date
		}
	}
	return d
}

// Page returns the page at a site-root-relative URL.
func (s *Site) Page(url string) (*Page, bool) {
	p, ok := s.byURL[url]
	return p, ok
}

// Treaty returns the treaty with the given id.
func (s *Site) Treaty(id string) (*Treaty, bool) {
	t, ok := s.byTreaty[id]
	return t, ok
}

// Commitment returns the commitment with the given id.
func (s *Site) Commitment(id string) (*Commitment, bool) {
	c, ok := s.byCommitment[id]
	return c, ok
}

// MatrixID is the path segment of the ratification matrix under /treaties/,
// which no treaty may therefore take as its id.
const MatrixID = "matrix"

// State returns the state with the given alpha-3 code.
func (s *Site) State(code string) (*State, bool) {
	st, ok := s.byCode[strings.ToUpper(code)]
	return st, ok
}
