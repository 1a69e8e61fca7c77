package markdown

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// A case file holds cases in goldmark's format:
//
//	N: description
//	OPTIONS: numbered unsafe base nosymbols
//	//- - - - - - - - -//
//	Markdown
//	//- - - - - - - - -//
//	expected HTML
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
//
// The OPTIONS line is optional. "numbered" sets Options.Numbered, "unsafe"
// Config.Unsafe, "base" resolves root-relative links under /r2p, and
// "nosymbols" disables symbol links.

const (
	caseSep = "//- - - - - - - - -//"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

var update = flag.Bool("update", false, "rewrite the expected HTML of the case files")

type mdCase struct {
	no       int
	desc     string
	options  string
	markdown string
	html     string
}

func readCases(t *testing.T, path string) []mdCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []mdCase
	var c mdCase
	state := 0 // 0 header, 1 markdown, 2 html
	var body []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case state == 0 && strings.TrimSpace(l) == "":
		case state == 0 && strings.HasPrefix(l, "OPTIONS:"):
			c.options = strings.TrimSpace(strings.TrimPrefix(l, "OPTIONS:"))
		case state == 0 && l == caseSep:
			state, body = 1, nil
		case state == 0:
			no, desc, ok := strings.Cut(l, ":")
			n, err := strconv.Atoi(strings.TrimSpace(no))
			if !ok || err != nil {
				t.Fatalf("%s:%d: want \"N: description\", got %q", path, line, l)
			}
			c = mdCase{no: n, desc: strings.TrimSpace(desc)}
		case state == 1 && l == caseSep:
			c.markdown = joinLines(body)
			state, body = 2, nil
		case state == 2 && l == caseEnd:
			c.html = joinLines(body)
			cases = append(cases, c)
			state = 0
		default:
			body = append(body, l)
		}
	}
	if state != 0 {
		t.Fatalf("%s: unterminated case %d", path, c.no)
	}
	return cases
}

func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

func writeCases(path string, cases []mdCase) error {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strconv.Itoa(c.no) + ": " + c.desc + "\n")
		if c.options != "" {
			b.WriteString("OPTIONS: " + c.options + "\n")
		}
		b.WriteString(caseSep + "\n" + c.markdown + caseSep + "\n" + c.html + caseEnd + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o666)
}

// basePath resolves root-relative links as a site served under /r2p/ would.
type basePath string

func (p basePath) Resolve(ref string) (string, bool) {
	if strings.HasPrefix(ref, "/missing/") {
		return "", false
	}
	return string(p) + ref, true
}

func caseConverter(options string) (*Converter, Options) {
	var cfg Config
	var opt Options
	for _, o := range strings.Fields(options) {
		switch o {
		case "numbered":
			opt.Numbered = true
		case "unsafe":
			cfg.Unsafe = true
		case "base":
			cfg.Links = basePath("/r2p")
		case "nosymbols":
			cfg.SymbolURL = "-"
		case "inline":
			opt.Path = "inline"
		}
	}
	return New(cfg), opt
}

func TestCaseFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, file := range files {
		cases := readCases(t, file)
		changed := false
		for i, c := range cases {
			name := filepath.Base(file) + "/" + strconv.Itoa(c.no)
			t.Run(name, func(t *testing.T) {
				conv, opt := caseConverter(c.options)
				var got string
				if opt.Path == "inline" {
					got = conv.Inline(strings.TrimSuffix(c.markdown, "\n")) + "\n"
				} else {
					doc, _ := conv.Convert([]byte(c.markdown), opt)
					got = doc.HTML
				}
				if !strings.Contains(c.options, "unsafe") {
					checkCSPClean(t, got)
				}
				if got == c.html {
					return
				}
				if *update {
					cases[i].html = got
					changed = true
					return
				}
				t.Errorf("%s: %s\nmarkdown:\n%s\ngot:\n%s\nwant:\n%s", name, c.desc, c.markdown, got, c.html)
			})
		}
		if changed {
			if err := writeCases(file, cases); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// unsafeMarkup matches a tag that a strict Content-Security-Policy would
// block or that could run script. Escaped text never matches, since its
// "<" is written as "&lt;".
var unsafeMarkup = regexp.MustCompile(`(?i)<(script|style)|<[^>]*\s(style|on[a-z]+)\s*=`)

// checkCSPClean fails when out holds such a tag.
func checkCSPClean(t testing.TB, out string) {
	t.Helper()
	if m := unsafeMarkup.FindString(out); m != "" {
		t.Errorf("output contains %q:\n%s", m, out)
	}
}
