package model

import (
	"path"
	"strings"
	"unicode"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
	"go.yaml.in/yaml/v3"
)

// Kind says what a page is; each kind has its own template.
type Kind string

// The kinds of content page.
const (
	KindHome  Kind = "home"  // content/index.md
	KindPage  Kind = "page"  // any other Markdown file
	KindBrief Kind = "brief" // content/situations/*.md
)

// BriefsDir holds situation briefs.
const BriefsDir = "content/situations"

// Page is one Markdown file of the site.
type Page struct {
	Kind     Kind
	Source   string // path in the site, e.g. content/about.md
	URL      string // site-root-relative, e.g. /about/
	Title    string
	Summary  string
	Date     Date
	Draft    bool
	Weight   int
	Menu     string // "main" puts the page in the header navigation
	Tags     []string
	TOC      bool // show a table of contents
	Body     []byte
	BodyLine int
	Brief    *Brief // set for KindBrief
	// Lang is the page's language: the site's default for an original,
	// another of its languages for a translation (about.fr.md).
	Lang string
	// Original is, for a translation, the page it translates.
	Original *Page
	// Translations holds an original's translations by language.
	Translations map[string]*Page

	pos map[string]diag.Pos // where each front matter value was read
}

// Pos returns where a front matter key was read, or the file's first line.
func (p *Page) Pos(key string) diag.Pos {
	if pos, ok := p.pos[key]; ok {
		return pos
	}
	return diag.Pos{Path: p.Source, Line: 1}
}

// Brief holds the front matter that only situation briefs carry.
type Brief struct {
	Slug        string
	States      []string // ISO alpha-3, upper case
	Risk        string
	RiskHistory []RiskEntry
	RiskFactors []int
	Sources     []string
}

// RiskEntry is an earlier assessment of a situation.
type RiskEntry struct {
	Date Date
	Risk string
}

var (
	pageKeys  = []string{"title", "summary", "date", "draft", "weight", "menu", "tags", "toc", "slug"}
	briefKeys = []string{"title", "states", "risk", "date", "summary", "risk_history", "risk_factors", "sources", "tags", "draft", "slug", "toc"}
)

// pageURL maps a content path to its URL: content/about.md -> /about/,
// content/reports/index.md -> /reports/, content/index.md -> /.
func pageURL(src string) string {
	rel := strings.TrimSuffix(strings.TrimPrefix(src, "content/"), ".md")
	if rel == "index" {
		return "/"
	}
	rel = strings.TrimSuffix(rel, "/index")
	return "/" + rel + "/"
}

func isBrief(src string) bool {
	return strings.HasPrefix(src, BriefsDir+"/") && path.Base(src) != "index.md"
}

// decodePage reads a Markdown document's front matter into a Page.
func (b *builder) decodePage(doc *source.Doc) *Page {
	p := &Page{Kind: KindPage, Source: doc.Path, Body: doc.Body, BodyLine: doc.BodyLine, pos: map[string]diag.Pos{}}
	switch {
	case doc.Path == "content/index.md":
		p.Kind = KindHome
	case isBrief(doc.Path):
		p.Kind = KindBrief
		p.Brief = &Brief{Slug: strings.TrimSuffix(path.Base(doc.Path), ".md")}
	}
	d := decoder{path: doc.Path, l: b.l}
	meta := doc.Meta
	if meta == nil {
		meta = &yaml.Node{Kind: yaml.MappingNode}
	}
	keys := pageKeys
	if p.Kind == KindBrief {
		keys = briefKeys
	}
	d.fields(meta, keys, func(key string, k, v *yaml.Node) {
		p.pos[key] = d.pos(k)
		b.pageField(d, p, key, v)
	})
	start := diag.Pos{Path: doc.Path, Line: 1, Col: 1}
	if _, _, isTranslation := translationOf(doc.Path, &b.site.Config); p.Kind == KindBrief && !isTranslation {
		d.require(meta, start, "title", "states", "risk", "date")
	} else {
		d.require(meta, start, "title")
	}
	p.URL = pageURL(doc.Path)
	if p.Kind == KindBrief {
		p.URL = "/situations/" + p.Brief.Slug + "/"
	}
	p.Lang = b.site.Config.Language
	return p
}

func (b *builder) pageField(d decoder, p *Page, key string, v *yaml.Node) {
	switch key {
	case "title":
		p.Title, _ = d.str(v, key)
	case "summary":
		p.Summary, _ = d.str(v, key)
	case "date":
		p.Date, _ = d.date(v, key)
	case "draft":
		p.Draft, _ = d.boolean(v, key)
	case "weight":
		p.Weight, _ = d.integer(v, key)
	case "menu":
		p.Menu, _ = d.str(v, key)
	case "tags":
		p.Tags, _ = d.strList(v, key)
	case "toc":
		p.TOC, _ = d.boolean(v, key)
	case "slug":
		b.slug(d, p, v)
	default:
		b.briefField(d, p.Brief, key, v)
	}
}

// slug checks a slug from front matter: it names one directory of public/,
// so it may not hold a path separator or be "." or "..".
func (b *builder) slug(d decoder, p *Page, v *yaml.Node) {
	s, ok := d.str(v, "slug")
	if !ok {
		return
	}
	if !validSlug(s) {
		d.errorf(v, "slug %q must be one path segment of letters, digits, '-', '_' or '.', not starting with '.'; it must not leave its section", s)
		return
	}
	if p.Kind != KindBrief {
		d.errorf(v, "slug applies to situation briefs only; a page's URL follows its file path")
		return
	}
	p.Brief.Slug = s
}

func validSlug(s string) bool {
	if s == "" || s[0] == '.' || len(s) > 200 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

func (b *builder) briefField(d decoder, br *Brief, key string, v *yaml.Node) {
	switch key {
	case "states":
		codes, _ := d.strList(v, key)
		for i, c := range codes {
			if code, ok := b.stateCode(c); ok {
				br.States = append(br.States, code)
			} else {
				d.errorf(resolveAlias(v.Content[i]), "unknown state %q%s", c, b.suggestState(c))
			}
		}
		if len(codes) == 0 && v.Kind == yaml.SequenceNode {
			d.errorf(v, "states must name at least one state, e.g. [SYR]")
		}
	case "risk":
		br.Risk, _ = b.risk(d, v)
	case "risk_history":
		br.RiskHistory = b.riskHistory(d, v)
	case "risk_factors":
		br.RiskFactors = riskFactors(d, v)
	case "sources":
		br.Sources, _ = d.strList(v, key)
	}
}

func (b *builder) risk(d decoder, v *yaml.Node) (string, bool) {
	s, ok := d.str(v, "risk")
	if !ok {
		return "", false
	}
	if _, known := b.site.Config.Risk(s); !known {
		ids := b.site.Config.riskIDs()
		d.errorf(v, "risk must be one of %s, not %q%s", strings.Join(ids, ", "), s, diag.Suggest(s, ids))
		return "", false
	}
	return s, true
}

func (b *builder) riskHistory(d decoder, v *yaml.Node) []RiskEntry {
	if v.Kind != yaml.SequenceNode {
		d.errorf(v, "risk_history must be a list of {date, risk}")
		return nil
	}
	var out []RiskEntry
	for _, item := range v.Content {
		var e RiskEntry
		item = resolveAlias(item)
		d.fields(item, []string{"date", "risk"}, func(key string, k, v *yaml.Node) {
			if key == "date" {
				e.Date, _ = d.date(v, key)
			} else {
				e.Risk, _ = b.risk(d, v)
			}
		})
		d.require(item, d.pos(item), "date", "risk")
		out = append(out, e)
	}
	return out
}

func riskFactors(d decoder, v *yaml.Node) []int {
	if v.Kind != yaml.SequenceNode {
		d.errorf(v, "risk_factors must be a list of numbers from 1 to 14")
		return nil
	}
	var out []int
	for _, item := range v.Content {
		item = resolveAlias(item)
		n, ok := d.integer(item, "risk factor")
		if ok && (n < 1 || n > 14) {
			d.errorf(item, "risk factor %d does not exist: the Framework of Analysis numbers them 1 to 14", n)
			continue
		}
		if ok {
			out = append(out, n)
		}
	}
	return out
}

// translationOf splits the path of a translation, content/about.fr.md, into
// its original's path, content/about.md, and its language, fr. Only the
// site's languages other than the default count: report.v2.md is a page of
// its own.
func translationOf(src string, c *Config) (orig, lang string, ok bool) {
	stem := strings.TrimSuffix(src, ".md")
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || strings.Contains(stem[i:], "/") {
		return "", "", false
	}
	lang = stem[i+1:]
	if lang == c.Language || !contains(c.Langs(), lang) {
		return "", "", false
	}
	return stem[:i] + ".md", lang, true
}

// translation decodes a translation and ties it to its original. What a
// brief records (its states, risk level and date) belongs to the
// assessment, not to a language, so a translation takes it from the
// original and may not contradict it.
func (b *builder) translation(doc *source.Doc, lang string, orig *Page) *Page {
	t := b.decodePage(doc)
	t.Lang, t.Original = lang, orig
	t.URL = "/" + lang + orig.URL
	if orig.Kind == KindBrief {
		b.inheritBrief(t, orig)
	}
	if t.Date.IsZero() {
		t.Date = orig.Date
	}
	if orig.Translations == nil {
		orig.Translations = map[string]*Page{}
	}
	orig.Translations[lang] = t
	return t
}

func (b *builder) inheritBrief(t, orig *Page) {
	tb, ob := t.Brief, orig.Brief
	check := func(key string, same bool, want string) {
		if _, given := t.pos[key]; given && !same {
			b.l.Addf(t.Pos(key), "%s differs from the original %s (%s); a translation takes it from the original", key, orig.Source, want)
		}
	}
	check("states", strings.Join(tb.States, ",") == strings.Join(ob.States, ","), strings.Join(ob.States, ", "))
	check("risk", tb.Risk == ob.Risk, ob.Risk)
	check("date", t.Date == orig.Date, orig.Date.String())
	check("slug", tb.Slug == ob.Slug, ob.Slug)
	tb.States, tb.Risk, tb.Slug = ob.States, ob.Risk, ob.Slug
	t.Date = orig.Date
	if _, given := t.pos["risk_history"]; !given {
		tb.RiskHistory = ob.RiskHistory
	}
	if _, given := t.pos["risk_factors"]; !given {
		tb.RiskFactors = ob.RiskFactors
	}
	if _, given := t.pos["sources"]; !given {
		tb.Sources = ob.Sources
	}
}
