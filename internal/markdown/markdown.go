package markdown

import (
	"bytes"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// Links resolves a root-relative link destination written in Markdown (e.g.
// "/situations/syria/") to the URL to emit (e.g. "/r2p/situations/syria/"
// under a sub-path base_url, or a relative path in offline builds). ok=false
// leaves the destination unchanged.
//
// Resolve is called from many goroutines at once and must be safe for
// concurrent use. It receives the destination as written, query and fragment
// included.
type Links interface {
	Resolve(ref string) (url string, ok bool)
}

// Config is the per-site configuration of a Converter.
type Config struct {
	Unsafe         bool   // raw HTML passes through; otherwise it is escaped (shown as text), not omitted
	SymbolURL      string // template for UN document symbol links, containing "{symbol}"; "" means DefaultSymbolURL; "-" disables symbol linking
	HighlightStyle string // chroma style name, only used by StyleCSS callers; code is always rendered with CSS classes
	Links          Links  // may be nil
	// The accessible names of the links r2p adds, in the page's language:
	// a heading's anchor ("Link to this section") and a paragraph's number
	// ("Paragraph %d"); empty means English.
	AnchorLabel, ParagraphLabel string
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// DefaultSymbolURL is the link template used when Config.SymbolURL is empty.
const DefaultSymbolURL = "https://undocs.org/{symbol}"

// Options are the per-document settings of one Convert call.
type Options struct {
	Path     string // site-relative path of the file, for diagnostics
	Line     int    // 1-based line in the file where the Markdown body starts (front matter precedes it)
	Numbered bool   // number body paragraphs (situation briefs)
}

// Heading is one entry of a document's table of contents.
type Heading struct {
	Level    int
	ID, Text string
}

// Doc is a converted Markdown document.
type Doc struct {
	HTML       string    // rendered HTML
	TOC        []Heading // headings in order, with their ids
	Text       string    // plain text of the body, for search and summaries
	Paragraphs int       // number of numbered paragraphs (0 unless Options.Numbered)
}

// Converter turns Markdown into HTML with r2p's dialect. It is built once
// per configuration and is safe for concurrent use.
type Converter struct {
	cfg Config
	md  goldmark.Markdown
	// Parsers for documents where goldmark's linkify would find nothing,
	// or no e-mail address (see Converter.parse).
	noLinkify, urlLinkify parser.Parser
}

// New builds a Converter. Building goldmark is costly compared with
// converting one page, so callers keep the Converter for the whole build.
func New(cfg Config) *Converter {
	c := &Converter{cfg: cfg, md: build(cfg, extension.Linkify)}
	c.noLinkify = build(cfg, nil).Parser()
	c.urlLinkify = build(cfg, urlLinkify{}).Parser()
	return c
}

// build makes goldmark with r2p's extensions and autolinks, one of the
// linkify extensions or nil.
func build(cfg Config, autolinks goldmark.Extender) goldmark.Markdown {
	exts := []goldmark.Extender{
		extension.Strikethrough,
		extension.TaskList,
		extension.Footnote,
		// Unicode characters rather than the default named entities keep the
		// HTML short and let Doc.Text reuse the substitutions verbatim.
		extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
			extension.LeftSingleQuote:  "‘",
			extension.RightSingleQuote: "’",
			extension.LeftDoubleQuote:  "“",
			extension.RightDoubleQuote: "”",
			extension.EnDash:           "–",
			extension.EmDash:           "—",
			extension.Ellipsis:         "…",
			extension.LeftAngleQuote:   "«",
			extension.RightAngleQuote:  "»",
			extension.Apostrophe:       "’",
		})),
		&linkSafety{links: cfg.Links},
		newHeadingIDs(orDefault(cfg.AnchorLabel, "Link to this section")),
		newNumberedParagraphs(orDefault(cfg.ParagraphLabel, "Paragraph %d")),
		&codeHighlighter{},
		&tableAlign{},
	}
	if autolinks != nil {
		exts = append(exts, autolinks)
	}
	if !cfg.Unsafe {
		exts = append(exts, &rawHTMLEscaper{})
	}
	if cfg.SymbolURL != "-" {
		tmpl := cfg.SymbolURL
		if tmpl == "" {
			tmpl = DefaultSymbolURL
		}
		exts = append(exts, NewSymbols(tmpl))
	}
	rendererOpts := []goldmark.Option{
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute()),
	}
	if cfg.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(rendererOpts...)
}

// stateKey holds the per-call *convState in the parser context. Every
// transformer reads its options from there, which is what lets one goldmark
// instance serve numbered and unnumbered documents at the same time.
var stateKey = parser.NewContextKey()

// convState is what one Convert call shares with the transformers.
type convState struct {
	numbered bool
	inline   bool // Inline: no heading ids or anchors
	toc      []Heading
	paras    int
	diags    []offsetDiag
	// For a document parsed without linkify although it holds URLs: where
	// they start, and whether the link pass found them all in links.
	urlStarts   []int
	urlsInLinks bool
}

type offsetDiag struct {
	offset int
	msg    string
}

func stateOf(pc parser.Context) *convState {
	s, _ := pc.Get(stateKey).(*convState)
	if s == nil {
		// A parser context without our state comes from a caller that
		// used the extensions on their own; give it the defaults.
		s = &convState{}
		pc.Set(stateKey, s)
	}
	return s
}

// addDiag records a problem at a byte offset of the source; Convert turns
// offsets into lines and columns once, at the end.
func addDiag(pc parser.Context, offset int, msg string) {
	s := stateOf(pc)
	s.diags = append(s.diags, offsetDiag{offset: offset, msg: msg})
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// bufWriter lets goldmark render straight into a bytes.Buffer; given a
// plain io.Writer it would allocate a bufio.Writer per call and copy twice.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

func getBuf() *bytes.Buffer {
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func putBuf(b *bytes.Buffer) {
	// Keep pooled buffers small so that one huge page does not pin memory.
	if b.Cap() <= 1<<20 {
		bufPool.Put(b)
	}
}

// parse parses src, without goldmark's linkify where it would find nothing
// (see urlStarts). The transformers report to st, or to a fresh copy of st
// when the page had to be parsed again; parse returns the state that holds
// the result.
func (c *Converter) parse(src []byte, st *convState) (ast.Node, *convState) {
	starts, found := urlStarts(src)
	switch {
	case found == noAutolink:
		return parseWith(c.noLinkify, src, st), st
	case found == maybeEmail:
		return parseWith(c.md.Parser(), src, st), st
	case found == bareURL || keepsTrailingBlanks(src):
		return parseWith(c.urlLinkify, src, st), st
	case len(starts) == 0:
		return parseWith(c.noLinkify, src, st), st
	}
	fresh := *st
	st.urlStarts = starts
	root := parseWith(c.noLinkify, src, st)
	if st.urlsInLinks {
		return root, st
	}
	return parseWith(c.urlLinkify, src, &fresh), &fresh
}

func parseWith(p parser.Parser, src []byte, st *convState) ast.Node {
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	return p.Parse(text.NewReader(src), parser.WithContext(pc))
}

// Convert renders one Markdown body. The returned problems carry positions
// in the file named by opt.Path, counted from opt.Line.
func (c *Converter) Convert(src []byte, opt Options) (Doc, []diag.Error) {
	st := &convState{numbered: opt.Numbered}
	src = limitNesting(src, st)
	root, st := c.parse(src, st)

	buf := getBuf()
	defer putBuf(buf)
	var doc Doc
	if err := c.md.Renderer().Render(bufWriter{buf}, src, root); err != nil {
		// goldmark's renderers only fail when the writer fails, and a
		// bytes.Buffer does not; report it rather than lose it.
		st.diags = append(st.diags, offsetDiag{msg: "rendering Markdown: " + err.Error()})
	}
	doc.HTML = buf.String()
	buf.Reset()
	writePlainText(buf, root, src)
	doc.Text = string(bytes.TrimSpace(buf.Bytes()))
	doc.TOC = st.toc
	doc.Paragraphs = st.paras
	return doc, positions(src, opt, st.diags)
}

// positions converts byte offsets into file positions, counting lines
// once across the source rather than once per problem.
func positions(src []byte, opt Options, ds []offsetDiag) []diag.Error {
	if len(ds) == 0 {
		return nil
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].offset < ds[j].offset })
	line, lineStart, scanned := max(opt.Line, 1), 0, 0
	errs := make([]diag.Error, 0, len(ds))
	for _, d := range ds {
		off := min(max(d.offset, 0), len(src))
		for i := scanned; i < off; i++ {
			if src[i] == '\n' {
				line++
				lineStart = i + 1
			}
		}
		scanned = off
		errs = append(errs, diag.Error{Pos: diag.Pos{Path: opt.Path, Line: line, Col: off - lineStart + 1}, Msg: d.msg})
	}
	return errs
}

// Inline renders a short Markdown string (front-matter summaries, data
// notes) for the template function markdownify: when the result is a single
// paragraph, the <p> wrapper is removed. No paragraph numbering, no heading
// anchors; problems are not reported, since such strings have their own
// checks where they are read.
func (c *Converter) Inline(src string) string {
	b := []byte(src)
	root, _ := c.parse(b, &convState{inline: true})
	buf := getBuf()
	defer putBuf(buf)
	_ = c.md.Renderer().Render(bufWriter{buf}, b, root)
	out := buf.String()
	if root.ChildCount() == 1 && root.FirstChild().Kind() == ast.KindParagraph {
		out = strings.TrimSuffix(out, "\n")
		if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") {
			out = out[len("<p>") : len(out)-len("</p>")]
		}
	}
	return strings.TrimSuffix(out, "\n")
}
