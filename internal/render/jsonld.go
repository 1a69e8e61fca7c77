package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"regexp"
)

// schema.org descriptions of pages, written into base.html as
// <script type="application/ld+json">. Search engines and share previews
// read them; browsers never run them, so script-src 'self' allows them.
//
// The JSON is made with encoding/json, whose default HTML escaping writes
// <, > and & as \u003c, \u003e and \u0026: a title holding "</script>"
// stays inside the block. That escaping is why jsonld may return
// template.JS, which html/template inserts into the script as is.

type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

type ldPlace struct {
	Type       string `json:"@type"`
	Name       string `json:"name"`
	Identifier string `json:"identifier,omitempty"` // ISO 3166-1 alpha-3
	URL        string `json:"url,omitempty"`
}

type ldSearchAction struct {
	Type   string `json:"@type"`
	Target string `json:"target"`
	Query  string `json:"query-input"`
}

type ldDownload struct {
	Type           string `json:"@type"`
	Name           string `json:"name"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
}

type ldDoc struct {
	Context          string          `json:"@context"`
	Type             string          `json:"@type"`
	Name             string          `json:"name,omitempty"`
	Headline         string          `json:"headline,omitempty"`
	Description      string          `json:"description,omitempty"`
	URL              string          `json:"url"`
	MainEntity       string          `json:"mainEntityOfPage,omitempty"`
	InLanguage       string          `json:"inLanguage,omitempty"`
	DatePublished    string          `json:"datePublished,omitempty"`
	DateModified     string          `json:"dateModified,omitempty"`
	Image            string          `json:"image,omitempty"`
	About            []ldPlace       `json:"about,omitempty"`
	SpatialCoverage  []ldPlace       `json:"spatialCoverage,omitempty"`
	Keywords         []string        `json:"keywords,omitempty"`
	Citation         []string        `json:"citation,omitempty"`
	License          string          `json:"license,omitempty"`
	Author           *ldThing        `json:"author,omitempty"`
	Publisher        *ldThing        `json:"publisher,omitempty"`
	Creator          *ldThing        `json:"creator,omitempty"`
	IsAccessibleFree *bool           `json:"isAccessibleForFree,omitempty"`
	Distribution     []ldDownload    `json:"distribution,omitempty"`
	PotentialAction  *ldSearchAction `json:"potentialAction,omitempty"`
}

// jsonld describes page for schema.org: WebSite for the home page, Article
// for a brief, Dataset for /data/. Other pages get nothing ("").
func (r *Renderer) jsonld(page any) (template.JS, error) {
	var doc *ldDoc
	switch p := unflatten(page).(type) {
	case HomePage:
		doc = r.ldWebsite(p.Base)
	case BriefPage:
		doc = r.ldArticle(p)
	case DataPage:
		doc = r.ldDataset(p)
	}
	if doc == nil {
		return "", nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // the default, stated because the block's safety rests on it
	if err := enc.Encode(doc); err != nil {
		return "", err
	}
	return template.JS(bytes.TrimSpace(buf.Bytes())), nil
}

func (r *Renderer) ldBase(typ string, b Base) *ldDoc {
	return &ldDoc{
		Context: "https://schema.org", Type: typ,
		Description: b.Description, URL: r.urls.Abs(b.URL), InLanguage: b.Site.Language,
		Publisher: r.ldPublisher(b.Site),
	}
}

func (r *Renderer) ldPublisher(s *SiteInfo) *ldThing {
	name := s.Author
	if name == "" {
		name = s.Title
	}
	return &ldThing{Type: "Organization", Name: name, URL: r.urls.Abs("/")}
}

func (r *Renderer) ldWebsite(b Base) *ldDoc {
	d := r.ldBase("WebSite", b)
	d.Name = b.Site.Title
	d.PotentialAction = &ldSearchAction{
		Type:   "SearchAction",
		Target: r.urls.Abs("/search/") + "?q={search_term_string}",
		Query:  "required name=search_term_string",
	}
	return d
}

func (r *Renderer) ldArticle(p BriefPage) *ldDoc {
	d := r.ldBase("Article", p.Base)
	d.Headline = p.Title
	d.MainEntity = d.URL
	d.DatePublished = p.Brief.Date.String()
	d.Image = r.urls.Abs(shareImage)
	d.Author = d.Publisher
	d.License = licenseURL(p.Site.License)
	d.Keywords = p.Tags
	for _, s := range p.Brief.States {
		place := ldPlace{Type: "Country", Name: s.Name, Identifier: s.Code, URL: r.urls.Abs(s.URL)}
		d.About = append(d.About, place)
		d.SpatialCoverage = append(d.SpatialCoverage, place)
	}
	for _, s := range p.Sources {
		c := s.Text
		if s.URL != "" && s.URL != s.Text {
			c += " " + s.URL
		}
		d.Citation = append(d.Citation, c)
	}
	return d
}

func (r *Renderer) ldDataset(p DataPage) *ldDoc {
	d := r.ldBase("Dataset", p.Base)
	d.Name = p.Site.Title + ": " + p.Title
	if d.Description == "" {
		d.Description = p.Title
	}
	d.DateModified = p.Site.AsOf.String()
	d.License = licenseURL(p.Site.License)
	d.Creator = d.Publisher
	free := true
	d.IsAccessibleFree = &free
	d.Distribution = append(d.Distribution, ldDownload{Type: "DataDownload", Name: "r2p.json", EncodingFormat: "application/json", ContentURL: r.urls.Abs(p.All)})
	for _, t := range p.Tables {
		d.Distribution = append(d.Distribution,
			ldDownload{Type: "DataDownload", Name: t.Name + ".csv", EncodingFormat: "text/csv", ContentURL: r.urls.Abs(t.CSV)},
			ldDownload{Type: "DataDownload", Name: t.Name + ".json", EncodingFormat: "application/json", ContentURL: r.urls.Abs(t.JSON)})
	}
	return d
}

// shareImage is the default picture of share cards (partials/social.html).
const shareImage = "/img/share.png"

var spdxID = regexp.MustCompile(`^[A-Za-z0-9.+-]+$`)

// licenseURL gives schema.org a URL for a licence named by its SPDX
// identifier (CC-BY-4.0), as its license property asks; anything else is
// passed on as written.
func licenseURL(l string) string {
	if spdxID.MatchString(l) {
		return "https://spdx.org/licenses/" + l + ".html"
	}
	return l
}
