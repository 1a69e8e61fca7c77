package search

import (
	"bytes"
	"context"
	"fmt"
	"github.com/r2p-monitor/r2p/internal/browsertest"
	"html"
	"html/template"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// English strings of the search page: the keys the lead adds to
// i18n/en.yaml.
var searchStrings = map[string]string{
	"search.title":           "Search",
	"search.label":           "Search situations, states, treaties and commitments",
	"search.submit":          "Search",
	"search.noscript":        "Search needs JavaScript. Without it, browse:",
	"search.filters":         "Filter results",
	"search.more":            "More results",
	"search.results":         "%d results",
	"search.result":          "1 result",
	"search.phrase_results":  "Up to %d results",
	"search.none":            "No results.",
	"search.error":           "Search is not available right now.",
	"search.facet.kind":      "Type",
	"search.facet.region":    "Region",
	"search.facet.risk":      "Risk level",
	"search.facet.year":      "Year",
	"search.facet.lang":      "Language",
	"search.kind.brief":      "Situation brief",
	"search.kind.state":      "State",
	"search.kind.treaty":     "Treaty",
	"search.kind.commitment": "Commitment",
	"search.kind.page":       "Page",
	"nav.situations":         "Situations",
	"nav.states":             "States",
	"nav.treaties":           "Treaties",
}

// searchPage renders templates/search.html the way the lead's renderer
// will (base.html's "head" and "main" blocks), with relURL under root, as
// the page in language lang.
func searchPage(t *testing.T, root, lang string, offline bool) []byte {
	t.Helper()
	src, err := os.ReadFile("../../templates/search.html")
	if err != nil {
		t.Fatal(err)
	}
	rel := func(p string) string {
		if offline {
			return root + strings.TrimPrefix(p, "/")
		}
		return p
	}
	tmpl := template.Must(template.New("base").Funcs(template.FuncMap{
		"relURL": rel,
		"t": func(k string) string {
			s, ok := searchStrings[k]
			if !ok {
				t.Errorf("templates/search.html uses %q, which searchStrings lacks", k)
			}
			return s
		},
	}).Parse(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>` +
		`<link rel="stylesheet" href="{{relURL "/css/r2p.css"}}">{{block "head" .}}{{end}}</head>` +
		`<body><main id="main">{{block "main" .}}{{end}}</main></body></html>`))
	template.Must(tmpl.New("search.html").Parse(string(src)))
	type risk struct{ ID, Label string }
	data := struct {
		Title string
		Site  struct {
			RiskLevels []risk
			Language   string
		}
		Root    string
		Offline bool
	}{Title: "Search", Root: root, Offline: offline}
	data.Site.Language = lang
	data.Site.RiskLevels = []risk{{"current-crisis", "Current crisis"}, {"imminent-risk", "Imminent risk"}, {"serious-concern", "Serious concern"}}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "base", data); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeSite writes a site holding only what search needs into dir. Served,
// its briefs and pages are TextOnPage, as a build makes them, and each
// has a page showing its text as the default templates do: marked
// data-search-body, with a paragraph number and a heading anchor, which
// a snippet leaves out.
func writeSite(t *testing.T, dir string, offline bool) {
	t.Helper()
	ix := NewIndex("en")
	files := map[string][]byte{}
	for _, d := range smallSite() {
		if !offline && d.Card == nil {
			d.TextOnPage = true
			files[strings.TrimPrefix(d.URL, "/")+"index.html"] = []byte(`<!DOCTYPE html><html lang="en"><title>` +
				html.EscapeString(d.Title) + `</title><main><h1>` + html.EscapeString(d.Title) + `</h1>` +
				`<div class="content" data-search-body><h2 id="a">Overview <a class="anchor" href="#a">#</a></h2>\n` +
				`<p id="p1"><a class="para-num" href="#p1">1.</a> ` + html.EscapeString(d.Text) + `</p></div></main></html>`)
		}
		ix.Add(Analyze(d, "en"))
	}
	maps.Copy(files, ix.Files(offline))
	root := "/"
	if offline {
		root = "../"
	}
	files["search/index.html"] = searchPage(t, root, "en", offline)
	writeFiles(t, dir, files)
}

// writeFiles writes files, and the search page's script and stylesheets,
// into dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for _, p := range []string{"js/search.js", "css/search.css", "css/r2p.css"} {
		data, err := os.ReadFile("../../static/" + p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = data
	}
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// browser starts headless Chromium and returns a context for chromedp
// that records script exceptions and console errors (a CSP violation is
// one) into problems.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	// file:// pages may load scripts from beside them, as an offline copy
	// opened from a stick does.
	actx := browsertest.Chromium(t, chromedp.Flag("allow-file-access-from-files", true))
	var mu sync.Mutex
	var problems []string
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			problems = append(problems, "exception: "+msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problems = append(problems, "console: "+strings.Join(args, " "))
			}
		}
	}))
	t.Cleanup(cancelC)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", browsertest.ChromiumPath, err)
	}
	// A Content-Security-Policy violation is not a script error: have
	// every page report it on the console, where the listener sees it.
	if err := chromedp.Do(ctx, func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))`,
		})
		return chromedp.Void{}, err
	}); err != nil {
		t.Fatal(err)
	}
	// The browser lives as long as ctx; the test's steps get a deadline
	// from it.
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// csp is as strict as DESIGN.md promises pages can bear.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'"

// serve serves dir over loopback HTTP with csp and returns its root URL.
// hook, unless nil, sees each request first (to delay or fail it) and
// reports whether it answered it.
func serve(t *testing.T, dir string, hook func(http.ResponseWriter, *http.Request) bool) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fsrv := http.FileServer(http.Dir(dir))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		if hook == nil || !hook(w, r) {
			fsrv.ServeHTTP(w, r)
		}
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// shown is what the page shows after a search.
type shown struct {
	Links  []string `json:"links"`
	Marks  []string `json:"marks"`
	Status string   `json:"status"`
	Card   bool     `json:"card"`
	Facets []string `json:"facets"`
	URL    string   `json:"url"`
	Imgs   int      `json:"imgs"`
}

const readPage = `(() => {
  const r = document.querySelector('[data-search-results]');
  const list = r.querySelector('.search-list');
  return {
    links: [...r.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    marks: [...r.querySelectorAll('.search-snippet mark')].map(m => m.textContent),
    status: document.querySelector('[data-search-status]').textContent,
    card: !!r.querySelector('.search-card') && r.firstElementChild.classList.contains('search-card') && !!list,
    facets: [...document.querySelectorAll('[data-search-facets] label')].map(l => l.textContent),
    url: location.search,
    imgs: document.querySelectorAll('img, script:not([src])').length,
  };
})()`

// settle waits until the page shows a search's outcome: the status line
// says something and no fetch is pending.
func settle(ctx context.Context, want string) (shown, error) {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => { const s = document.querySelector('[data-search-status]').textContent;
			return s !== '' && s.includes(%q) && !!(document.querySelector('.search-list li') || !/\d/.test(s)); })()`, want),
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		return shown{}, err
	}
	chromedp.Do(ctx, chromedp.Sleep(150*time.Millisecond))
	return chromedp.Run(ctx, chromedp.Evaluate[shown](readPage))
}

func TestBrowserSearch(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, false)
	base := serve(t, dir, nil)
	ctx, problems := browser(t)

	open := func(q, want string) shown {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+q)); err != nil {
			t.Fatal(err)
		}
		s, err := settle(ctx, want)
		if err != nil {
			t.Fatalf("?q=%s: %v (page: %+v)", q, err, s)
		}
		return s
	}

	// One word: the treaty named by it first, marks in snippets, counts.
	s := open("genocide", "3 results")
	if len(s.Links) != 3 || s.Links[0] != "/treaties/genocide-convention/" {
		t.Errorf("genocide: links %q", s.Links)
	}
	if len(s.Marks) == 0 || !strings.EqualFold(s.Marks[0], "genocide") {
		t.Errorf("genocide: marks %q", s.Marks)
	}
	for _, want := range []string{"Situation brief (2)", "Treaty (1)", "Africa (1)", "Current crisis (1)", "2023 (2)"} {
		if !contains(s.Facets, want) {
			t.Errorf("genocide: no facet %q in %q", want, s.Facets)
		}
	}

	// A quoted phrase: Sahel has both words, but apart.
	s = open(`%22arms+embargo%22`, "results")
	if len(s.Links) != 1 || s.Links[0] != "/situations/syria/" {
		t.Errorf(`"arms embargo": links %q`, s.Links)
	}

	// Accents folded: the query has none, the page has them.
	s = open("cote+d%27ivoire", "1 result")
	if len(s.Links) != 1 || s.Links[0] != "/situations/cote-divoire/" || !contains(s.Marks, "Côte") {
		t.Errorf("cote d'ivoire: links %q marks %q", s.Links, s.Marks)
	}

	// A state's exact name: its card first, then the results.
	s = open("Syrian+Arab+Republic", "result")
	if !s.Card || len(s.Links) == 0 || s.Links[0] != "/states/syr/" {
		t.Errorf("Syrian Arab Republic: card %v links %q", s.Card, s.Links)
	}

	// Markup in a query stays text.
	s = open("%3Cimg+src%3Dx+onerror%3Dalert(1)%3E%3Cscript%3Ealert(2)%3C%2Fscript%3E", "No results")
	if s.Imgs != 0 {
		t.Errorf("a query injected %d elements", s.Imgs)
	}

	// Any query leaves the page working: regular-expression characters, a
	// 10,000-character query, emoji, right-to-left text and a lone
	// surrogate (sent as the bytes of one, which the browser decodes to
	// U+FFFD) each end in a status line, inject nothing and throw nothing
	// (problems() below collects script errors).
	for _, q := range []string{
		url.QueryEscape(`(*+?[^$\|{}.`),
		url.QueryEscape(strings.Repeat("genocide ", 1111) + "x"),
		url.QueryEscape("🕊️ 🇸🇾 genocide 👩🏽‍⚖️"),
		url.QueryEscape("الجمهورية العربية السورية genocide"),
		"%ED%A0%80genocide",
	} {
		s = open(q, "")
		if s.Imgs != 0 {
			t.Errorf("query %.40s… injected %d elements", q, s.Imgs)
		}
	}

	// The keyboard alone: Tab to the box, type, see results and the URL
	// follow; Tab to a filter, Space, see it applied.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/search/"),
		chromedp.WaitReady("[data-search-input]"),
		chromedp.KeyEvent(kb.Tab),
	); err != nil {
		t.Fatal(err)
	}
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.name`))
	if focused != "q" {
		t.Fatalf("Tab focused %q, not the search box", focused)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("arms embargo")); err != nil {
		t.Fatal(err)
	}
	s, err := settle(ctx, "2 results")
	if err != nil || len(s.Links) != 2 || s.URL != "?q=arms+embargo" {
		t.Errorf("typing arms embargo: %v %+v", err, s)
	}
	// Tab: the submit button, then the first filter (Type: brief).
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	focused, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.name + '=' + document.activeElement.value`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	s, err = settle(ctx, "results")
	if err != nil || !strings.Contains(s.URL, "&"+focused) {
		t.Errorf("space on filter %s: %v %+v", focused, err, s)
	}
	still, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.name + '=' + document.activeElement.value`))
	if still != focused {
		t.Errorf("focus moved from %s to %s after filtering", focused, still)
	}
	// A linked filter is read back from the URL.
	s = open("genocide&region=Africa", "1 result")
	if len(s.Links) != 1 || s.Links[0] != "/situations/sahel/" {
		t.Errorf("genocide in Africa: %q", s.Links)
	}

	for _, p := range problems() {
		t.Errorf("browser: %s", p)
	}
}

// TestBrowserOffline opens the offline form of the page from file://:
// the index loads as scripts and links are relative and end in
// index.html.
func TestBrowserOffline(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, true)
	ctx, problems := browser(t)
	u := "file://" + filepath.ToSlash(dir) + "/search/index.html?q=genocide"
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	s, err := settle(ctx, "3 results")
	if err != nil {
		t.Fatalf("offline: %v %+v", err, s)
	}
	if len(s.Links) != 3 || s.Links[0] != "../treaties/genocide-convention/index.html" {
		t.Errorf("offline links %q", s.Links)
	}
	for _, p := range problems() {
		t.Errorf("browser: %s", p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// TestBrowserLinksFirst holds back the chunks of heads and the result
// pages: a one-word query still shows its links, titles and count at
// once, from its shard; the snippets (and a card, which needs its chunk)
// come when the chunks and pages do.
func TestBrowserLinksFirst(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, false)
	release := make(chan struct{})
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	t.Cleanup(free)
	base := serve(t, dir, func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasPrefix(r.URL.Path, "/search/h/") || strings.HasPrefix(r.URL.Path, "/situations/") ||
			strings.HasPrefix(r.URL.Path, "/treaties/") {
			select {
			case <-release:
			case <-r.Context().Done():
				return true
			}
		}
		return false
	})
	ctx, problems := browser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q=genocide")); err != nil {
		t.Fatal(err)
	}
	s, err := settle(ctx, "3 results")
	if err != nil {
		t.Fatalf("with fragments held back: %v %+v", err, s)
	}
	want := []string{"/treaties/genocide-convention/", "/situations/myanmar/", "/situations/sahel/"}
	if !reflect.DeepEqual(s.Links, want) || len(s.Marks) != 0 {
		t.Errorf("with fragments held back: links %q (want %q), marks %q", s.Links, want, s.Marks)
	}
	titles, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-result > a')].map(a => a.textContent)`))
	if len(titles) == 0 || titles[0] != "Convention on the Prevention and Punishment of the Crime of Genocide" {
		t.Errorf("titles before the fragments: %q", titles)
	}

	free()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('.search-snippet').length === 3`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("snippets after the fragments: %v", err)
	}
	s, _ = chromedp.Run(ctx, chromedp.Evaluate[shown](readPage))
	if !reflect.DeepEqual(s.Links, want) || len(s.Marks) == 0 {
		t.Errorf("after the fragments: links %q, marks %q", s.Links, s.Marks)
	}
	// The briefs' snippets come from their pages, without the numbers and
	// anchors r2p adds there.
	snippets, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-snippet')].map(p => p.textContent)`))
	for _, sn := range snippets {
		if strings.Contains(sn, "#") || strings.Contains(sn, "1.") {
			t.Errorf("snippet %q holds a paragraph number or an anchor", sn)
		}
	}
	if len(snippets) != 3 || !strings.Contains(strings.ToLower(snippets[1]), "genocide") {
		t.Errorf("snippets %q: the second, a brief's from its page, lacks the query", snippets)
	}
	for _, p := range problems() {
		t.Errorf("browser: %s", p)
	}
}

// TestBrowserPageGone serves a site whose index lists a brief that its
// pages no longer hold (an index cached from before the brief was taken
// down, say): the host answers 404 with its error page, which names the
// query. The result keeps its link and has no snippet; the error page's
// text is not taken for the brief's.
func TestBrowserPageGone(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, false)
	if err := os.Remove(filepath.Join(dir, "situations", "sahel", "index.html")); err != nil {
		t.Fatal(err)
	}
	base := serve(t, dir, func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasPrefix(r.URL.Path, "/situations/sahel/") {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `<!DOCTYPE html><title>Not found</title><main><h1>Page not found</h1><p>Search for genocide instead.</p></main>`)
		return true
	})
	ctx, problems := browser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q=genocide")); err != nil {
		t.Fatal(err)
	}
	if _, err := settle(ctx, "3 results"); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('.search-snippet').length === 3`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("snippets: %v", err)
	}
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll('.search-result')].map(li =>
		[li.querySelector('a').getAttribute('href'), li.querySelector('.search-snippet').textContent]))`))
	if sn, ok := got["/situations/sahel/"]; !ok || sn != "" {
		t.Errorf("the gone brief: snippet %q (listed: %v), want an empty one", sn, ok)
	}
	if sn := got["/situations/myanmar/"]; !strings.Contains(strings.ToLower(sn), "genocide") {
		t.Errorf("a brief still there: snippet %q lacks the query", sn)
	}
	for _, p := range problems() {
		if !strings.Contains(p, "404") {
			t.Errorf("browser: %s", p)
		}
	}
}

// TestBrowserMoreTwice clicks "more" twice in quick succession while the
// pages of the second page's results are slow to come: the results stay
// in rank order (the second click is ignored until the page it would
// follow is on screen).
func TestBrowserMoreTwice(t *testing.T) {
	dir := t.TempDir()
	ix := NewIndex("en")
	files := map[string][]byte{}
	const n = 20
	for i := range n {
		// Brief i says genocide n-i times in a text of the same length, so
		// it ranks i-th. No word is its own, which would give the shards
		// its head: beyond the first five, results wait for their pages.
		text := strings.Repeat("genocide ", n-i) + strings.Repeat("the ", i)
		d := Doc{URL: fmt.Sprintf("/situations/b%02d/", i), Title: "Brief", Kind: "brief", Text: text, TextOnPage: true}
		files[strings.TrimPrefix(d.URL, "/")+"index.html"] = []byte(`<!DOCTYPE html><main data-search-body>` + text + `</main>`)
		ix.Add(Analyze(d, "en"))
	}
	maps.Copy(files, ix.Files(false))
	files["search/index.html"] = searchPage(t, "/", "en", false)
	writeFiles(t, dir, files)
	base := serve(t, dir, func(w http.ResponseWriter, r *http.Request) bool {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/situations/b%02d/", &i); err == nil && i >= 5 && i < 10 {
			time.Sleep(500 * time.Millisecond) // the second page of results
		}
		return false
	})
	ctx, problems := browser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q=genocide")); err != nil {
		t.Fatal(err)
	}
	if _, err := settle(ctx, "20 results"); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector('[data-search-more]').hidden`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no more button: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`(() => { const m = document.querySelector('[data-search-more]'); m.click(); m.click(); })()`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	links, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-result > a')].map(a => a.getAttribute('href'))`))
	if len(links) < 10 {
		t.Fatalf("after two clicks on more: %q", links)
	}
	for i, link := range links {
		if want := fmt.Sprintf("/situations/b%02d/", i); link != want {
			t.Errorf("result %d is %q, want %q (all: %q)", i, link, want, links)
			break
		}
	}
	for _, p := range problems() {
		t.Errorf("browser: %s", p)
	}
}

// TestBrowserRetryAfterFailure: a term shard that fails to load (a
// dropped connection, a host's hiccup) fails that query, which says so,
// but is fetched again by the next query that needs it, which then shows
// its results.
func TestBrowserRetryAfterFailure(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, false)
	var mu sync.Mutex
	failed := map[string]bool{}
	base := serve(t, dir, func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasPrefix(r.URL.Path, "/search/t/") {
			return false
		}
		mu.Lock()
		first := !failed[r.URL.Path]
		failed[r.URL.Path] = true
		mu.Unlock()
		if first {
			http.Error(w, "try again", http.StatusServiceUnavailable)
		}
		return first
	})
	ctx, problems := browser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q=genocide")); err != nil {
		t.Fatal(err)
	}
	if s, err := settle(ctx, searchStrings["search.error"]); err != nil {
		t.Fatalf("first query, its shard failing: %v (page: %+v)", err, s)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.querySelector('[data-search-input]');
		i.value = 'genocide '; i.dispatchEvent(new Event('input')); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	s, err := settle(ctx, "3 results")
	if err != nil {
		t.Fatalf("the query again: %v (page: %+v)", err, s)
	}
	if want := []string{"/treaties/genocide-convention/", "/situations/myanmar/", "/situations/sahel/"}; !reflect.DeepEqual(s.Links, want) {
		t.Errorf("the query again: links %q, want %q", s.Links, want)
	}
	for _, p := range problems() {
		if !strings.Contains(p, "503") {
			t.Errorf("browser: %s", p)
		}
	}
}
