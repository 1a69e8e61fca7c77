package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
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

// Files is a whole build in memory: output paths (as under public/) to
// their contents, compressed (see Output).
type Files map[string]*Output

// Memory is a build kept in memory and brought up to date edit by edit, for
// the live preview. Its output after any sequence of edits is the output a
// fresh build of the same files gives: it reuses only what the edited files
// cannot have changed.
//
// A page's output depends on its own file and on what every page shares:
// site.yaml, templates, translations, data tables and the menu. While none
// of those changed, an unchanged page's previous output is reused; lists,
// state pages, feeds and the sitemap are rendered again each time.
type Memory struct {
	site, defaults fs.FS
	opt            Options
	docs           *source.Cache

	mu     sync.Mutex
	md     *markdown.Converter
	mdKey  string // the settings md was built with
	shared string // what every page shows: menu, as_of

	// out holds each page's rendered output, shared with files.
	out map[outKey]pageOut
	// analyzed holds each page's search entry; it depends on the page and
	// on site.yaml and the data tables (regions, language), not on
	// templates.
	analyzed map[*source.Doc]*search.Analyzed
	files    Files
	base     atomic.Pointer[string] // base_url's path in the last build
	snap     atomic.Pointer[snapshot]
	// released holds the documents whose Markdown has been let go (see
	// memoryCache.convert).
	released map[*source.Doc]bool
	refined  chan struct{} // closed once the first build's outputs are compressed properly
}

// BasePath returns base_url's path as of the last rebuild ("/" before).
// It does not wait for a rebuild under way, so it may be called from the
// callback Rebuild makes.
func (m *Memory) BasePath() string {
	if b := m.base.Load(); b != nil {
		return *b
	}
	return "/"
}

// NewMemory prepares an in-memory build of site.
func NewMemory(site, defaults fs.FS, opt Options) *Memory {
	return &Memory{site: site, defaults: defaults, opt: opt, docs: source.NewCache(), refined: make(chan struct{})}
}

// Refined is closed once the outputs of the first good build, compressed
// coarsely so that it is quick, are compressed properly: the preview then
// holds what it will hold from then on.
func (m *Memory) Refined() <-chan struct{} { return m.refined }

// Files returns the current output (nil before the first good build). The
// map is never modified afterwards, so callers may keep it.
func (m *Memory) Files() Files {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Rebuild brings the build up to date after changes to the given site paths
// (slash-separated, relative to the site directory); nil means everything.
// When the edit touched only Markdown files, first is called as soon as
// those files' own pages are rendered, with the output as it then stands
// and the URL paths that changed, so that the page an author is looking at
// can be shown before lists and feeds catch up. Rebuild returns the
// complete output and the URL paths whose files changed. On problems it
// returns them and keeps the previous output.
func (m *Memory) Rebuild(changed []string, first func(Files, []string)) (Files, []string, error) {
	return m.RebuildContext(context.Background(), changed, first)
}

// RebuildContext is Rebuild that gives up when ctx is cancelled, returning
// ctx's error and keeping the previous output. The caches stay consistent,
// so the next rebuild (with the same changes again) completes the work.
func (m *Memory) RebuildContext(ctx context.Context, changed []string, first func(Files, []string)) (Files, []string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	global := changed == nil || m.files == nil
	reindex := global || m.analyzed == nil
	for _, p := range changed {
		m.docs.ForgetTree(p)
		global = global || sharedInput(p)
		reindex = reindex || p == "content" || p == source.ConfigPath || p == source.DataDir || strings.HasPrefix(p, source.DataDir+"/")
	}
	if reindex {
		m.analyzed = map[*source.Doc]*search.Analyzed{}
	}
	var l diag.List
	src := source.LoadCached(m.site, &l, m.docs)
	restoreMeta(src.Docs, &l)
	pl := newPipeline(m.site, m.defaults, src, m.opt, &l)
	// The model holds what pages need of their front matter.
	dropMeta(src.Docs)
	base := pl.m.Config.BaseURL.Path
	m.base.Store(&base)
	if shared := sharedKey(pl.m); shared != m.shared {
		m.shared, global = shared, true
	}
	if key := converterKey(pl.mdCfg); m.md == nil || key != m.mdKey {
		m.md, m.mdKey, global = markdown.New(pl.mdCfg), key, true
	}
	if global {
		m.out = map[outKey]pageOut{}
	}
	if m.files == nil {
		// Nothing is served before the first build: it may use every
		// processor.
		pl.workers = runtime.GOMAXPROCS(0)
	}
	pl.prepare(m.md, m.opt.Version)
	cache := &memoryCache{m: m, docs: docsByPath(src), made: map[string]made{}}
	shown := m.files
	if !global && first != nil && l.Len() == 0 {
		shown = m.renderEdited(pl, cache, first)
	}
	// The first build's outputs are coarse (see storeOutput).
	coarse := m.files == nil
	files := make(Files, len(m.files))
	var mu sync.Mutex
	c := &collector{seen: map[string]string{}, sink: func(f render.File) error {
		o := cache.take(f)
		if o == nil {
			o = storeOutput(m.files[f.Path], f.Path, f.Data, coarse)
		}
		mu.Lock()
		files[f.Path] = o
		mu.Unlock()
		return nil
	}}
	pl.renderContext(ctx, c, cache, nil)
	l.Append(cache.failed...)
	m.prune(cache.docs)
	if err := ctx.Err(); err != nil {
		return m.files, nil, err
	}
	if err := l.Err(); err != nil {
		return m.files, nil, err
	}
	paths := diff(shown, files)
	m.files = files
	if coarse {
		go refine(files, m.refined)
	}
	m.snap.Store(&snapshot{fronts: frontsOf(cache.docs), pages: pagesBySource(pl.m), md: m.md, r: pl.r})
	return files, paths, nil
}

// dropMeta lets the YAML trees of the documents' front matter go once the
// model is built: at 10,000 briefs they are some 50 MB, which the preview
// would otherwise hold between rebuilds. A document keeps its front
// matter's text (Doc.Front), from which restoreMeta decodes the tree again
// for the next rebuild; a tree is never needed once the model is built.
func dropMeta(docs []*source.Doc) {
	for _, d := range docs {
		d.Meta = nil
	}
}

// restoreMeta decodes again the front matter dropMeta let go. The text
// decoded without a problem before (the source cache keeps only such
// documents), so it gives the same tree.
func restoreMeta(docs []*source.Doc, l *diag.List) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(docs); i = int(next.Add(1) - 1) {
				if d := docs[i]; d.Meta == nil && d.MetaLine != 0 {
					d.Meta = source.ParseYAML(d.Path, d.Front, d.MetaLine, l)
				}
			}
		}()
	}
	wg.Wait()
}

// snapshot is what Quick needs of the last good build. It shares nothing
// that a rebuild modifies, so Quick may run while one does.
type snapshot struct {
	fronts map[string]front
	pages  map[string]*model.Page
	md     *markdown.Converter
	r      *render.Renderer
}

// front is what a document was built from besides its Markdown.
type front struct {
	text     []byte // Doc.Front
	bodyLine int
}

func frontsOf(docs map[string]*source.Doc) map[string]front {
	m := make(map[string]front, len(docs))
	for p, d := range docs {
		m[p] = front{d.Front, d.BodyLine}
	}
	return m
}

func pagesBySource(s *model.Site) map[string]*model.Page {
	m := make(map[string]*model.Page, len(s.Pages))
	for _, p := range s.Pages {
		m[p.Source] = p
	}
	return m
}

// Quick is the fast path for the commonest edit: the body of a page or
// brief changed and its front matter did not. Nothing any other page shows
// can then have changed, except through lists of search results, feeds
// and the like that a following Rebuild brings up to date; so Quick
// converts and renders just the edited pages against the last good build
// and returns current with them replaced, and the URLs of the pages that
// changed. It returns ok=false, doing nothing, when any change falls
// outside that case or anything in it fails: Rebuild then does the work
// and reports the problems.
func (m *Memory) Quick(changed []string, current Files) (files Files, urls []string, ok bool) {
	s := m.snap.Load()
	if s == nil || current == nil || len(changed) == 0 {
		return nil, nil, false
	}
	var out []render.File
	for _, path := range changed {
		f, ok := m.quickPage(s, path)
		if !ok {
			return nil, nil, false
		}
		out = append(out, f)
	}
	files = make(Files, len(current))
	for k, v := range current {
		files[k] = v
	}
	for _, f := range out {
		if o := storeOutput(files[f.Path], f.Path, f.Data, false); o != files[f.Path] {
			files[f.Path] = o
			urls = append(urls, urlOf(f.Path))
		}
	}
	return files, urls, true
}

func (m *Memory) quickPage(s *snapshot, path string) (render.File, bool) {
	old, known := s.fronts[path]
	page := s.pages[path]
	if !known || page == nil || render.IsList(page.URL) {
		return render.File{}, false
	}
	data, err := fs.ReadFile(m.site, path)
	if err != nil {
		return render.File{}, false
	}
	var l diag.List
	d := source.ParseDoc(path, data, &l)
	if d == nil || l.Len() > 0 || !bytes.Equal(d.Front, old.text) || d.BodyLine != old.bodyLine {
		return render.File{}, false
	}
	edited := *page
	edited.Body = d.Body
	doc, errs := noCache{}.convert(s.md, &edited, false)
	if len(errs) > 0 {
		return render.File{}, false
	}
	f, err := s.r.Page(&edited, doc)
	return f, err == nil
}

// renderEdited renders the pages of files the edit touched and hands the
// output, with those pages replaced, to first. It returns what it handed
// over (the previous output when it handed over nothing).
func (m *Memory) renderEdited(pl *pipeline, cache *memoryCache, first func(Files, []string)) Files {
	files := make(Files, len(m.files))
	for k, v := range m.files {
		files[k] = v
	}
	var urls []string
	for _, p := range pl.m.Pages {
		if render.IsList(p.URL) {
			continue
		}
		if _, ok := cache.reuse(p, pl.m.Config.Language); ok {
			continue
		}
		if cache.load(p) != nil {
			return m.files
		}
		doc, errs := noCache{}.convert(pl.md, p, false)
		if len(errs) > 0 {
			return m.files
		}
		f, err := pl.r.Page(p, doc)
		if err != nil {
			return m.files
		}
		if o := storeOutput(files[f.Path], f.Path, f.Data, false); o != files[f.Path] {
			files[f.Path] = o
			urls = append(urls, urlOf(f.Path))
		}
	}
	if len(urls) == 0 {
		return m.files
	}
	first(files, urls)
	return files
}

// sharedInput reports whether a changed path is one that every page may
// depend on, so that no earlier output can be reused.
func sharedInput(p string) bool {
	switch {
	case p == "content", p == source.ConfigPath, p == source.DataDir,
		strings.HasPrefix(p, source.DataDir+"/"),
		p == "templates", strings.HasPrefix(p, "templates/"),
		p == "i18n", strings.HasPrefix(p, "i18n/"):
		return true
	}
	return false
}

// sharedKey sums up what every page shows that one page's file can change:
// the header menu and the as_of date (the newest page's date when site.yaml
// gives none).
func sharedKey(s *model.Site) string {
	var b strings.Builder
	b.WriteString(s.Config.AsOf.String())
	for _, p := range s.Pages {
		if p.Menu != "" {
			fmt.Fprintf(&b, "\x01%s\x00%s\x00%s\x00%d", p.Menu, p.URL, p.Title, p.Weight)
		}
	}
	return b.String()
}

// converterKey identifies the settings a Markdown converter was built with.
func converterKey(c markdown.Config) string {
	base := ""
	if u, ok := c.Links.(render.URLs); ok {
		base = u.Abs("/")
	}
	return fmt.Sprintf("%t\x00%s\x00%s\x00%s\x00%s\x00%s", c.Unsafe, c.SymbolURL, c.HighlightStyle, base, c.AnchorLabel, c.ParagraphLabel)
}

func docsByPath(src *source.Site) map[string]*source.Doc {
	m := make(map[string]*source.Doc, len(src.Docs))
	for _, d := range src.Docs {
		m[d.Path] = d
	}
	return m
}

// prune forgets conversions and pages of files that no longer exist.
func (m *Memory) prune(live map[string]*source.Doc) {

	for k := range m.out {
		if live[k.doc.Path] != k.doc {
			delete(m.out, k)
		}
	}
	for d := range m.analyzed {
		if live[d.Path] != d {
			delete(m.analyzed, d)
		}
	}
	for d := range m.released {
		if live[d.Path] != d {
			delete(m.released, d)
		}
	}
}

// Changed lists the URL paths of files added, changed or removed between
// two outputs.
func Changed(old, cur Files) []string { return diff(old, cur) }

// diff lists the URL paths of files added, changed or removed.
func diff(old, cur Files) []string {
	var out []string
	for k, v := range cur {
		if prev, ok := old[k]; !ok || !prev.Same(v) {
			out = append(out, urlOf(k))
		}
	}
	for k := range old {
		if _, ok := cur[k]; !ok {
			out = append(out, urlOf(k))
		}
	}
	sort.Strings(out)
	return out
}

// urlOf is the site path a browser asks for to get an output file:
// about/index.html -> /about/.
func urlOf(file string) string {
	if file == "index.html" {
		return "/"
	}
	if strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}

// memoryCache is the pageCache of an in-memory build. Pages are looked up
// by their *source.Doc: the source cache hands out the same Doc for a file
// until the file changes, so the same pointer means the same bytes.
type memoryCache struct {
	m    *Memory
	docs map[string]*source.Doc
	mu   sync.Mutex
	// made holds the outputs of pages the pipeline is about to hand to
	// the sink (reused, or rendered and compressed here), so that the
	// sink keeps them rather than compressing them again.
	made map[string]made
	// failed holds the problems met reading Markdown again.
	failed []diag.Error
}

// made is the output of a page on its way to the sink: data is the slice
// the pipeline passes along.
type made struct {
	data []byte
	out  *Output
}

// pageOut is a page's output kept for reuse.
type pageOut struct {
	path string
	out  *Output
}

// take returns the output made for f, if f is the file reuse or rendered
// handed over; nil otherwise. The identity of f.Data tells: the pipeline
// passes a page's file to the sink unchanged.
func (c *memoryCache) take(f render.File) *Output {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.made[f.Path]
	if !ok || len(e.data) != len(f.Data) || len(f.Data) > 0 && &e.data[0] != &f.Data[0] {
		return nil
	}
	delete(c.made, f.Path)
	return e.out
}

// convert converts a page's body afresh. Conversions are not kept: a page
// whose file did not change is reused whole (its rendered output and its
// search entry), so a conversion is needed again only after a change every
// page shares, such as a template, when all pages are rendered anyway;
// keeping them would cost the preview a fifth of its memory.
//
// For the same reason the Markdown itself is let go once converted (some
// 55 MB at 10,000 briefs), except that of list pages, whose introductions
// are converted on every rebuild: the rare rebuild that converts the page
// again reads its file again. The watcher reports a changed file, and the
// source cache then drops it, so what is read is what the model was built
// from.
func (c *memoryCache) convert(md *markdown.Converter, p *model.Page, withText bool) (markdown.Doc, []diag.Error) {
	if err := c.load(p); err != nil {
		return markdown.Doc{}, []diag.Error{*err}
	}
	doc, errs := noCache{}.convert(md, p, withText)
	if render.IsList(siteURLOf(p)) {
		return doc, errs
	}
	p.Body = nil
	c.mu.Lock()
	if d := c.docs[p.Source]; d != nil && !c.m.released[d] {
		// Front shares the file's bytes with Body: copied, it keeps
		// only itself.
		d.Front, d.Body = bytes.Clone(d.Front), nil
		if c.m.released == nil {
			c.m.released = map[*source.Doc]bool{}
		}
		c.m.released[d] = true
	}
	c.mu.Unlock()
	return doc, errs
}

// load reads again the Markdown of a page whose document convert let go.
// A problem is also kept for the rebuild to report: the pipeline reports
// only the problems of a page in its own language.
func (c *memoryCache) load(p *model.Page) *diag.Error {
	if p.Body != nil {
		return nil
	}
	c.mu.Lock()
	d := c.docs[p.Source]
	released := d != nil && c.m.released[d]
	c.mu.Unlock()
	if !released {
		return nil
	}
	body, err := readBody(c.m.site, p.Source)
	if err != nil {
		e := diag.Error{Pos: diag.Pos{Path: p.Source}, Msg: fmt.Sprintf("cannot read: %v", err)}
		c.mu.Lock()
		c.failed = append(c.failed, e)
		c.mu.Unlock()
		return &e
	}
	p.Body = body
	return nil
}

// readBody returns the Markdown of the document at path, after its front
// matter.
func readBody(fsys fs.FS, path string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, err
	}
	data, bad := source.Normalize(path, data)
	if bad != nil {
		return nil, bad
	}
	_, _, body, _, err := source.SplitFrontMatter(data)
	return body, err
}

func (c *memoryCache) analyzed(p *model.Page) (*search.Analyzed, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.m.analyzed[c.docs[p.Source]]
	return a, ok
}

func (c *memoryCache) keepAnalyzed(p *model.Page, a *search.Analyzed) {
	c.mu.Lock()
	c.m.analyzed[c.docs[p.Source]] = a
	c.mu.Unlock()
}

// reuse hands the pipeline a stand-in for the page's kept output: a file
// whose bytes are the compressed ones, which the sink recognises (take)
// and replaces with the output itself.
func (c *memoryCache) reuse(p *model.Page, lang string) (render.File, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m.out[outKey{c.docs[p.Source], lang}]
	if !ok {
		return render.File{}, false
	}
	f := render.File{Path: e.path, Data: e.out.token()}
	c.made[f.Path] = made{f.Data, e.out}
	return f, true
}

func (c *memoryCache) rendered(p *model.Page, lang string, f render.File) {
	o := storeOutput(c.m.files[f.Path], f.Path, f.Data, c.m.files == nil)
	c.mu.Lock()
	c.m.out[outKey{c.docs[p.Source], lang}] = pageOut{f.Path, o}
	c.made[f.Path] = made{f.Data, o}
	c.mu.Unlock()
}

// outKey names a page rendered in one language: a page without a
// translation is rendered in every language from the same file.
type outKey struct {
	doc  *source.Doc
	lang string
}
