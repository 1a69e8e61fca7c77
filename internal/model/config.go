package model

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Config holds content/site.yaml.
type Config struct {
	Title       string
	Description string
	BaseURL     *url.URL // absolute, with a path ending in "/"; Host is empty when none was given
	Language    string   // the default language, published at the root
	Languages   []string // every language the site publishes, the default first
	AsOf        Date     // the date the data speaks for
	Author      string
	License     string
	Markdown    MarkdownConfig
	RiskLevels  []RiskLevel // in order of severity, most severe first
	Offline     bool        // set by the build, not site.yaml: see Options.Offline
}

// MarkdownConfig holds the markdown: section of site.yaml.
type MarkdownConfig struct {
	Unsafe         bool   // pass raw HTML through instead of escaping it
	HighlightStyle string // chroma style for code blocks
	SymbolURL      string // UN document symbol links, with {symbol}
}

// RiskLevel is one level of the risk scale briefs are rated on.
type RiskLevel struct {
	ID, Label, Description string
}

// DefaultRiskLevels are the Global Centre for the Responsibility to
// Protect's three levels.
var DefaultRiskLevels = []RiskLevel{
	{"current-crisis", "Current crisis", "Mass atrocity crimes are occurring and urgent action is needed."},
	{"imminent-risk", "Imminent risk", "The situation is approaching a tipping point at which mass atrocity crimes are likely."},
	{"serious-concern", "Serious concern", "There is a significant risk of mass atrocity crimes in the foreseeable future without preventive action."},
}

var configKeys = []string{"title", "description", "base_url", "language", "languages", "as_of", "author", "license", "markdown", "risk_levels"}

func decodeConfig(n *yaml.Node, l *diag.List) Config {
	d := decoder{path: "content/site.yaml", l: l}
	c := Config{
		Title: "R2P Monitor", Language: "en", RiskLevels: DefaultRiskLevels,
		BaseURL:  &url.URL{Path: "/"},
		Markdown: MarkdownConfig{HighlightStyle: "github"},
	}
	d.fields(n, configKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "title":
			c.Title, _ = d.str(v, key)
		case "description":
			c.Description, _ = d.str(v, key)
		case "base_url":
			if s, ok := d.str(v, key); ok {
				c.BaseURL = d.baseURL(v, s)
			}
		case "language":
			if s, ok := d.str(v, key); ok && d.langCode(v, s) {
				c.Language = s
			}
		case "languages":
			c.Languages = d.languages(v)
		case "as_of":
			c.AsOf, _ = d.date(v, key)
		case "author":
			c.Author, _ = d.str(v, key)
		case "license":
			c.License, _ = d.str(v, key)
		case "markdown":
			c.Markdown = d.markdown(v, c.Markdown)
		case "risk_levels":
			c.RiskLevels = d.riskLevels(v)
		}
	})
	c.Languages = withDefault(c.Language, c.Languages)
	return c
}

// langCode checks a language code: lower-case letters, optionally with
// a region or script subtag (pt-BR, zh-Hans), as in BCP 47.
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func (d decoder) langCode(n *yaml.Node, s string) bool {
	if !langCode.MatchString(s) {
		d.errorf(n, "language %q must be a language code such as en, fr or ar", s)
		return false
	}
	return true
}

func (d decoder) languages(n *yaml.Node) []string {
	codes, ok := d.strList(n, "languages")
	if !ok {
		return nil
	}
	var out []string
	for i, c := range codes {
		if d.langCode(resolveAlias(n.Content[i]), c) && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// withDefault puts the default language first in the list of languages,
// adding it when site.yaml left it out.
func withDefault(def string, langs []string) []string {
	out := []string{def}
	for _, l := range langs {
		if l != def {
			out = append(out, l)
		}
	}
	return out
}

func (d decoder) baseURL(n *yaml.Node, s string) *url.URL {
	u, err := ParseBaseURL(s)
	if err != nil {
		d.errorf(n, "base_url: %v", err)
		return &url.URL{Path: "/"}
	}
	return u
}

// ParseBaseURL checks a base URL: absolute http(s), or a bare path such as
// "/r2p/". The path always ends in "/".
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if u.Host != "" && u.Scheme != "http" && u.Scheme != "https" || u.Host == "" && (u.Scheme != "" || !strings.HasPrefix(u.Path, "/")) {
		return nil, errorString("must be an absolute http or https URL such as https://example.org/r2p/, or a path such as /r2p/")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, errorString("must not carry a query or fragment")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

func (d decoder) markdown(n *yaml.Node, m MarkdownConfig) MarkdownConfig {
	d.fields(n, []string{"unsafe", "highlight_style", "symbol_url"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "unsafe":
			m.Unsafe, _ = d.boolean(v, key)
		case "highlight_style":
			m.HighlightStyle, _ = d.str(v, key)
		case "symbol_url":
			if s, ok := d.str(v, key); ok {
				if s != "-" && !strings.Contains(s, "{symbol}") {
					d.errorf(v, "symbol_url must contain {symbol}, e.g. https://undocs.org/{symbol}, or be - to turn symbol links off")
				}
				m.SymbolURL = s
			}
		}
	})
	return m
}

func (d decoder) riskLevels(n *yaml.Node) []RiskLevel {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, "risk_levels must be a non-empty list of {id, label, description}")
		return DefaultRiskLevels
	}
	var out []RiskLevel
	for _, item := range n.Content {
		var r RiskLevel
		d.fields(resolveAlias(item), []string{"id", "label", "description"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "id":
				r.ID, _ = d.str(v, key)
			case "label":
				r.Label, _ = d.str(v, key)
			case "description":
				r.Description, _ = d.str(v, key)
			}
		})
		if r.ID == "" {
			d.errorf(item, "a risk level needs an id")
			continue
		}
		if r.Label == "" {
			r.Label = r.ID
		}
		out = append(out, r)
	}
	return out
}

// Risk returns the level with the given id.
func (c *Config) Risk(id string) (RiskLevel, bool) {
	for _, r := range c.RiskLevels {
		if r.ID == id {
			return r, true
		}
	}
	return RiskLevel{}, false
}

func (c *Config) riskIDs() []string {
	ids := make([]string, len(c.RiskLevels))
	for i, r := range c.RiskLevels {
		ids[i] = r.ID
	}
	return ids
}

// Langs returns the site's languages, the default first.
func (c *Config) Langs() []string {
	if len(c.Languages) == 0 {
		return []string{c.Language}
	}
	return c.Languages
}
