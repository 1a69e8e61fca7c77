package check_test

import (
	"bufio"
	"bytes"
	"context"
	"github.com/r2p-monitor/r2p/internal/sitetest"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/r2p-monitor/r2p/internal/browsertest"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/render"
)

// One page of every kind, served with the headers of the _headers file
// the build wrote, loads in Chromium without a single Content-Security-
// Policy violation, script error or console error: for the repository's
// own site, and for the hostile fixture, whose values would run if any
// escaped.
func TestBrowserCSP(t *testing.T) {
	b := newCSPBrowser(t)
	repo := sitetest.Build(t, os.DirFS("../.."), build.Options{})
	hostile := sitetest.Build(t, sitetest.ReadArchive(t, "testdata/hostile.txtar").Site(), build.Options{})
	sites := []struct {
		name  string
		out   *sitetest.Output
		base  string
		pages []string
	}{
		{"repository", repo, "/", []string{
			"/", "/about/", "/situations/syria/", "/situations/", "/states/", "/treaties/", render.MatrixURL,
			"/commitments/", "/states/syr/", "/treaties/genocide-convention/", "/commitments/r2p-focal-point/",
			"/compliance/", "/data/", "/search/?q=syria", "/no-such-page/",
		}},
		{"hostile", hostile, "/r2p/", []string{
			"/", "/about/", "/situations/hostile/", "/situations/", "/states/", "/treaties/", render.MatrixURL,
			"/commitments/", "/states/syr/", "/states/bdi/", "/treaties/genocide-convention/", "/treaties/rome-statute/",
			"/commitments/focal-point/", "/compliance/", "/data/", "/search/?q=script", "/search/?q=%3Cscript%3E", "/no-such-page/",
		}},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			srv := serveSite(t, s.out, s.base)
			for _, p := range s.pages {
				if got := b.load(t, srv.url+strings.TrimSuffix(s.base, "/")+p); len(got) > 0 {
					t.Errorf("%s:\n  %s", p, strings.Join(got, "\n  "))
				}
			}
			if r := srv.reports(); len(r) > 0 {
				t.Errorf("CSP reports sent to the server:\n  %s", strings.Join(r, "\n  "))
			}
		})
	}
	// The listener must hear a violation when there is one, or the
	// silence above means nothing.
	t.Run("probe", func(t *testing.T) {
		probe := &sitetest.Output{Files: map[string][]byte{
			"_headers":   build.HeadersText(),
			"index.html": []byte(`<!DOCTYPE html><html><head><style>p{}</style></head><body><p onclick="x()">p</p><script>document.title='ran'</script></body></html>`),
		}}
		srv := serveSite(t, probe, "/")
		got := b.load(t, srv.url+"/")
		if !strings.Contains(strings.Join(got, "\n"), "script-src") || !strings.Contains(strings.Join(got, "\n"), "style-src") {
			t.Errorf("inline script and style were not reported as violations; heard:\n  %s", strings.Join(got, "\n  "))
		}
	})
}

// cspBrowser is headless Chromium with a listener for everything a page
// reports: exceptions, console errors and warnings, log entries (where
// Chromium puts "Refused to ..." CSP messages) and securitypolicyviolation
// events, which a script added through DevTools (exempt from the page's
// policy) turns into console errors.
type cspBrowser struct {
	ctx   context.Context
	mu    sync.Mutex
	heard []string
}

func newCSPBrowser(t *testing.T) *cspBrowser {
	t.Helper()
	alloc := browsertest.Chromium(t)
	b := &cspBrowser{}
	// chromedp enables the Runtime and Log domains itself.
	ctx, cancelCtx := chromedp.NewContext(alloc, chromedp.WithListener(b.listen))
	t.Cleanup(cancelCtx)
	const report = `document.addEventListener('securitypolicyviolation', e =>
		console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at line ' + e.lineNumber))`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: report}); err != nil {
		t.Fatalf("starting %s: %v", browsertest.ChromiumPath, err)
	}
	b.ctx = ctx
	return b
}

func (b *cspBrowser) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			msg += " " + ex.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeWarning {
			return
		}
		var args []string
		for _, a := range ev.Args {
			args = append(args, strings.Trim(string(a.Value), `"`)+a.Description)
		}
		msg = "console " + string(ev.Type) + ": " + strings.Join(args, " ")
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError && ev.Entry.Level != log.EntryLevelWarning {
			return
		}
		msg = "log " + string(ev.Entry.Source) + ": " + ev.Entry.Text + " " + ev.Entry.URL
	default:
		return
	}
	b.mu.Lock()
	b.heard = append(b.heard, msg)
	b.mu.Unlock()
}

// load opens url, lets its scripts run, and returns what was heard. A 404
// for the missing page itself is expected and not a problem.
func (b *cspBrowser) load(t *testing.T, url string) []string {
	t.Helper()
	b.mu.Lock()
	b.heard = nil
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body"), chromedp.Sleep(400*time.Millisecond)); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, h := range b.heard {
		// The 404 of the missing page is the test's own doing; browsers
		// ask every site for /favicon.ico, which r2p does not make.
		if strings.Contains(h, "404 (Not Found)") && (strings.Contains(h, "no-such-page") || strings.HasSuffix(h, "/favicon.ico")) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// siteServer serves a build under base the way a static host reading
// _headers would, and collects CSP reports posted to /csp-report.
type siteServer struct {
	url  string
	mu   sync.Mutex
	reps []string
}

func (s *siteServer) reports() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.reps...)
}

func serveSite(t *testing.T, out *sitetest.Output, base string) *siteServer {
	t.Helper()
	headers := parseHeaders(t, out.Files["_headers"])
	s := &siteServer{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/csp-report" {
			body, _ := io.ReadAll(r.Body)
			s.mu.Lock()
			s.reps = append(s.reps, string(body))
			s.mu.Unlock()
			return
		}
		for _, kv := range headers {
			v := kv[1]
			if kv[0] == "Content-Security-Policy" {
				v += "; report-uri /csp-report"
			}
			w.Header().Set(kv[0], v)
		}
		file, status := strings.TrimPrefix(r.URL.Path, base), http.StatusOK
		if !strings.HasPrefix(r.URL.Path, base) {
			file = "\x00"
		}
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		data, ok := out.Files[file]
		if !ok {
			file, status, data = "404.html", http.StatusNotFound, out.Files["404.html"]
		}
		typ := mime.TypeByExtension(path.Ext(file))
		if typ == "" {
			typ = "application/octet-stream"
		}
		w.Header().Set("Content-Type", typ)
		w.WriteHeader(status)
		w.Write(data)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s.url = "http://" + ln.Addr().String()
	return s
}

// parseHeaders reads the "/*" rule of a Netlify _headers file; the test
// serves what the file says, so a mistake in the file fails here.
func parseHeaders(t *testing.T, data []byte) [][2]string {
	t.Helper()
	if data == nil {
		t.Fatal("the build wrote no _headers file")
	}
	var out [][2]string
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		case !strings.HasPrefix(line, " "):
			in = line == "/*"
		case in:
			k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
			if !ok {
				t.Fatalf("_headers: bad line %q", line)
			}
			out = append(out, [2]string{k, strings.TrimSpace(v)})
		}
	}
	if len(out) == 0 {
		t.Fatalf("_headers has no rule for /*:\n%s", data)
	}
	return out
}
