package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/r2p-monitor/r2p/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Doc is a Markdown file split into its front matter and body.
type Doc struct {
	Path     string     // relative to the site directory, slash-separated
	Meta     *yaml.Node // the front matter mapping; nil when the file has none
	MetaLine int        // line of the opening ---; 0 when there is no front matter
	Front    []byte     // the front matter's text, to tell whether an edit changed it
	Body     []byte     // the Markdown after the closing ---
	BodyLine int        // 1-based line of Body's first byte in the file
}

// Normalize strips a UTF-8 byte order mark and turns CRLF and lone CR
// line endings into LF: YAML and CommonMark both end a line at a lone CR,
// so lines are counted as they count them. It reports the first invalid
// UTF-8 byte as a problem at its line and column; the caller should not go
// on with such a file.
func Normalize(path string, data []byte) ([]byte, *diag.Error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if utf8.Valid(data) {
		return data, nil
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return nil, &diag.Error{
				Pos: diag.Pos{Path: path, Line: line, Col: col},
				Msg: fmt.Sprintf("file is not valid UTF-8 (byte 0x%02x); save it as UTF-8", data[i]),
			}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += n
		}
		i += n
	}
	return data, nil
}

// SplitFrontMatter separates a front matter block from the body. It returns
// the YAML text, the line of the opening ---, the body and the body's first
// line. A file that does not open with --- has no front matter.
func SplitFrontMatter(data []byte) (fm []byte, fmLine int, body []byte, bodyLine int, err error) {
	first, rest, _ := cutLine(data)
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, 0, data, 1, nil
	}
	start := len(data) - len(rest)
	for pos, line := start, 2; pos < len(data); line++ {
		l, next, more := cutLine(data[pos:])
		if t := string(bytes.TrimRight(l, " \t")); t == "---" || t == "..." {
			end := len(data) - len(next)
			if !more {
				end = len(data)
			}
			return data[start:pos], 1, data[end:], line + 1, nil
		}
		if !more {
			break
		}
		pos = len(data) - len(next)
	}
	return nil, 1, nil, 0, fmt.Errorf("front matter is not closed: add a line holding only --- after it")
}

// cutLine returns the first line of b (without its newline), the rest after
// the newline, and whether a newline was found.
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

// ParseDoc normalises data and splits it into a Doc, decoding the front
// matter into a YAML node tree. Problems are added to l; the Doc is nil
// when the file cannot be read at all.
func ParseDoc(path string, data []byte, l *diag.List) *Doc {
	data, bad := Normalize(path, data)
	if bad != nil {
		l.Append(*bad)
		return nil
	}
	fm, fmLine, body, bodyLine, err := SplitFrontMatter(data)
	if err != nil {
		l.Add(diag.Pos{Path: path, Line: 1, Col: 1}, err.Error())
		return nil
	}
	d := &Doc{Path: path, Front: fm, Body: body, BodyLine: bodyLine, MetaLine: fmLine}
	if fmLine == 0 {
		return d
	}
	d.Meta = ParseYAML(path, fm, fmLine, l)
	if d.Meta == nil {
		return nil
	}
	return d
}

// ParseYAML decodes YAML text that starts at line firstLine-1 of path (the
// line after firstLine holds its first byte, as in front matter; pass 0 for
// a whole file) and returns its top-level mapping node with positions
// relative to the file. An empty document gives an empty mapping.
func ParseYAML(path string, text []byte, firstLine int, l *diag.List) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		l.Add(yamlErrorPos(path, err, firstLine), "invalid YAML: "+yamlErrorText(err))
		return nil
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: firstLine + 1, Column: 1}
	}
	root := doc.Content[0]
	shift(root, firstLine)
	if root.Kind != yaml.MappingNode {
		l.Add(diag.Pos{Path: path, Line: root.Line, Col: root.Column}, "expected a mapping of keys to values")
		return nil
	}
	return root
}

// shift moves every node's line by n, so that positions count from the top
// of the file rather than from the top of the YAML block.
func shift(n *yaml.Node, by int) {
	if by == 0 {
		return
	}
	n.Line += by
	for _, c := range n.Content {
		shift(c, by)
	}
}

// yaml.v3 reports syntax errors only as text ("yaml: line 3: ..."), with no
// structured position, so the line is taken from that text. Its parser (as
// opposed to its scanner) counts that line from 0, and its parser messages
// are the "did not find expected" ones below.
var (
	yamlLine      = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)
	yamlParserMsg = regexp.MustCompile(`^yaml: line \d+: did not find expected (?:<|key|',' or|node content|'-')`)
)

func yamlErrorPos(path string, err error, firstLine int) diag.Pos {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil || m[1] == "" {
		return diag.Pos{Path: path, Line: firstLine + 1}
	}
	n, _ := strconv.Atoi(m[1])
	if yamlParserMsg.MatchString(err.Error()) {
		n++
	}
	return diag.Pos{Path: path, Line: n + firstLine}
}

func yamlErrorText(err error) string {
	return yamlLine.ReplaceAllString(err.Error(), "")
}
