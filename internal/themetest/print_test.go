package themetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func setMedia(ctx context.Context, media string) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// TestBriefPrints checks a brief under the print stylesheet: navigation
// and search gone, and the page's address, date and sources on paper.
func TestBriefPrints(t *testing.T) {
	out := ownSite(t)
	base := serve(t, out.Files)
	ctx := newBrowser(t)
	if err := load(ctx, base+"/situations/syria/", view{1280, "light"}); err != nil {
		t.Fatal(err)
	}
	if err := setMedia(ctx, "print"); err != nil {
		t.Fatal(err)
	}
	got, err := evalJSON[map[string]string](ctx, `(function () {
  function shown(sel) {
    var el = document.querySelector(sel);
    return el && getComputedStyle(el).display !== "none" ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }
  return {nav: shown(".site-header nav"), search: shown(".site-search"), url: shown(".print-url"),
    facts: shown(".brief-facts"), canonical: document.querySelector("link[rel=canonical]").href};
})()`)
	if err != nil {
		t.Fatal(err)
	}
	if got["nav"] != "" || got["search"] != "" {
		t.Errorf("navigation or search prints: nav %q, search %q", got["nav"], got["search"])
	}
	if got["url"] == "" || got["url"] != got["canonical"] {
		t.Errorf("printed address = %q, want the canonical URL %q", got["url"], got["canonical"])
	}
	for _, want := range []string{"22 July 2016", "Sources", "A/70/999-S/2016/620", "Current crisis"} {
		if !strings.Contains(got["facts"], want) {
			t.Errorf("printed brief header lacks %q: %q", want, got["facts"])
		}
	}
}

// TestWithoutJavaScript loads pages that JavaScript enhances with scripts
// turned off: every state is listed and the search page says where to
// browse instead.
func TestWithoutJavaScript(t *testing.T) {
	out := ownSite(t)
	base := serve(t, out.Files)
	ctx := newBrowser(t)
	if err := loadWithoutScripts(ctx, base+"/states/"); err != nil {
		t.Fatal(err)
	}
	rows, err := evalJSON[[]int](ctx, `(function () {
  var rows = document.querySelectorAll("[data-filter-item]"), shown = 0;
  rows.forEach(function (r) { if (r.offsetParent !== null) shown++; });
  return [rows.length, shown];
})()`)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0] < 193 || rows[1] != rows[0] {
		t.Errorf("states list without JavaScript shows %d of %d rows, want all (at least 193)", rows[1], rows[0])
	}
	if err := loadWithoutScripts(ctx, base+"/search/?q=genocide"); err != nil {
		t.Fatal(err)
	}
	text, err := evalJSON[string](ctx, `(function () {
  var p = document.querySelector(".search-noscript");
  return p && p.offsetParent !== null ? p.textContent : "";
})()`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Situations") {
		t.Errorf("search page without JavaScript: want the noscript links, got %q", text)
	}
}

// loadWithoutScripts loads url with script execution off, so that no page
// script runs and <noscript> content shows, then turns it back on for the
// test's own evaluations, which the switch would block too.
func loadWithoutScripts(ctx context.Context, url string) error {
	scripts := func(off bool) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return err
		})
	}
	return chromedp.Do(ctx, chromedp.EmulateViewport(375, 900), scripts(true), chromedp.Navigate(url), scripts(false))
}
