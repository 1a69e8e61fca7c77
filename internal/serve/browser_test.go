package serve

import (
	"context"
	"fmt"
	"github.com/r2p-monitor/r2p/internal/browsertest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browsertest.ChromiumPath is Debian's Chromium, which CI installs.
// The live preview is for a person looking at a browser, so its last test
// is a browser: headless Chromium runs reload.js against the real server,
// under the Content-Security-Policy the server sends. The test never
// navigates after opening the page: every change it sees was brought by
// live reload.
func TestBrowserLiveReload(t *testing.T) {
	b := newBrowser(t) // first, so that a missing browser is reported before the preview starts
	p := startPreview(t, testSite)

	const brief = "content/situations/alpha.md"
	if err := chromedp.Do(b.ctx, chromedp.Navigate(p.url+"/situations/alpha/"), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	// Edits made before the tab has subscribed would be missed by design
	// (the tab takes the generation of its first event as its own), so wait
	// for the subscription as an author's glance at the page would.
	waitFor(t, "the tab to subscribe to build events", func() bool { return subscribers(p.srv) > 0 })

	// 1. An edit shows up by itself.
	const token = "live-token-5d2b"
	good := p.read(brief)
	p.write(brief, good+"\nA new paragraph with "+token+".\n")
	b.waitJS(t, "the page to show the edit", fmt.Sprintf(`document.body.innerText.includes(%q)`, token))

	// 2. A bad edit shows the overlay naming file, line and column, over
	// the last good page.
	bad := strings.Replace(good, "risk: current-crisis\n", "risk: current-crisis\nrisq: typo\n", 1)
	p.write(brief, bad)
	b.waitJS(t, "the error overlay", `!!document.querySelector(".r2p-overlay")`)
	overlay, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(".r2p-overlay")))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`content/situations/alpha\.md:5:1\b`).MatchString(overlay) {
		t.Errorf("overlay does not name the problem's path:line:col:\n%s", overlay)
	}
	shown, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector("main").innerText.includes(%q)`, token)))
	if err != nil {
		t.Fatal(err)
	}
	if !shown {
		t.Error("under the overlay, the last good page is gone")
	}

	// 3. The fix clears the overlay and shows the new text.
	const fixed = "fixed-token-77e1"
	p.write(brief, good+"\nA corrected paragraph with "+fixed+".\n")
	b.waitJS(t, "the overlay to go and the fix to show",
		fmt.Sprintf(`!document.querySelector(".r2p-overlay") && document.body.innerText.includes(%q)`, fixed))

	// 4. Nothing the page or the preview did broke the strict CSP.
	time.Sleep(100 * time.Millisecond) // reports arrive asynchronously
	if v := b.violations(); len(v) > 0 {
		t.Errorf("Content-Security-Policy violations:\n%s", strings.Join(v, "\n"))
	}
}

// browser is a headless Chromium with a fresh profile.
type browser struct {
	ctx context.Context
	mu  sync.Mutex
	csp []string // CSP violations and console errors that mention the policy
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	b := &browser{}
	alloc := browsertest.Chromium(t)
	// chromedp enables the Runtime and Log domains itself, so console
	// messages and log entries reach the listener without more set-up.
	ctx, cancelCtx := chromedp.NewContext(alloc, chromedp.WithListener(b.listen))
	t.Cleanup(cancelCtx)
	b.ctx = ctx
	// Every document, reloaded ones included, reports CSP violations
	// through a binding: the listener is installed by the browser, not by
	// the page, so it is not itself subject to the policy.
	const report = `document.addEventListener("securitypolicyviolation", function (e) {
		window.r2pCSPViolation(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
	});`
	if _, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: "r2pCSPViolation"}); err != nil {
		t.Fatalf("starting %s: %v", browsertest.ChromiumPath, err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: report}); err != nil {
		t.Fatal(err)
	}
	return b
}

// listen records reports of CSP violations: the page's own, the console's
// and the browser log's. It runs on chromedp's reading goroutine.
func (b *browser) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventBindingCalled:
		if ev.Name == "r2pCSPViolation" {
			b.record("securitypolicyviolation: " + ev.Payload)
		}
	case *log.EventEntryAdded:
		if mentionsCSP(ev.Entry.Text) {
			b.record("log: " + ev.Entry.Text)
		}
	case *runtime.EventConsoleAPICalled:
		for _, a := range ev.Args {
			if mentionsCSP(string(a.Value)) || mentionsCSP(a.Description) {
				b.record("console: " + string(a.Value) + a.Description)
			}
		}
	}
}

func mentionsCSP(s string) bool {
	return strings.Contains(s, "Content Security Policy") || strings.Contains(s, "Content-Security-Policy")
}

func (b *browser) record(s string) {
	b.mu.Lock()
	b.csp = append(b.csp, s)
	b.mu.Unlock()
}

func (b *browser) violations() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.csp...)
}

// waitJS polls a JavaScript condition in the page until it holds. The page
// may be reloading while it is asked; such errors only mean "not yet".
func (b *browser) waitJS(t *testing.T, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		if b.ctx.Err() != nil {
			t.Fatalf("waiting for %s: %v", what, b.ctx.Err())
		}
		time.Sleep(20 * time.Millisecond)
	}
	text, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	t.Fatalf("timed out waiting for %s; the page says:\n%.1500s", what, text)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// subscribers is the number of tabs listening for build events.
func subscribers(s *Server) int {
	b := s.h.events
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}
