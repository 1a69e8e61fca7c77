// Package markdown converts the Markdown of r2p pages and situation briefs
// to HTML, and reports problems in it with file positions.
//
// A Converter is built once per site configuration with New and then used
// from many goroutines at once; Convert renders a page body, Inline a short
// string such as a summary.
//
// # Dialect
//
// The dialect is CommonMark with these additions:
//
//   - GitHub Flavored Markdown: tables, ~~strikethrough~~, task lists
//     ("- [x] done") and bare URLs and e-mail addresses made into links.
//   - Footnotes: "text[^1]" with "[^1]: the note" anywhere in the body. Notes
//     are listed at the end with ids "fn:N" and back links "fnref:N".
//   - Typography: straight quotes become curly ones, "--" an en dash, "---" an
//     em dash and "..." an ellipsis. The characters themselves are written,
//     not entities.
//   - Heading attributes: "## Background {#context .wide}" sets the id and
//     class. Any other attribute (style, on...) is dropped.
//
// # Headings
//
// Every heading gets an id and a self-link:
//
//	<h2 id="background">Background <a class="anchor" href="#background" aria-label="Link to this section">#</a></h2>
//
// The id is the slug of the heading's text (see Slug): letters and digits of
// any script, lower-cased, with every other run of characters turned into
// one "-"; "section" when nothing is left. A repeated slug gets "-1", "-2",
// ... in document order. An explicit {#id} is kept as written and wins over
// a generated id, even one earlier in the page. A slug of the form p12 is
// always suffixed ("p12-1") so that it cannot capture a paragraph anchor;
// footnote ids contain ":" and so never meet a slug. Doc.TOC lists the
// headings with their ids.
//
// # UN document symbols
//
// UN document symbols in running text link to Config.SymbolURL
// (https://undocs.org/{symbol} by default):
//
//	A/70/999-S/2016/620  ->  <a class="symbol" dir="ltr" href="https://undocs.org/A/70/999">A/70/999-S/2016/620</a>
//	S/RES/2165 (2014)    ->  <a class="symbol" dir="ltr" href="https://undocs.org/S/RES/2165(2014)">S/RES/2165 (2014)</a>
//
// A symbol starts with a series prefix, upper case, at the start of a word:
// A, S, E, T and ST (the principal organs and the Secretariat), HRI, CCPR,
// CERD, CRC, CEDAW, CAT, CRPD, CMW and CED (the human rights treaty bodies),
// TD, UNEP, DP, UNW, ICEF and SG. At least two "/"-separated segments
// follow, made of ASCII letters, digits and "." (as in E/CN.4/1998/53/Add.2,
// A/HRC/32/CRP.2, E/C.12/GC/24), with "-" only before a digit (A/ES-10/L.22),
// and the segments hold at least one digit. So "A/B testing", "S/he" and
// "A/B/C" stay prose. A trailing "." or other punctuation ends the symbol.
//
// Symbols joined by "-" form a joint symbol: the whole text is one link to
// the first symbol. A resolution symbol (one with a /RES/ segment) takes a
// following year or session in brackets, "S/RES/2165 (2014)" or
// "A/RES/2625 (XXV)", into its text and, without the space, into its URL.
//
// Symbols are not linked inside code spans and blocks, inside links and
// autolinks, inside images, or where they continue a path or URL
// ("undocs.org/A/70/999"). Setting Config.SymbolURL to "-" turns symbol
// links off.
//
// # Numbered paragraphs
//
// With Options.Numbered, as for situation briefs, the body paragraphs are
// numbered 1, 2, 3, ... the way UN documents number theirs:
//
//	<p id="p12" class="para"><a class="para-num" href="#p12" aria-label="Paragraph 12">12.</a> text</p>
//
// Only paragraphs directly in the body count; paragraphs in lists,
// quotations, tables and footnotes belong to the numbered paragraph before
// them and are not numbered. Doc.Paragraphs is the count.
//
// # Code
//
// Fenced code blocks with a language chroma knows are highlighted with CSS
// classes, inside <pre class="chroma"><code>; StyleCSS returns the matching
// stylesheet (rules under .chroma). Other code blocks are plain
// <pre><code>.
//
// # Safety
//
// The output carries no style attributes, scripts or event handlers, so
// that a Content-Security-Policy without 'unsafe-inline' holds. Table column
// alignment is written as class="align-left", "align-center" or
// "align-right".
//
// Raw HTML is escaped, so the reader sees the tags as text, unless
// Config.Unsafe is set.
//
// Link and image destinations must be http, https, mailto or relative URLs.
// Any other scheme (javascript:, vbscript:, data:, file:, ...), however it
// is disguised by case, entities, percent escapes or control characters, is
// dropped with the link, leaving its text (an image leaves its alt text),
// and reported as a problem. Root-relative destinations ("/situations/x/",
// not "//host") are passed to Config.Links, which places them under the
// site's base path.
//
// # Problems
//
// Convert returns problems as diag.Error values positioned in the file: the
// line is Options.Line plus the lines of the body before the problem, the
// column a 1-based byte column.
//
// # Theme classes
//
// The classes a theme may style are: anchor (heading self-link), para and
// para-num (numbered paragraphs), symbol (UN document symbol links),
// chroma and its token classes (code), align-left, align-center and
// align-right (table cells), and goldmark's footnotes, footnote-ref and
// footnote-backref.
package markdown
