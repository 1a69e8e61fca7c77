package themetest

import (
	"context"
	"strings"
	"testing"
)

// brokenPage wraps body in the theme's page shell (skip link, header,
// main, footer, the real stylesheet), so that each page below is broken in
// exactly one way.
func brokenPage(body string) []byte {
	return []byte(`<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Broken</title>
<link rel="stylesheet" href="/css/r2p.css"><link rel="stylesheet" href="/broken.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="site-title" href="/">Site</a></header>
<main id="main" tabindex="-1">
` + body + `
</main>
<footer class="site-footer"><p>Footer</p></footer>
</body>
</html>
`)
}

// TestChecksCatchBrokenPages proves the checks of TestPages can fail: each
// page here breaks one promise of the theme, and the check that guards it
// must say so.
func TestChecksCatchBrokenPages(t *testing.T) {
	out := ownSite(t)
	files := map[string][]byte{
		"css/r2p.css":      out.File(t, "css/r2p.css"),
		"img/share.png":    out.File(t, "img/share.png"),
		"broken.css":       []byte(".too-wide { inline-size: 2000px; }\n.faint { color: #c8c8c8; }\n"),
		"ok/index.html":    brokenPage(`<h1>Fine</h1><p>Nothing wrong here.</p>`),
		"wide/index.html":  brokenPage(`<h1>Wide</h1><div class="too-wide">A box wider than any phone.</div>`),
		"noh1/index.html":  brokenPage(`<h2>No title</h2><p>Text.</p>`),
		"twoh1/index.html": brokenPage(`<h1>One</h1><h1>Two</h1>`),
		"skip/index.html":  brokenPage(`<h1>Title</h1><h3>Skips h2</h3>`),
		"noalt/index.html": brokenPage(`<h1>Image</h1><img src="/img/share.png" width="120" height="63">`),
		"inline/index.html": brokenPage(`<h1>Inline</h1><p style="color: red">Styled.</p>` +
			`<script>document.title = "ran";</script>`),
		"faint/index.html": brokenPage(`<h1>Faint</h1><p class="faint">Text too pale to read.</p>`),
		"404.html":         brokenPage(`<h1>Not found</h1>`),
	}
	base := serve(t, files)
	ctx := newBrowser(t)
	cases := []struct {
		page  string
		check func(context.Context) ([]string, error)
		want  string
	}{
		{"/ok/", layoutProblems, ""},
		{"/ok/", cspViolations, ""},
		{"/ok/", axeSevere, ""},
		{"/wide/", layoutProblems, "page scrolls sideways"},
		{"/noh1/", layoutProblems, "want exactly one h1, found 0"},
		{"/noh1/", axeAll, "page-has-heading-one"},
		{"/twoh1/", layoutProblems, "want exactly one h1, found 2"},
		{"/skip/", layoutProblems, "heading order: <h3>"},
		{"/noalt/", layoutProblems, "image without alt"},
		{"/noalt/", axeSevere, "image-alt [critical]"},
		{"/inline/", cspViolations, "style-src-attr blocked inline"},
		{"/inline/", cspViolations, "script-src-elem blocked inline"},
		{"/faint/", axeSevere, "color-contrast [serious]"},
	}
	for _, c := range cases {
		t.Run(strings.Trim(c.page, "/")+"/"+c.want, func(t *testing.T) {
			if err := load(ctx, base+c.page, view{375, "light"}); err != nil {
				t.Fatal(err)
			}
			got, err := c.check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(got, "\n")
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("%s: a sound page was reported:\n%s", c.page, all)
			case c.want != "" && !strings.Contains(all, c.want):
				t.Errorf("%s: want a report containing %q, got:\n%s", c.page, c.want, all)
			}
		})
	}
}

// axeSevere and axeAll adapt runAxe to the shape of the other checks.
func axeSevere(ctx context.Context) ([]string, error) {
	vs, err := runAxe(ctx)
	bad, _ := severe(vs)
	return axeStrings(bad), err
}

func axeAll(ctx context.Context) ([]string, error) {
	vs, err := runAxe(ctx)
	return axeStrings(vs), err
}

func axeStrings(vs []axeViolation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}
