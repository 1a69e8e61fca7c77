package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSymbols: the UN-symbol finder never panics, its matches lie inside
// the text, in order and apart, each opening with a known series and a
// slash; and converted prose links only to http(s), mailto or relative URLs, with nothing a
// Content-Security-Policy would block.
func FuzzSymbols(f *testing.F) {
	for _, s := range []string{
		"A/70/999-S/2016/620", "S/RES/2165 (2014)", "A/RES/2625 (XXV)", "A/HRC/31/68.", "S/he said A/B testing",
		"(A/63/677)", "CCPR/C/SYR/CO/4", "S/RES/1(", "A//1", "A/1/", "ST/SGB/2003/13;E/CN.4/1998/53/Add.2",
		"A/70/999-S/2016/620-A/1/2", "xA/70/1 A/70/1x", "A/٧٠/١", "S/RES/2165 (2014) (2015)",
	} {
		f.Add(s)
	}
	conv := New(Config{})
	href := regexp.MustCompile(`href="([^"]*)"`)
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		prev := 0
		for _, m := range findSymbols(b, nil) {
			if m.start < prev || m.start >= m.end || m.end > len(b) || m.refStop > m.end || m.refStop <= m.start {
				t.Fatalf("bad match %+v in %q (previous ended at %d)", m, s, prev)
			}
			slash := strings.IndexByte(s[m.start:m.refStop], '/')
			if slash < 0 || !isSeries(b[m.start:m.start+slash]) {
				t.Fatalf("match %q does not open with a series", s[m.start:m.end])
			}
			if m.yearStart < m.yearStop && (m.yearStart < m.refStop || m.yearStop > m.end) {
				t.Fatalf("year %d:%d outside match %+v", m.yearStart, m.yearStop, m)
			}
			prev = m.end
		}
		if !utf8.ValidString(s) {
			return
		}
		doc, _ := conv.Convert(b, Options{Path: "f.md", Line: 1})
		checkCSPClean(t, doc.HTML)
		for _, h := range href.FindAllStringSubmatch(doc.HTML, -1) {
			if m := schemeRE.FindStringSubmatch(h[1]); m != nil && !allowedSchemes[strings.ToLower(m[1])] {
				t.Fatalf("link %q in %s", h[1], doc.HTML)
			}
		}
	})
}

var (
	schemeRE       = regexp.MustCompile(`^\s*([a-zA-Z][a-zA-Z0-9+.-]*):`)
	allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true}
)

// FuzzNumberedParagraphs: a brief's paragraphs are numbered p1..pN in
// order, each id once, N equals Doc.Paragraphs, and every anchor points
// at its own paragraph.
func FuzzNumberedParagraphs(f *testing.F) {
	for _, s := range []string{
		"one\n\ntwo\n\nthree", "> quoted\n\n- item\n\n  para in item\n\n1. x", "# h {#p1}\n\npara",
		"para {#p7}\n\nnext", "| a |\n|---|\n| b |\n\npara", "text[^1]\n\n[^1]: note\n\n    code\n\nend",
		"<p id=\"p2\">raw</p>\n\npara", "",
	} {
		f.Add(s)
	}
	conv := New(Config{})
	ids := regexp.MustCompile(`<p id="p(\d+)" class="para"><a class="para-num" href="#p(\d+)"`)
	f.Fuzz(func(t *testing.T, s string) {
		doc, _ := conv.Convert([]byte(s), Options{Path: "f.md", Line: 1, Numbered: true})
		ms := ids.FindAllStringSubmatch(doc.HTML, -1)
		if len(ms) != doc.Paragraphs {
			t.Fatalf("%d numbered paragraphs in the HTML, Doc.Paragraphs = %d:\n%s", len(ms), doc.Paragraphs, doc.HTML)
		}
		for i, m := range ms {
			if m[1] != strconv.Itoa(i+1) || m[2] != m[1] {
				t.Fatalf("paragraph %d has id p%s and anchor #p%s", i+1, m[1], m[2])
			}
		}
		// A heading given an explicit {#pN} also takes a paragraph's id;
		// TestExplicitHeadingIDTakesParagraphID holds that case, so the
		// fuzzer is free to look for others.
	})
}

// BUG (internal/markdown/headings.go, headingIDs.Transform): an id an
// author gives a heading ({#p1}) is used as is, even in a numbered brief
// where p1 is the first paragraph's id, and even when another heading
// has it already. The page then holds id="p1" twice, and every link to
// paragraph 1 (#p1, the paragraph's own anchor, citations from other
// briefs) lands on the heading. Generated ids avoid pN (ids.unique); given
// ones should be refused with a diagnostic, or suffixed.
func TestExplicitHeadingIDTakesParagraphID(t *testing.T) {
	conv := New(Config{})
	for _, src := range []string{"# Heading {#p1}\n\nFirst paragraph.", "## A {#x}\n\n## B {#x}\n"} {
		doc, errs := conv.Convert([]byte(src), Options{Path: "f.md", Line: 1, Numbered: true})
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(doc.HTML, -1) {
			if seen[m[1]] && len(errs) == 0 {
				t.Errorf("%q: id %q given twice and no diagnostic:\n%s", src, m[1], doc.HTML)
			}
			seen[m[1]] = true
		}
	}
}

// FuzzSlug: a heading id is never empty and holds nothing that needs
// escaping in an attribute, a URL fragment or a CSS selector's id.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Why this risk level", "", "---", "Ünïcödé ✓ 2016", "<script>", "a\u0301b", "الحماية"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := Slug(s)
		if id == "" || strings.ContainsAny(id, " \t\n\"'<>&#%/?\\") || strings.HasPrefix(id, "-") || strings.HasSuffix(id, "-") {
			t.Fatalf("Slug(%q) = %q", s, id)
		}
		if Slug(id) != id && utf8.ValidString(s) {
			t.Fatalf("Slug is not stable: %q -> %q -> %q", s, id, Slug(id))
		}
	})
}
