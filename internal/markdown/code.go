package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// formatter renders highlighted code with CSS classes only, so that pages
// carry no style attributes; StyleCSS writes the matching rules with the
// same formatter, which keeps the class names of both in step.
var formatter = chromahtml.New(chromahtml.WithClasses(true))

// codeHighlighter renders fenced code blocks with chroma.
type codeHighlighter struct{}

func (e *codeHighlighter) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e *codeHighlighter) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

func renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	buf := getBuf()
	defer putBuf(buf)
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		buf.Write(seg.Value(src))
	}
	if lexer := lexerFor(n.Language(src)); lexer != nil {
		if it, err := lexer.Tokenise(nil, buf.String()); err == nil {
			if formatter.Format(w, styles.Fallback, it) == nil {
				_ = w.WriteByte('\n')
				return ast.WalkSkipChildren, nil
			}
		}
	}
	// No language, an unknown one, or a lexer that failed: plain code.
	_, _ = w.WriteString("<pre><code>")
	_, _ = w.Write(util.EscapeHTML(buf.Bytes()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// lexerCache maps a fence's language name to its lexer, or to nil when
// chroma has none: lexers.Get scans every lexer's file patterns on a miss,
// which is far slower than rendering the block.
var lexerCache sync.Map

// maxCachedLanguages bounds the cache, since language names come from
// user input.
const maxCachedLanguages = 512

var cachedLanguages struct {
	sync.Mutex
	n int
}

func lexerFor(lang []byte) chroma.Lexer {
	if len(lang) == 0 {
		return nil
	}
	name := strings.ToLower(string(lang))
	if v, ok := lexerCache.Load(name); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	var l chroma.Lexer
	if found := lexers.Get(name); found != nil {
		l = chroma.Coalesce(found)
	}
	cachedLanguages.Lock()
	if cachedLanguages.n < maxCachedLanguages {
		if _, loaded := lexerCache.LoadOrStore(name, l); !loaded {
			cachedLanguages.n++
		}
	}
	cachedLanguages.Unlock()
	return l
}

// StyleCSS returns a stylesheet for chroma's CSS classes in the named style;
// an unknown style is an error that lists a few valid names.
func StyleCSS(style string) ([]byte, error) {
	s, ok := styles.Registry[style]
	if !ok {
		return nil, fmt.Errorf("unknown highlight style %q; valid styles include %s", style, someStyles(style))
	}
	var b bytes.Buffer
	if err := formatter.WriteCSS(&b, s); err != nil {
		return nil, fmt.Errorf("writing CSS for highlight style %q: %w", style, err)
	}
	return b.Bytes(), nil
}

// someStyles names a handful of styles, those sharing a prefix with the
// wanted one first, so that a typo is easy to correct.
func someStyles(want string) string {
	names := styles.Names()
	sort.Strings(names)
	want = strings.ToLower(want)
	var near, rest []string
	for _, n := range names {
		if want != "" && (strings.HasPrefix(n, want[:1])) {
			near = append(near, n)
		} else {
			rest = append(rest, n)
		}
	}
	pick := append(near, rest...)
	if len(pick) > 6 {
		pick = pick[:6]
	}
	return strings.Join(pick, ", ")
}
