package render

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
)

// File is one output file: a slash path under public/ and its bytes.
type File struct {
	Path string
	Data []byte

	buffers *sync.Pool // where Recycle puts Data back, for a page
}

// Renderer renders one site. It is safe for concurrent use once built.
type Renderer struct {
	// Workers is how many goroutines render generated pages; 0 means one
	// per processor.
	Workers int

	site     *model.Site
	md       *markdown.Converter
	urls     URLs
	i18n     *i18n
	sets     map[string]*pageSet
	funcMap  template.FuncMap
	common   *template.Template // base.html and the partials, for partialCached
	partials sync.Map           // partialCached results by name and variant
	sizes    sync.Map           // template name -> size of the largest page it made
	timeTags dateTags           // each date's <time> element, for timeTag
	lang     string             // the language of the pages this renderer makes
	info     *SiteInfo
	version  string
}

// New prepares templates (from fsys: templates/ and i18n/, the site's files
// over the defaults) for site. Template problems are added to l.
func New(site *model.Site, md *markdown.Converter, fsys fs.FS, version string, l *diag.List) *Renderer {
	return NewLang(site, md, fsys, version, site.Config.Language, l)
}

// NewLang prepares the renderer of the site's pages in one of its
// languages; the default language's pages sit at the root, the others'
// under /LANG/.
func NewLang(site *model.Site, md *markdown.Converter, fsys fs.FS, version, lang string, l *diag.List) *Renderer {
	r := &Renderer{site: site, md: md, urls: NewURLs(site.Config.BaseURL, site.Config.Offline), version: version, lang: lang}
	if lang != site.Config.Language {
		r.urls = r.urls.WithLang(lang)
	}
	r.i18n = loadI18n(fsys, lang, site.Config.Language, l)
	r.loadTemplates(fsys, l)
	r.info = r.siteInfo()
	return r
}

// T returns an interface string in the site's language.
func (r *Renderer) T(key string, args ...any) string { return r.i18n.T(key, args...) }

// URLs returns the renderer's URL maker.
func (r *Renderer) URLs() URLs { return r.urls }

// Lists are the URLs of generated pages that a content page at the same
// URL introduces (its body becomes the list's introduction).
var Lists = []string{"/", "/situations/", "/states/", "/treaties/", MatrixURL, "/commitments/", "/compliance/", "/data/", "/search/"}

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
	// html/template escapes a set when it first runs it; the escapers
	// that change nothing are then taken out, before any other page of
	// the kind runs.
	first := false
	var out []byte
	var err error
	set.trimmed.Do(func() {
		first = true
		if out, err = r.run(name, set, data); err == nil {
			trim(treesOf(set.t), r.funcMap)
		}
	})
	if first {
		return out, err
	}
	return r.run(name, set, data)
}

// run executes a page's template set on data.
func (r *Renderer) run(name string, set *pageSet, data any) ([]byte, error) {
	// Pages of one kind are alike in size, so the buffer starts at the
	// size of the largest so far: growing a buffer from nothing to 60 KB
	// copies and clears memory a dozen times over. A page already written
	// may have handed its bytes back (Recycle).
	hint, _ := r.sizes.Load(name)
	n, _ := hint.(int)
	var buf *bytes.Buffer
	if b, ok := set.buffers.Get().(*[]byte); ok && cap(*b) >= n {
		buf = bytes.NewBuffer((*b)[:0])
	} else {
		buf = bytes.NewBuffer(make([]byte, 0, n+n/8))
	}
	flat := flatten(data)
	if flat != data {
		originals.Store(flat, data)
		defer originals.Delete(flat)
	}
	if err := set.t.ExecuteTemplate(buf, tmplBase, flat); err != nil {
		// Run again on the data as given, so that the message names the
		// page's own type rather than its flattened twin.
		buf.Reset()
		if err2 := set.t.ExecuteTemplate(buf, tmplBase, data); err2 != nil {
			err = err2
		}
		return nil, templateError(err)
	}
	if buf.Len() > n {
		r.sizes.Store(name, buf.Len())
	}
	return buf.Bytes(), nil
}

// Recycle hands back the bytes of a page that has been written out and
// will never be read again, for a later page of its kind to render into:
// at ten thousand briefs, fresh buffers are a tenth of all the memory a
// build allocates, and clearing them a noticeable share of its time. Files
// that are not pages are left to the collector.
func Recycle(f File) {
	if f.buffers != nil && cap(f.Data) > 0 {
		b := f.Data[:0]
		f.buffers.Put(&b)
	}
}

// htmlFile renders a page at a site URL ending in "/" (written as
// URL/index.html) or naming a file.
func (r *Renderer) htmlFile(url, tmpl string, data any) (File, error) {
	b, err := r.execute(tmpl, data)
	if err != nil {
		return File{}, err
	}
	if r.lang != r.site.Config.Language {
		url = "/" + r.lang + url
	}
	return File{Path: OutputPath(url), Data: b, buffers: &r.sets[tmpl].buffers}, nil
}

// Default reports whether the renderer makes the default language's pages,
// which also own the files every language shares (feeds, data, sitemap).
func (r *Renderer) Default() bool { return r.lang == r.site.Config.Language }

// Lang is the language of the pages the renderer makes.
func (r *Renderer) Lang() string { return r.lang }

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
// p is an original or one of its translations; rendered by another
// language's renderer, an original stands in for a missing translation and
// is marked as such.
func (r *Renderer) Page(p *model.Page, doc markdown.Doc) (File, error) {
	url := siteURL(p)
	if p.Kind == model.KindBrief {
		return r.htmlFile(url, tmplBrief, r.briefPage(p, doc))
	}
	return r.htmlFile(url, tmplPage, r.contentPage(p, doc))
}

// siteURL is a page's path without a language prefix: a translation's is
// its original's.
func siteURL(p *model.Page) string {
	if p.Original != nil {
		return p.Original.URL
	}
	return p.URL
}

// Generated renders every page that is not a content file: the home page,
// lists, state, treaty and commitment pages, their feeds, the data
// exports, the feed, sitemap, robots.txt and 404. intros holds the
// converted Markdown of content pages at list URLs. Pages are rendered on
// all cores into a slice by index and emitted in order, so the output does
// not depend on scheduling.
func (r *Renderer) Generated(intros map[string]markdown.Doc, emit func(File) error) error {
	page := func(url, tmpl string, data func() any) func() ([]File, error) {
		return func() ([]File, error) {
			f, err := r.htmlFile(url, tmpl, data())
			return []File{f}, err
		}
	}
	one := func(job func() (File, error)) func() ([]File, error) {
		return func() ([]File, error) {
			f, err := job()
			return []File{f}, err
		}
	}
	if !r.Default() {
		one = func(func() (File, error)) func() ([]File, error) {
			return func() ([]File, error) { return nil, nil }
		}
	}
	jobs := []func() ([]File, error){
		page("/", tmplHome, func() any { return r.homePage(intros["/"]) }),
		page("/situations/", tmplBriefList, func() any { return r.briefList(intros["/situations/"]) }),
		page("/states/", tmplStateList, func() any { return r.stateList(intros["/states/"]) }),
		page("/treaties/", tmplTreatyList, func() any { return r.treatyList(intros["/treaties/"]) }),
		page(MatrixURL, tmplMatrix, func() any { return r.matrixPage(intros[MatrixURL]) }),
		page("/commitments/", tmplCommitmentList, func() any { return r.commitmentList(intros["/commitments/"]) }),
		page("/compliance/", tmplCompliance, func() any { return r.compliancePage(intros["/compliance/"]) }),
		page("/data/", tmplData, func() any { return r.dataIndex(intros["/data/"]) }),
		one(func() (File, error) { return r.htmlFile("/404.html", tmpl404, r.notFound()) }),
		page("/search/", tmplSearch, func() any { return r.searchPage(intros["/search/"]) }),
		r.shared(r.exports),
		one(r.feed),
		one(r.sitemap),
		one(r.robots),
		one(r.sprite),
	}
	for _, st := range r.site.States {
		jobs = append(jobs,
			page(StateURL(st.Code), tmplState, func() any { return r.statePage(st) }),
			one(func() (File, error) { return r.stateFeed(st) }))
	}
	for _, t := range r.site.Treaties {
		jobs = append(jobs,
			page(TreatyURL(t.ID), tmplTreaty, func() any { return r.treatyPage(t) }),
			one(func() (File, error) { return r.treatyFeed(t) }))
	}
	for _, c := range r.site.Commitments {
		jobs = append(jobs, page(CommitmentURL(c.ID), tmplCommitment, func() any { return r.commitmentPage(c) }))
	}
	results := make([][]File, len(jobs))
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				results[i], errs[i] = jobs[i]()
			}
		}()
	}
	wg.Wait()
	var problems diag.List
	for i, files := range results {
		if errs[i] != nil {
			problems.Append(diag.AsList(errs[i])...)
			continue
		}
		for _, f := range files {
			if err := emit(f); err != nil {
				return err
			}
		}
	}
	return problems.Err()
}

// shared runs a job that writes files every language shares only for the
// default language.
func (r *Renderer) shared(job func() ([]File, error)) func() ([]File, error) {
	if r.Default() {
		return job
	}
	return func() ([]File, error) { return nil, nil }
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
	for _, t := range r.site.Treaties {
		urls = append(urls, TreatyURL(t.ID))
	}
	for _, c := range r.site.Commitments {
		urls = append(urls, CommitmentURL(c.ID))
	}
	sort.Strings(urls)
	return urls
}
