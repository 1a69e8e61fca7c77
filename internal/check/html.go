package check

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// ref is one URL found in an output file, with its 1-based line.
type ref struct {
	url  string
	line int
	attr string // the attribute (href, src, ...) or "url()" in CSS
	tag  string
}

// page is what the checker needs of one output file.
type page struct {
	refs []ref
	ids  map[string]bool
}

// linkAttrs are the attributes whose value is a URL the browser loads or
// follows. srcset is handled apart, as it holds a list.
var linkAttrs = map[string]bool{
	"href": true, "src": true, "poster": true, "data": true, "action": true, "formaction": true,
}

// metaURLs are <meta property|name> whose content is a URL of this site
// when it is absolute: the share card's page and image.
var metaURLs = map[string]bool{"og:url": true, "og:image": true, "twitter:image": true}

// scanHTML reads the tags of an r2p page: it knows start and end tags,
// quoted and bare attribute values, comments, doctypes, and the raw text
// of script and style. It does not build a tree; the checker needs only
// the URLs, their lines and the ids.
func scanHTML(src []byte) page {
	s := &scanner{src: src, line: 1, p: page{ids: map[string]bool{}}}
	s.run()
	return s.p
}

type scanner struct {
	src  []byte
	pos  int
	line int // line at mark
	mark int // offset up to which newlines were counted
	p    page
}

func (s *scanner) lineAt(off int) int {
	if off < s.mark {
		return s.line // never goes back; callers ask in order
	}
	s.line += bytes.Count(s.src[s.mark:off], []byte{'\n'})
	s.mark = off
	return s.line
}

func (s *scanner) skipPast(end string) {
	if i := bytes.Index(s.src[s.pos:], []byte(end)); i >= 0 {
		s.pos += i + len(end)
		return
	}
	s.pos = len(s.src)
}

func (s *scanner) run() {
	for s.pos < len(s.src) {
		i := bytes.IndexByte(s.src[s.pos:], '<')
		if i < 0 {
			return
		}
		s.pos += i
		rest := s.src[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			s.skipPast("-->")
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")), bytes.HasPrefix(rest, []byte("</")):
			s.skipPast(">")
		case len(rest) > 1 && isLetter(rest[1]):
			s.tag()
		default:
			s.pos++
		}
	}
}

func (s *scanner) tag() {
	start := s.pos
	s.pos++
	name := strings.ToLower(s.name())
	attrs := map[string]string{}
	for s.pos < len(s.src) {
		s.skipSpace()
		if s.pos >= len(s.src) {
			break
		}
		if c := s.src[s.pos]; c == '>' || c == '/' {
			s.pos++
			if c == '>' {
				break
			}
			continue
		}
		k := strings.ToLower(s.name())
		if k == "" {
			s.pos++ // a stray character; HTML ignores it
			continue
		}
		v := ""
		s.skipSpace()
		if s.pos < len(s.src) && s.src[s.pos] == '=' {
			s.pos++
			s.skipSpace()
			v = html.UnescapeString(s.value())
		}
		if _, dup := attrs[k]; !dup {
			attrs[k] = v
		}
	}
	s.record(name, attrs, s.lineAt(start))
	if name == "script" || name == "style" {
		s.skipPast("</" + name)
	}
}

func (s *scanner) record(tag string, attrs map[string]string, line int) {
	if id, ok := attrs["id"]; ok {
		s.p.ids[id] = true
	}
	if n, ok := attrs["name"]; ok && tag == "a" {
		s.p.ids[n] = true
	}
	for k, v := range attrs {
		switch {
		case linkAttrs[k]:
			s.p.refs = append(s.p.refs, ref{url: v, line: line, attr: k, tag: tag})
		case k == "srcset":
			for _, c := range strings.Split(v, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					s.p.refs = append(s.p.refs, ref{url: f[0], line: line, attr: k, tag: tag})
				}
			}
		}
	}
	if tag == "meta" && (metaURLs[attrs["property"]] || metaURLs[attrs["name"]]) {
		s.p.refs = append(s.p.refs, ref{url: attrs["content"], line: line, attr: "content", tag: tag})
	}
}

func (s *scanner) name() string {
	start := s.pos
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if isSpace(c) || c == '>' || c == '/' || c == '=' {
			break
		}
		s.pos++
	}
	return string(s.src[start:s.pos])
}

func (s *scanner) value() string {
	if s.pos >= len(s.src) {
		return ""
	}
	if q := s.src[s.pos]; q == '"' || q == '\'' {
		end := bytes.IndexByte(s.src[s.pos+1:], q)
		if end < 0 {
			v := string(s.src[s.pos+1:])
			s.pos = len(s.src)
			return v
		}
		v := string(s.src[s.pos+1 : s.pos+1+end])
		s.pos += end + 2
		return v
	}
	start := s.pos
	for s.pos < len(s.src) && !isSpace(s.src[s.pos]) && s.src[s.pos] != '>' {
		s.pos++
	}
	return string(s.src[start:s.pos])
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.src) && isSpace(s.src[s.pos]) {
		s.pos++
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// cssURL matches url(...) and @import "..." in a stylesheet.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// xmlURL matches the links of feeds and the sitemap.
var xmlURL = regexp.MustCompile(`<loc>([^<]*)</loc>|<link>([^<]*)</link>|\shref="([^"]*)"`)

// scanText finds URLs in CSS or XML by re, on their lines.
func scanText(src []byte, re *regexp.Regexp, attr string) page {
	p := page{}
	line, mark := 1, 0
	for _, m := range re.FindAllSubmatchIndex(src, -1) {
		line += bytes.Count(src[mark:m[0]], []byte{'\n'})
		mark = m[0]
		for i := 2; i+1 < len(m); i += 2 {
			if m[i] >= 0 {
				u := string(src[m[i]:m[i+1]])
				if attr != "url()" {
					u = html.UnescapeString(u)
				}
				p.refs = append(p.refs, ref{url: u, line: line, attr: attr})
				break
			}
		}
	}
	return p
}
