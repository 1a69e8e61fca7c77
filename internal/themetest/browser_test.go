package themetest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"github.com/r2p-monitor/r2p/internal/browsertest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

//go:embed testdata/axe.min.js
var axeSource string

// newBrowser starts headless Chromium with a fresh profile and returns a
// tab. The flags keep it from calling home, so the only requests a test
// sees are the page's own.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	actx := browsertest.Chromium(t,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"))
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// Record every CSP violation from the first byte of each page. A
	// script added through DevTools is not subject to the page's policy.
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder})
		return err
	}))
	if err != nil {
		t.Fatalf("starting %s: %v", browsertest.ChromiumPath, err)
	}
	return ctx
}

const cspRecorder = `window.__r2pCSP = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__r2pCSP.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
    (e.sourceFile ? " at " + e.sourceFile + ":" + e.lineNumber : "") + (e.sample ? " (" + e.sample + ")" : ""));
});`

// view is how a page is looked at: a width and a colour scheme.
type view struct {
	Width  int64
	Scheme string // "light" or "dark"
}

func (v view) String() string { return fmt.Sprintf("%dpx %s", v.Width, v.Scheme) }

// load shows url in the tab at v and waits until the page has settled:
// loaded, and on the search page, its results filled in by search.js.
func load(ctx context.Context, url string, v view) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(v.Width, 900),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v.Scheme}},
			})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		return err
	}
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](settle, chromedp.EvalAwaitPromise))
	return err
}

// settle resolves once a search page shows its results (or after 5 s);
// other pages are ready at once.
const settle = `new Promise(function (done) {
  var box = document.querySelector("[data-search]");
  if (!box || !new URLSearchParams(location.search).get("q")) { done(true); return; }
  var t0 = Date.now();
  (function poll() {
    var status = document.querySelector("[data-search-status]");
    if ((status && status.textContent.trim()) || Date.now() - t0 > 5000) { done(true); return; }
    setTimeout(poll, 50);
  })();
})`

// evalJSON runs a script returning a value and decodes it into T.
func evalJSON[T any](ctx context.Context, script string) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
}

// layoutProblems runs the checks that need a rendered page and no library:
// horizontal scroll, one h1, heading order, text alternatives, landmarks.
func layoutProblems(ctx context.Context) ([]string, error) {
	return evalJSON[[]string](ctx, layoutScript)
}

const layoutScript = `(function () {
  var out = [], de = document.documentElement;
  // clipped reports whether an ancestor scrolls or clips el, so that it
  // cannot widen the page.
  function clipped(el) {
    for (var a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  }
  if (de.scrollWidth > de.clientWidth) {
    var culprits = [];
    document.querySelectorAll("body *").forEach(function (el) {
      if (el.ownerSVGElement || clipped(el)) return;
      var r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
      if (culprits.length < 5 && (r.right > de.clientWidth + 0.5 || r.left < -0.5) &&
          p.right <= de.clientWidth + 0.5 && p.left >= -0.5) {
        culprits.push(el.tagName.toLowerCase() + (el.getAttribute("class") ? "." + el.getAttribute("class").trim().split(/\s+/).join(".") : "") + " (" + Math.round(r.width) + "px)");
      }
    });
    out.push("page scrolls sideways: " + de.scrollWidth + "px wide in a " + de.clientWidth + "px viewport; widest: " + culprits.join(", "));
  }
  var h1 = document.querySelectorAll("h1");
  if (h1.length !== 1) out.push("want exactly one h1, found " + h1.length);
  var last = 0;
  document.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (h) {
    var n = +h.tagName[1];
    if (n > last + 1) out.push("heading order: <" + h.tagName.toLowerCase() + "> " + JSON.stringify(h.textContent.trim().slice(0, 40)) + " follows h" + last);
    last = n;
  });
  document.querySelectorAll("img:not([alt])").forEach(function (img) {
    out.push("image without alt: " + img.getAttribute("src"));
  });
  document.querySelectorAll("svg[role=img]").forEach(function (svg) {
    if (!svg.getAttribute("aria-label") && !svg.getAttribute("aria-labelledby") && !svg.querySelector(":scope > title")) {
      out.push("svg role=img without a text alternative");
    }
  });
  if (document.querySelectorAll("main").length !== 1) out.push("want exactly one <main>");
  var skip = document.querySelector("body > a.skip-link");
  if (!skip || !document.querySelector(skip.getAttribute("href"))) out.push("no skip link to the main content");
  if (!document.querySelector("body > header, [role=banner]")) out.push("no banner landmark");
  if (!document.querySelector("body > footer, [role=contentinfo]")) out.push("no contentinfo landmark");
  return out;
})()`

// cspViolations returns what the page's policy blocked, and any request
// made to another host.
func cspViolations(ctx context.Context) ([]string, error) {
	return evalJSON[[]string](ctx, `(function () {
  var out = (window.__r2pCSP || []).slice();
  performance.getEntriesByType("resource").forEach(function (e) {
    if (new URL(e.name).origin !== location.origin) out.push("request to another host: " + e.name);
  });
  return out;
})()`)
}

// axeViolation is one failed axe-core rule.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
	Count  int      `json:"count"`
}

func (v axeViolation) String() string {
	return fmt.Sprintf("%s [%s] %s: %d node(s), e.g. %s", v.ID, v.Impact, v.Help, v.Count, strings.Join(v.Nodes, " | "))
}

// runAxe injects axe-core and runs it; rules, when given, limits the run.
// Injection through DevTools is not subject to the page's CSP.
func runAxe(ctx context.Context, rules ...string) ([]axeViolation, error) {
	if _, err := evalJSON[bool](ctx, axeSource+"\n;true"); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %w", err)
	}
	opts := `{resultTypes: ["violations"]}`
	if len(rules) > 0 {
		ids, _ := json.Marshal(rules)
		opts = `{resultTypes: ["violations"], runOnly: {type: "rule", values: ` + string(ids) + `}}`
	}
	return evalJSON[[]axeViolation](ctx, `axe.run(document, `+opts+`).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact || "", help: v.help, count: v.nodes.length,
      nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
  });
})`)
}

// severe keeps the serious and critical violations.
func severe(vs []axeViolation) (bad, other []axeViolation) {
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v)
		} else {
			other = append(other, v)
		}
	}
	return bad, other
}

// TestPages loads one page of every kind of the repository's own site at
// 1280 and 375 px in light, and at 1280 px and 320 px in dark, and fails
// on any serious or critical axe-core violation (contrast included), a
// page that scrolls sideways, a missing or second h1, a skipped heading
// level, an image without a text alternative, a missing landmark or skip
// link, and anything the Content-Security-Policy blocks.
func TestPages(t *testing.T) {
	out := ownSite(t)
	base := serve(t, out.Files)
	ctx := newBrowser(t)
	views := []view{{1280, "light"}, {375, "light"}, {1280, "dark"}, {320, "dark"}}
	for _, k := range kinds {
		for _, v := range views {
			t.Run(k.Kind+"/"+v.String(), func(t *testing.T) {
				checkPage(t, ctx, base+k.URL, v)
			})
		}
	}
}

func checkPage(t *testing.T, ctx context.Context, url string, v view) {
	t.Helper()
	if err := load(ctx, url, v); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	problems, err := layoutProblems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s at %s: %s", url, v, p)
	}
	// The full rule set runs in light; dark changes only colours, so there
	// the contrast rule is enough.
	var rules []string
	if v.Scheme == "dark" {
		rules = []string{"color-contrast"}
	}
	vs, err := runAxe(ctx, rules...)
	if err != nil {
		t.Fatal(err)
	}
	bad, other := severe(vs)
	for _, x := range bad {
		t.Errorf("%s at %s: axe: %s", url, v, x)
	}
	for _, x := range other {
		t.Logf("%s at %s: axe (minor): %s", url, v, x)
	}
	blocked, err := cspViolations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocked {
		t.Errorf("%s at %s: %s", url, v, b)
	}
}
