package markdown

import (
	"reflect"
	"testing"
)

// linkifyCases hold URLs in and around links, where parsing without
// linkify is right only if the check after parsing is.
var linkifyCases = []string{
	"see [a](https://x.org/) and [b](http://y.org/p?q=1#f)\n",
	"[x](https://www.a.org/) [y](ftp://files.a.org/f)\n",
	"[https://x.org/](https://x.org/) and [www.x.org](https://www.x.org/)\n",
	"![i](https://x.org/i.png) [![i](https://x.org/i.png)](https://x.org/)\n",
	"[a](<https://x.org/a b>) <https://y.org/>\n",
	"[a][r] and [b][]\n\n[r]: <https://x.org/>\n[b]: <https://y.org/>\n",
	"[r]: <https://unused.org/>\n\ntext\n",
	"foo](https://x.org/) bar\n",
	"[a] (https://x.org/)\n",
	"[a [b](c) (https://x.org/)](d)\n",
	"`[a](https://x.org/)` and `(https://y.org/)`\n",
	"*(https://x.org/)* ~~(https://y.org/)~~ _[a](https://z.org/)_\n",
	"[a](https://x.org/)\n\n    (https://y.org/)\n",
	"[unclosed (https://x.org/) label\n",
	"[a](javascript:x(https://y.org/)) [b](vbscript:<https://z.org/>)\n",
	"> [a](https://x.org/)\n>\n> (https://y.org/)\n",
	"- [a](https://x.org/)\n- (https://y.org/)\n",
	"| a | b |\n|---|---|\n| [x](https://x.org/) | (https://y.org/) |\n",
	"[a](https://x.org/)[^1]\n\n[^1]: (https://y.org/)\n",
	"# [Title](https://x.org/) {#t}\n\n(www.y.org) [z](https://x.org/www.z.org)\n",
	"<a href=\"https://x.org/\">raw</a> [b](https://y.org/)\n",
	"[a](https://x.org/)https://y.org/ (https://z.org/)\n",
	"[a](\thttps://x.org/) [b](\n(https://y.org/))\n",
	"\t[a](https://x.org/) (https://y.org/)\n",
	"[a](https://x.org/) b \t\nc  \nd    \ne\t\t\r\nf   ",
	"[a](git://x.org/) b \t\nc\n",
	"see https://x.org/a_b_ and www.y.org. *https://x.org/* _www.x.org_ ~~(https://x.org/)~~ ~~~ftp://f.org/\n",
	"[x](https://x.org/) then http://y.org/?q=(1) and (www.z.org), x@y.org\n",
}

// alwaysLinkify returns a converter that parses every page with linkify.
func alwaysLinkify(cfg Config) *Converter {
	c := New(cfg)
	c.noLinkify, c.urlLinkify = c.md.Parser(), c.md.Parser()
	return c
}

func TestParsingWithoutLinkifyChangesNothing(t *testing.T) {
	for _, cfg := range []Config{{}, {Links: basePath("/r2p"), Unsafe: true}} {
		c, want := New(cfg), alwaysLinkify(cfg)
		for _, src := range append(linkifyCases, benchBrief) {
			for _, numbered := range []bool{false, true} {
				compareConversions(t, c, want, src, numbered)
			}
		}
	}
}

func FuzzParsingWithoutLinkify(f *testing.F) {
	for _, s := range linkifyCases {
		f.Add(s)
	}
	c, want := New(Config{Links: basePath("/r2p")}), alwaysLinkify(Config{Links: basePath("/r2p")})
	f.Fuzz(func(t *testing.T, src string) {
		if _, found := urlStarts([]byte(src)); found == noAutolink {
			return // parsed without linkify, which would find nothing here but trim blanks differently
		}
		compareConversions(t, c, want, src, true)
	})
}

func compareConversions(t *testing.T, c, want *Converter, src string, numbered bool) {
	t.Helper()
	opt := Options{Path: "f.md", Line: 3, Numbered: numbered}
	gotDoc, gotErrs := c.Convert([]byte(src), opt)
	wantDoc, wantErrs := want.Convert([]byte(src), opt)
	if !reflect.DeepEqual(gotDoc, wantDoc) || !reflect.DeepEqual(gotErrs, wantErrs) {
		t.Errorf("%q:\ngot  %+v %v\nwant %+v %v", src, gotDoc, gotErrs, wantDoc, wantErrs)
	}
	if got, want := c.Inline(src), want.Inline(src); got != want {
		t.Errorf("Inline(%q) = %q, want %q", src, got, want)
	}
}

// TestLinkedURLsSkipLinkify: a page whose URLs are all in links is parsed
// once, without linkify; one that may hold a bare URL is parsed with it,
// at once when that shows in the text and after a first parse otherwise.
func TestLinkedURLsSkipLinkify(t *testing.T) {
	c := New(Config{})
	for _, src := range []string{
		"[a](https://x.org/) and [b](https://www.y.org/)\n",
		"[https://x.org/](https://x.org/) <https://y.org/>\n",
		"[a][r]\n\n[r]: <https://x.org/>\n",
	} {
		st := &convState{}
		if _, got := c.parse([]byte(src), st); got != st || !st.urlsInLinks {
			t.Errorf("%q: parsed again, or its URLs not found in links", src)
		}
	}
	for src, want := range map[string]autolinkClue{
		"see https://x.org/\n":             bareURL,
		"see www.x.org\n":                  bareURL,
		"write to a@x.org\n":               maybeEmail,
		"[a](https://x.org/) or a@x.org\n": maybeEmail,
	} {
		if _, found := urlStarts([]byte(src)); found != want {
			t.Errorf("%q: urlStarts found %d, want %d", src, found, want)
		}
	}
	for _, src := range []string{"foo](https://x.org/)\n", "[a] (https://x.org/)\n"} {
		st := &convState{}
		if _, got := c.parse([]byte(src), st); got == st {
			t.Errorf("%q: not parsed again with linkify", src)
		}
	}
	for src, want := range map[string]bool{
		"[a](https://x.org/) b \t\nc\n": true,
		"://\r \n0":                     true,
		"a\r \r\nb":                     true,
		"a\nb   ":                       true,
		"a  \nb \nc  \r\nd \r\ne\\\r\n": false,
		"a \r\nb\r\r\nc":                false,
	} {
		if got := keepsTrailingBlanks([]byte(src)); got != want {
			t.Errorf("keepsTrailingBlanks(%q) = %v, want %v", src, got, want)
		}
	}
}
