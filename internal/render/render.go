package render

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"sort"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
)

// File is one output file: a slash path under public/ and its bytes.
type File struct {
	Path string
	Data []byte
}

// Renderer renders one site. It is safe for concurrent use once built.
type Renderer struct {
	site    *model.Site
	md      *markdown.Converter
	urls    URLs
	i18n    *i18n
	sets    map[string]*template.Template
	info    *SiteInfo
	version string
}

// New prepares templates (from fsys: templates/ and i18n/, the site's files
// over the defaults) for site. Template problems are added to l.
func New(site *model.Site, md *markdown.Converter, fsys fs.FS, version string, l *diag.List) *Renderer {
	r := &Renderer{site: site, md: md, urls: NewURLs(site.Config.BaseURL), version: version}
	r.i18n = loadI18n(fsys, site.Config.Language, l)
	r.loadTemplates(fsys, l)
	r.info = r.siteInfo()
	return r
}

// URLs returns the renderer's URL maker.
func (r *Renderer) URLs() URLs { return r.urls }

// Lists are the URLs of generated pages that a content page at the same
// URL introduces (its body becomes the list's introduction).
var Lists = []string{"/", "/situations/", "/states/"}

// IsList reports whether url is a generated list page.
func IsList(url string) bool {
	for _, u := range Lists {
		if u == url {
			return true
		}
	}
	return false
}

// ErrNoTemplate is returned for a page whose template did not load. The
// reason was reported when templates were loaded, so callers drop this
// error rather than repeat it for every page.
var ErrNoTemplate = errors.New("template not loaded")

func (r *Renderer) execute(name string, data any) ([]byte, error) {
	set, ok := r.sets[name]
	if !ok {
		return nil, ErrNoTemplate
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, tmplBase, data); err != nil {
		return nil, templateError(err)
	}
	return buf.Bytes(), nil
}

// htmlFile renders a page at a site URL ending in "/" (written as
// URL/index.html) or naming a file.
func (r *Renderer) htmlFile(url, tmpl string, data any) (File, error) {
	b, err := r.execute(tmpl, data)
	if err != nil {
		return File{}, err
	}
	return File{Path: OutputPath(url), Data: b}, nil
}

// OutputPath maps a site URL to its file under public/: /about/ ->
// about/index.html, /404.html -> 404.html.
func OutputPath(url string) string {
	p := url[1:]
	if p == "" || p[len(p)-1] == '/' {
		p += "index.html"
	}
	return p
}

// Page renders a content page or brief from its converted Markdown.
func (r *Renderer) Page(p *model.Page, doc markdown.Doc) (File, error) {
	if p.Kind == model.KindBrief {
		return r.htmlFile(p.URL, tmplBrief, r.briefPage(p, doc))
	}
	return r.htmlFile(p.URL, tmplPage, r.contentPage(p, doc))
}

// Generated renders every page that is not a content file: the home page,
// lists, state pages, the feed, sitemap, robots.txt and 404. intros holds
// the converted Markdown of content pages at list URLs.
func (r *Renderer) Generated(intros map[string]markdown.Doc, emit func(File) error) error {
	jobs := []func() (File, error){
		func() (File, error) { return r.htmlFile("/", tmplHome, r.homePage(intros["/"])) },
		func() (File, error) {
			return r.htmlFile("/situations/", tmplBriefList, r.briefList(intros["/situations/"]))
		},
		func() (File, error) { return r.htmlFile("/states/", tmplStateList, r.stateList(intros["/states/"])) },
		func() (File, error) { return r.htmlFile("/404.html", tmpl404, r.notFound()) },
		r.feed,
		r.sitemap,
		r.robots,
	}
	for _, st := range r.site.States {
		st := st
		jobs = append(jobs, func() (File, error) { return r.htmlFile(StateURL(st.Code), tmplState, r.statePage(st)) })
	}
	var errs diag.List
	for _, job := range jobs {
		f, err := job()
		if errors.Is(err, ErrNoTemplate) {
			continue
		}
		if err != nil {
			errs.Append(diag.AsList(err)...)
			continue
		}
		if err := emit(f); err != nil {
			return err
		}
	}
	return errs.Err()
}

// Sitemap lists every HTML page the site has, sorted, for sitemap.xml.
func (r *Renderer) pageURLs() []string {
	urls := append([]string(nil), Lists...)
	for _, p := range r.site.Pages {
		if !IsList(p.URL) {
			urls = append(urls, p.URL)
		}
	}
	for _, st := range r.site.States {
		urls = append(urls, StateURL(st.Code))
	}
	sort.Strings(urls)
	return urls
}
