package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/render"
	"github.com/r2p-monitor/r2p/internal/search"
	"github.com/r2p-monitor/r2p/internal/source"
)

// Options are the settings of one build.
type Options struct {
	Drafts   bool
	AsOf     string // YYYY-MM-DD; overrides site.yaml's as_of
	BaseURL  string // overrides site.yaml's base_url
	Preview  string // host:port of the live preview, which links then point at
	Workers  int    // goroutines rendering pages; 0 means one per processor
	Offline  bool   // write a site that works opened from disk (file://)
	Version  string // r2p's version, shown in "cite this page"
	Progress func(done, total int)
	// NoIndex leaves the search index out (the /search/ page is still
	// written). The benchmarks use it to measure what indexing costs.
	NoIndex bool
}

// Stats describe a finished build.
type Stats struct {
	Pages int   // HTML pages
	Files int   // all files
	Bytes int64 // their total size
	// Sources maps each output path to what produced it: the site file
	// (content/about.md, static/css/r2p.css) or, for generated files, a
	// description ("generated"). r2p check reports problems at the source.
	Sources map[string]string
}

// Sink receives each output file. It is called from several goroutines.
type Sink func(render.File) error

// Run builds the site whose directory is site, with defaults (templates,
// static files, translations) beneath it, and sends every output file to
// sink. All problems in the input are returned together as a
// diag.ErrorList.
func Run(site, defaults fs.FS, opt Options, sink Sink) (Stats, error) {
	if opt.Offline {
		sink = relativeLinks(sink)
	}
	var l diag.List
	src := source.Load(site, &l)
	p := newPipeline(site, defaults, src, opt, &l)
	// The model holds what pages need; the documents' YAML trees, a large
	// share of memory at scale, are not needed again.
	src.Docs = nil
	p.release = true
	c := &collector{sink: sink, seen: map[string]string{}}
	c.stats.Sources = c.seen
	p.render(c, noCache{}, opt.Progress)
	if err := c.err(); err != nil {
		return c.stats, err
	}
	return c.stats, l.Err()
}

// relativeLinks makes the links of every page relative to it, for an
// offline build (see render.Relativize).
func relativeLinks(sink Sink) Sink {
	return func(f render.File) error {
		if strings.HasSuffix(f.Path, ".html") || strings.HasSuffix(f.Path, ".svg") {
			f.Data = render.Relativize(f.Path, f.Data)
		}
		return sink(f)
	}
}

// pipeline is one build's model, Markdown converter and renderer.
type pipeline struct {
	site    fs.FS
	layers  Overlay
	src     *source.Site
	m       *model.Site
	md      *markdown.Converter
	mdCfg   markdown.Config
	r       *render.Renderer
	l       *diag.List
	workers int
	release bool          // drop sources once used: a one-off build, not the preview
	ix      *search.Index // nil when noIndex
	noIndex bool
	langs   []*langPipe // the default language first
}

func newPipeline(site, defaults fs.FS, src *source.Site, opt Options, l *diag.List) *pipeline {
	m := model.Build(src, model.Options{Drafts: opt.Drafts, AsOf: opt.AsOf, BaseURL: opt.BaseURL, PreviewHost: opt.Preview, Offline: opt.Offline}, l)
	p := &pipeline{site: site, layers: Overlay{Upper: site, Lower: defaults}, src: src, m: m, l: l, workers: opt.Workers, noIndex: opt.NoIndex}
	if p.workers <= 0 {
		p.workers = runtime.GOMAXPROCS(0)
	}
	p.mdCfg = markdown.Config{
		Unsafe:         m.Config.Markdown.Unsafe,
		SymbolURL:      m.Config.Markdown.SymbolURL,
		HighlightStyle: m.Config.Markdown.HighlightStyle,
		Links:          render.NewURLs(m.Config.BaseURL, m.Config.Offline),
	}
	p.mdCfg.AnchorLabel, p.mdCfg.ParagraphLabel = p.labels(m.Config.Language)
	return p
}

// prepare builds the converter (unless one for the same settings is given)
// and the renderer.
func (p *pipeline) prepare(md *markdown.Converter, version string) {
	p.md = md
	if p.md == nil {
		p.md = markdown.New(p.mdCfg)
	}
	p.langs = nil
	for _, lang := range p.m.Config.Langs() {
		lp := &langPipe{lang: lang, md: p.md}
		if lang != p.m.Config.Language {
			// Root-relative links in a translation lead to pages in its
			// own language.
			cfg := p.mdCfg
			cfg.Links = render.NewURLs(p.m.Config.BaseURL, p.m.Config.Offline).WithLang(lang)
			cfg.AnchorLabel, cfg.ParagraphLabel = p.labels(lang)
			lp.md = markdown.New(cfg)
		}
		lp.r = render.NewLang(p.m, lp.md, p.layers, version, lang, p.l)
		lp.r.Workers = p.workers
		p.langs = append(p.langs, lp)
	}
	p.r = p.langs[0].r
}

// labels are the accessible names of the links the Markdown converter
// adds, in lang.
func (p *pipeline) labels(lang string) (anchor, paragraph string) {
	def := p.m.Config.Language
	return render.Translate(p.layers, lang, def, "markdown.anchor"), render.Translate(p.layers, lang, def, "markdown.paragraph")
}

// langPipe renders the pages of one language.
type langPipe struct {
	lang string
	r    *render.Renderer
	md   *markdown.Converter // converts translations into this language
}

// pageJob is one page to render in one language: an original, its
// translation, or (for a language it lacks) the original standing in.
type pageJob struct {
	page *model.Page
	lang *langPipe
}

// render produces every output file into c.
func (p *pipeline) render(c *collector, cache pageCache, progress func(int, int)) {
	p.renderContext(context.Background(), c, cache, progress)
}

// renderContext is render that stops early, leaving the output incomplete,
// once ctx is cancelled.
func (p *pipeline) renderContext(ctx context.Context, c *collector, cache pageCache, progress func(int, int)) {
	if p.r == nil {
		p.prepare(nil, "")
	}
	p.ix = nil
	if !p.noIndex {
		p.ix = search.NewIndex(p.m.Config.Language)
		p.ix.Plan(searchURLs(p.m))
	}
	intros := c.pages(ctx, p, cache, progress)
	if ctx.Err() != nil {
		return
	}
	// The rest of the index and the generated pages need nothing from each
	// other: the index is written while the lists and data pages render.
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		c.searchIndex(p)
	}()
	defer func() { <-indexed }()
	def := intros[p.m.Config.Language]
	for _, lp := range p.langs {
		in := intros[lp.lang]
		for url, doc := range def {
			if _, ok := in[url]; !ok {
				in[url] = doc
			}
		}
		if err := lp.r.Generated(in, c.emit("generated")); err != nil {
			p.l.Append(diag.AsList(err)...)
		}
	}
	c.stylesheet(p.m, p.l)
	c.copyTree(p.layers, "static", p.l)
	c.copyAssets(p.site, p.src.Assets, p.l)
	c.headers(p.l)
}

// pageCache lets the live preview reuse conversions, search entries and
// rendered pages that an edit did not touch; a one-off build uses noCache.
type pageCache interface {
	// convert converts p's body; the plain text (Doc.Text) may be left
	// out unless withText.
	convert(md *markdown.Converter, p *model.Page, withText bool) (markdown.Doc, []diag.Error)
	analyzed(p *model.Page) (*search.Analyzed, bool)
	keepAnalyzed(p *model.Page, a *search.Analyzed)
	reuse(p *model.Page, lang string) (render.File, bool)
	rendered(p *model.Page, lang string, f render.File)
}

type noCache struct{}

func (noCache) convert(md *markdown.Converter, p *model.Page, _ bool) (markdown.Doc, []diag.Error) {
	return md.Convert(p.Body, markdown.Options{Path: p.Source, Line: p.BodyLine, Numbered: p.Kind == model.KindBrief})
}
func (noCache) analyzed(*model.Page) (*search.Analyzed, bool) { return nil, false }
func (noCache) keepAnalyzed(*model.Page, *search.Analyzed)    {}
func (noCache) reuse(*model.Page, string) (render.File, bool) { return render.File{}, false }
func (noCache) rendered(*model.Page, string, render.File)     {}

// collector passes files to the sink, counts them and refuses two files at
// one path (a static file shadowing a page, say).
type collector struct {
	sink   Sink
	mu     sync.Mutex
	seen   map[string]string // output path -> what produced it
	stats  Stats
	failed error
}

func (c *collector) emit(from string) Sink {
	return func(f render.File) error {
		c.mu.Lock()
		prev, dup := c.seen[f.Path]
		if !dup {
			c.seen[f.Path] = from
			c.stats.Files++
			c.stats.Bytes += int64(len(f.Data))
			if strings.HasSuffix(f.Path, ".html") {
				c.stats.Pages++
			}
		}
		c.mu.Unlock()
		if dup {
			return diag.Error{Pos: diag.Pos{Path: from}, Msg: fmt.Sprintf("writes public/%s, which %s also writes", f.Path, prev)}
		}
		if err := c.sink(f); err != nil {
			c.mu.Lock()
			if c.failed == nil {
				c.failed = err
			}
			c.mu.Unlock()
			return err
		}
		return nil
	}
}

func (c *collector) err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed
}

// pages converts and renders every content page on all cores. Pages at a
// list URL are not rendered here: their converted body is returned so the
// list can show it as its introduction.
func (c *collector) pages(ctx context.Context, pl *pipeline, cache pageCache, progress func(int, int)) map[string]map[string]markdown.Doc {
	intros := map[string]map[string]markdown.Doc{}
	for _, lp := range pl.langs {
		intros[lp.lang] = map[string]markdown.Doc{}
	}
	var mu sync.Mutex
	// Workers take the next page by index: handing pages over a channel
	// made a worker wait, now and then, for the sending goroutine to get a
	// core back, which at ten thousand pages added up to a quarter of a
	// second of idle cores.
	var next, done atomic.Int64
	pages := pl.m.Pages
	total := len(pages)
	var wg sync.WaitGroup
	for range pl.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			batch := indexBatch{c: c, pl: pl, cache: cache}
			for i := int(next.Add(1) - 1); i < total; i = int(next.Add(1) - 1) {
				p := pages[i]
				if ctx.Err() != nil {
					return
				}
				// One job renders a page in every language, so that the
				// languages lacking a translation reuse its conversion.
				memo := map[*model.Page]markdown.Doc{}
				for _, lp := range pl.langs {
					q := p
					if t, ok := p.Translations[lp.lang]; ok {
						q = t
					}
					c.page(pl, cache, pageJob{page: q, lang: lp}, intros[lp.lang], &mu, memo, &batch)
				}
				if pl.release {
					release(p)
				}
				if n := done.Add(1); progress != nil {
					progress(int(n), total)
				}
			}
			batch.flush()
		}()
	}
	wg.Wait()
	return intros
}

// release drops the Markdown of a page and its translations once they are
// rendered: a one-off build of 100,000 briefs need not hold every body.
func release(p *model.Page) {
	p.Body = nil
	for _, t := range p.Translations {
		t.Body = nil
	}
}

// page converts and renders one page in one language, and queues it in
// batch for the search index. A page standing in for a missing
// translation is not indexed again: the index has it under its own
// language.
func (c *collector) page(pl *pipeline, cache pageCache, j pageJob, intros map[string]markdown.Doc, mu *sync.Mutex, memo map[*model.Page]markdown.Doc, batch *indexBatch) {
	p, lp := j.page, j.lang
	md := pl.md
	if p.Original != nil {
		md = lp.md
	}
	own := p.Lang == lp.lang
	if render.IsList(siteURLOf(p)) {
		doc, errs := cache.convert(md, p, false)
		pl.l.Append(errs...)
		mu.Lock()
		intros[siteURLOf(p)] = doc
		mu.Unlock()
		return
	}
	a, indexed := cache.analyzed(p)
	if f, ok := cache.reuse(p, lp.lang); ok && (indexed || !own) {
		if own {
			c.index(pl, a)
		}
		if err := c.emit(p.Source)(f); err != nil {
			pl.l.Append(diag.AsList(err)...)
		}
		return
	}
	doc, seen := memo[p]
	var errs []diag.Error
	if !seen || own && !indexed && pl.ix != nil && doc.Text == "" {
		doc, errs = cache.convert(md, p, own && !indexed && pl.ix != nil)
		memo[p] = doc
	}
	if own {
		pl.l.Append(errs...)
	}
	if own && pl.ix != nil {
		if indexed {
			c.index(pl, a)
		} else {
			batch.add(p, pageDoc(pl.m, p, doc))
		}
	}
	f, err := lp.r.Page(p, doc)
	if errors.Is(err, render.ErrNoTemplate) {
		return
	}
	if err != nil {
		pl.l.Append(diag.AsList(err)...)
		return
	}
	cache.rendered(p, lp.lang, f)
	if err := c.emit(p.Source)(f); err != nil {
		pl.l.Append(diag.AsList(err)...)
	}
}

// indexBatch holds a worker's pages that wait to be analyzed for the
// search index. Analyzing them a batch at a time, rather than each between
// its conversion and its rendering, keeps the language's word table,
// which is read for every word, in the core's cache across the batch:
// rendering a page evicts much of it.
type indexBatch struct {
	c     *collector
	pl    *pipeline
	cache pageCache
	pages []*model.Page
	docs  []search.Doc
}

// indexBatchSize is how many pages a batch holds: some 64 pages' text,
// a few hundred kilobytes, per worker.
const indexBatchSize = 64

// add queues a page and its search doc, analyzing the batch once it is
// full.
func (b *indexBatch) add(p *model.Page, d search.Doc) {
	b.pages = append(b.pages, p)
	b.docs = append(b.docs, d)
	if len(b.pages) == indexBatchSize {
		b.flush()
	}
}

// flush analyzes and indexes the queued pages.
func (b *indexBatch) flush() {
	for i, p := range b.pages {
		a := search.Analyze(b.docs[i], p.Lang)
		b.cache.keepAnalyzed(p, a)
		b.c.index(b.pl, a)
	}
	clear(b.pages)
	clear(b.docs) // the docs hold the pages' text
	b.pages, b.docs = b.pages[:0], b.docs[:0]
}

// siteURLOf is a page's path without its language prefix.
func siteURLOf(p *model.Page) string {
	if p.Original != nil {
		return p.Original.URL
	}
	return p.URL
}

// index adds a page to the search index and writes its fragment (the
// text shown in results) at once, so the index need not hold every page's
// text until the end.
func (c *collector) index(pl *pipeline, a *search.Analyzed) {
	if pl.ix == nil {
		return
	}
	if path, data, ok := pl.ix.AddFragment(a, pl.m.Config.Offline); ok {
		if err := c.emit("the search index")(render.File{Path: path, Data: data}); err != nil {
			pl.l.Append(diag.AsList(err)...)
		}
	}
}

// searchIndex adds the states, treaties and commitments to the index and
// writes the rest of it.
func (c *collector) searchIndex(pl *pipeline) {
	if pl.ix == nil {
		return
	}
	for _, d := range dataDocs(pl.m, pl.r.T) {
		c.index(pl, search.Analyze(d, pl.m.Config.Language))
	}
	emit := c.emit("the search index")
	err := pl.ix.FilesFunc(pl.m.Config.Offline, func(path string, data []byte) error {
		return emit(render.File{Path: path, Data: data})
	})
	if err != nil {
		pl.l.Append(diag.AsList(err)...)
	}
}

// stylesheet writes css/chroma.css for code highlighting in the style
// site.yaml names.
func (c *collector) stylesheet(m *model.Site, l *diag.List) {
	css, err := markdown.StyleCSS(m.Config.Markdown.HighlightStyle)
	if err != nil {
		l.Addf(diag.Pos{Path: source.ConfigPath}, "markdown.highlight_style: %v", err)
		return
	}
	if err := c.emit("the highlighting stylesheet")(render.File{Path: "css/chroma.css", Data: css}); err != nil {
		l.Append(diag.AsList(err)...)
	}
}

// copyTree copies every file under dir of fsys to the same path under
// public/, without dir.
func (c *collector) copyTree(fsys fs.FS, dir string, l *diag.List) {
	var files []string
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir {
				l.Addf(diag.Pos{Path: p}, "cannot read: %v", err)
			}
			return nil
		}
		if d.IsDir() && p != dir && source.Ignored(d.Name()) {
			return fs.SkipDir
		}
		if !d.IsDir() && !source.Ignored(d.Name()) {
			files = append(files, p)
		}
		return nil
	})
	c.copyFiles(fsys, files, dir, l)
}

// copyAssets copies non-Markdown files found under content/ beside the
// pages that use them: content/situations/map.png -> /situations/map.png.
func (c *collector) copyAssets(fsys fs.FS, files []string, l *diag.List) {
	c.copyFiles(fsys, files, "content", l)
}

func (c *collector) copyFiles(fsys fs.FS, files []string, strip string, l *diag.List) {
	sort.Strings(files)
	for _, p := range files {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Addf(diag.Pos{Path: p}, "cannot read: %v", err)
			continue
		}
		out := strings.TrimPrefix(p, strip+"/")
		if err := c.emit(p)(render.File{Path: path.Clean(out), Data: data}); err != nil {
			l.Append(diag.AsList(err)...)
		}
	}
}
