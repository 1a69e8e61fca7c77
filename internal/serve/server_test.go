package serve

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p"
)

// These tests run the preview as `r2p serve` does: a real site directory,
// real fsnotify, a real listener on 127.0.0.1:0, and requests over TCP.

// testSite is a small site with a menu page, two briefs and the default
// templates (hence the default 404 page).
var testSite = map[string]string{
	"content/site.yaml": "title: Preview Test\nbase_url: https://example.org/\nlanguage: en\nas_of: 2016-07-22\n",
	"content/about.md":  "---\ntitle: About\nmenu: main\n---\nAbout this monitor.\n",
	"content/situations/alpha.md": "---\ntitle: Alpha\nstates: [SYR]\nrisk: current-crisis\ndate: 2016-07-22\n---\n" +
		"Alpha body.\n",
	"content/situations/beta.md": "---\ntitle: Beta\nstates: [BDI]\nrisk: imminent-risk\ndate: 2016-05-01\n---\nBeta body.\n",
}

// syncBuffer is the preview's log, written by its goroutines and read by
// the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// preview is a running server over a site directory.
type preview struct {
	t    *testing.T
	dir  string // the site directory
	url  string // http://127.0.0.1:PORT (no base path)
	log  *syncBuffer
	srv  *Server
	stop func()
}

// writeSiteDir writes files under dir.
func writeSiteDir(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, text := range files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// startPreview serves site (written to DIR/site inside a temp dir, so that
// files can sit beside it) until the test ends.
func startPreview(t *testing.T, files map[string]string) *preview {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	writeSiteDir(t, dir, files)
	return startPreviewDir(t, dir)
}

func startPreviewDir(t *testing.T, dir string) *preview {
	t.Helper()
	log := &syncBuffer{}
	srv, err := New(Config{Dir: dir, Defaults: r2p.Defaults, Addr: "127.0.0.1:0", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	p := &preview{t: t, dir: dir, url: "http://" + srv.Addr(), log: log, srv: srv}
	p.stop = func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("preview log:\n%s", log.String())
		}
	})
	return p
}

func (p *preview) path(rel string) string { return filepath.Join(p.dir, filepath.FromSlash(rel)) }

func (p *preview) write(rel, text string) {
	p.t.Helper()
	writeSiteDir(p.t, p.dir, map[string]string{rel: text})
}

func (p *preview) read(rel string) string {
	p.t.Helper()
	data, err := os.ReadFile(p.path(rel))
	if err != nil {
		p.t.Fatal(err)
	}
	return string(data)
}

// get fetches a path without following redirects.
func (p *preview) get(method, urlPath string) (*http.Response, string) {
	p.t.Helper()
	req, err := http.NewRequest(method, p.url+urlPath, nil)
	if err != nil {
		p.t.Fatal(err)
	}
	client := &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp, string(body)
}

// waitPage polls urlPath until its body contains text.
func (p *preview) waitPage(urlPath, text string) string {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var body string
	for time.Now().Before(deadline) {
		var resp *http.Response
		resp, body = p.get("GET", urlPath)
		if resp.StatusCode == http.StatusOK && strings.Contains(body, text) {
			return body
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.t.Fatalf("%s never showed %q; last body:\n%.2000s", urlPath, text, body)
	return ""
}

const reloadTag = `<script src="/__r2p/reload.js" defer></script>`

func TestServerServesPages(t *testing.T) {
	p := startPreview(t, testSite)
	for _, u := range []string{"/", "/situations/", "/situations/alpha/", "/about/", "/states/syr/"} {
		resp, body := p.get("GET", u)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", u, resp.StatusCode)
			continue
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q", u, ct)
		}
		if strings.Count(body, reloadTag) != 1 {
			t.Errorf("GET %s: reload script injected %d times, want once", u, strings.Count(body, reloadTag))
		}
		if i, j := strings.Index(body, reloadTag), strings.LastIndex(body, "</body>"); i < 0 || j < i {
			t.Errorf("GET %s: reload script not inside <body>", u)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", u, csp)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q; a cached page would hide the next edit", u, cc)
		}
	}
	if _, body := p.get("GET", "/situations/alpha/"); !strings.Contains(body, "Alpha body.") {
		t.Errorf("brief page lacks its body")
	}

	// Files that are not HTML are served as they are, without the script.
	resp, body := p.get("GET", "/feed.xml")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "__r2p") {
		t.Errorf("GET /feed.xml: status %d, script injected: %t", resp.StatusCode, strings.Contains(body, "__r2p"))
	}
	resp, body = p.get("GET", "/__r2p/reload.js")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "EventSource") {
		t.Errorf("GET /__r2p/reload.js: status %d", resp.StatusCode)
	}

	// HEAD answers like GET without a body.
	resp, body = p.get("HEAD", "/situations/alpha/")
	if resp.StatusCode != http.StatusOK || body != "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("HEAD: status %d, %d body bytes, Content-Type %q", resp.StatusCode, len(body), resp.Header.Get("Content-Type"))
	}
	if resp, _ := p.get("POST", "/"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d, want 405", resp.StatusCode)
	}

	// A missing page gets the site's own 404 page, as a static host
	// configured for it would answer.
	want := p.srv.mem.Files()["404.html"].Bytes()
	resp, body = p.get("GET", "/situations/nowhere/")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing page: status %d, want 404", resp.StatusCode)
	}
	if len(want) == 0 || string(inject(want)) != body {
		t.Errorf("missing page: body is not the site's 404.html:\n%.500s", body)
	}

	// A directory without its slash redirects, keeping the query.
	resp, _ = p.get("GET", "/about")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/about/" {
		t.Errorf("/about: status %d, Location %q; want 301 to /about/", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// Under a base_url with a path, the preview serves the site where the host
// would, and nothing outside it.
func TestServerSubPath(t *testing.T) {
	files := map[string]string{}
	for k, v := range testSite {
		files[k] = v
	}
	files["content/site.yaml"] = strings.Replace(files["content/site.yaml"], "https://example.org/", "https://example.org/r2p/", 1)
	p := startPreview(t, files)
	if !strings.HasSuffix(p.srv.URL(), "/r2p/") {
		t.Errorf("URL() = %s, want the base path", p.srv.URL())
	}
	for _, u := range []string{"/r2p/", "/r2p/situations/alpha/", "/r2p/feed.xml"} {
		if resp, _ := p.get("GET", u); resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", u, resp.StatusCode)
		}
	}
	_, home := p.get("GET", "/r2p/")
	if !strings.Contains(home, `href="/r2p/situations/"`) {
		t.Error("links on the home page do not carry the base path")
	}
	for _, u := range []string{"/", "/situations/alpha/", "/r2", "/r2pfoo/", "/feed.xml"} {
		if resp, _ := p.get("GET", u); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s (outside the base path): status %d, want 404", u, resp.StatusCode)
		}
	}
	resp, _ := p.get("GET", "/r2p/about")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/r2p/about/" {
		t.Errorf("/r2p/about: status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// rawGet sends a request line exactly as given, bypassing the client's own
// path cleaning, and returns the status and body.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %q: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// Requests that try to leave the site get 404 or 400 and never a byte of
// a file outside it. Secret files sit beside the site directory, where a
// ".." would reach them if any path were joined onto the disk.
func TestServerRefusesTraversal(t *testing.T) {
	for _, base := range []string{"https://example.org/", "https://example.org/r2p/"} {
		t.Run(base, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range testSite {
				files[k] = v
			}
			files["content/site.yaml"] = strings.Replace(files["content/site.yaml"], "https://example.org/", base, 1)
			root := t.TempDir()
			const secret = "SECRET-9c1e-never-served"
			writeSiteDir(t, root, map[string]string{"secret.txt": secret, "go.mod": "module " + secret + "\n"})
			dir := filepath.Join(root, "site")
			writeSiteDir(t, dir, files)
			writeSiteDir(t, dir, map[string]string{"notes.txt": secret})
			p := startPreviewDir(t, dir)
			addr := p.srv.Addr()
			targets := []string{
				"/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/%2e%2e/%2e%2e/etc/passwd",
				"/r2p/../secret.txt", "/r2p/..%2f..%2fgo.mod", "/r2p/%2e%2e%2fsecret.txt", "/r2p/%2E%2E/go.mod",
				"/..%2fsecret.txt", "/..%5csecret.txt", "/r2p/..%5c..%5cgo.mod", `/..\secret.txt`, `/r2p/..\go.mod`,
				"/r2p/situations%00/", "/situations/alpha/%00", "/%00../secret.txt", "//secret.txt", "/r2p//../go.mod",
				"/./../secret.txt", "/r2p/./../go.mod", "/notes.txt", "/r2p/notes.txt", "/content/site.yaml",
				"/r2p/content/situations/alpha.md", "/situations/%2e%2e/%2e%2e/%2e%2e/secret.txt",
				"/etc/passwd", "/%2fetc%2fpasswd", "/r2p/%2fetc%2fpasswd",
			}
			for _, target := range targets {
				code, body := rawGet(t, addr, target)
				if code != http.StatusNotFound && code != http.StatusBadRequest {
					t.Errorf("GET %s: status %d, want 404 or 400", target, code)
				}
				if strings.Contains(body, secret) || strings.Contains(body, "root:") {
					t.Errorf("GET %s: served a file from outside the site:\n%.300s", target, body)
				}
			}
		})
	}
}

// events is one tab's view of the preview's Server-Sent Events.
type events struct {
	c    chan event
	resp *http.Response
}

// event is one build event as the tab received it.
type event struct {
	state
	allPaths bool // paths was null (or absent): reload.js reloads every tab
}

// reloads reports whether reload.js, on a tab showing page that has seen an
// earlier event, reloads for e. It mirrors the script's rule: problems
// show the overlay instead; a null or empty list of paths means every page;
// otherwise only the pages listed.
func (e event) reloads(page string) bool {
	if len(e.Problems) > 0 {
		return false
	}
	return e.allPaths || len(e.Paths) == 0 || slices.Contains(e.Paths, page)
}

// subscribe opens the event stream as reload.js does.
func (p *preview) subscribe() *events {
	p.t.Helper()
	resp, err := http.Get(p.url + eventsPath)
	if err != nil {
		p.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		p.t.Fatalf("event stream has Content-Type %q", ct)
	}
	e := &events{c: make(chan event, 64), resp: resp}
	p.t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(e.c)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name == "build":
				var s event
				data := []byte(strings.TrimPrefix(line, "data: "))
				var raw map[string]json.RawMessage
				if json.Unmarshal(data, &s.state) != nil || json.Unmarshal(data, &raw) != nil {
					s.Gen = -1
				}
				s.allPaths = raw["paths"] == nil || string(raw["paths"]) == "null"
				e.c <- s
			}
		}
	}()
	return e
}

// next returns the next build event.
func (e *events) next(t *testing.T) event {
	t.Helper()
	select {
	case s, ok := <-e.c:
		if !ok {
			t.Fatal("event stream closed")
		}
		if s.Gen < 0 {
			t.Fatal("event with undecodable data")
		}
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("no build event")
	}
	return event{}
}

// until returns events until one satisfies done, failing after 10 s.
func (e *events) until(t *testing.T, done func(event) bool) []event {
	t.Helper()
	var got []event
	for {
		s := e.next(t)
		got = append(got, s)
		if done(s) {
			return got
		}
	}
}

// drain returns the events that arrive until none has come for d.
func (e *events) drain(d time.Duration) []event {
	var got []event
	for {
		select {
		case s, ok := <-e.c:
			if !ok {
				return got
			}
			got = append(got, s)
		case <-time.After(d):
			return got
		}
	}
}

// The live-reload loop end to end: a tab's first event says where the build
// stands; an edit sends the changed pages; a bad edit sends its problems
// while the last good page stays served; a good save clears them.
func TestServerLiveReloadEvents(t *testing.T) {
	p := startPreview(t, testSite)
	ev := p.subscribe()
	first := ev.next(t)
	if first.Gen < 1 || len(first.Problems) != 0 {
		t.Fatalf("first event %+v, want the current generation and no problems", first)
	}

	// A body edit: the event names the brief's page.
	p.write("content/situations/alpha.md", p.read("content/situations/alpha.md")+"\nEdited token-a1.\n")
	got := ev.until(t, func(s event) bool { return slices.Contains(s.Paths, "/situations/alpha/") })
	for _, s := range got {
		if s.Gen <= first.Gen || len(s.Problems) != 0 {
			t.Errorf("event %+v after a good edit", s)
		}
	}
	p.waitPage("/situations/alpha/", "token-a1")
	for _, s := range ev.drain(200 * time.Millisecond) {
		if len(s.Problems) != 0 {
			t.Errorf("event %+v after a good edit", s)
		}
	}

	// A title edit reaches the lists that show the brief.
	p.write("content/situations/beta.md", strings.Replace(p.read("content/situations/beta.md"), "title: Beta", "title: Beta Renamed", 1))
	var paths []string
	ev.until(t, func(s event) bool {
		paths = append(paths, s.Paths...)
		return slices.Contains(paths, "/situations/beta/") && slices.Contains(paths, "/situations/") && slices.Contains(paths, "/states/bdi/")
	})

	// A bad edit: an unknown front matter key, reported at its line.
	good := p.read("content/situations/alpha.md")
	p.write("content/situations/alpha.md", strings.Replace(good, "risk: current-crisis\n", "risk: current-crisis\nrisc: typo\n", 1))
	bad := ev.until(t, func(s event) bool { return len(s.Problems) > 0 })
	prob := bad[len(bad)-1].Problems
	if !regexp.MustCompile(`^content/situations/alpha\.md:5:1$`).MatchString(prob[0].Pos) || !strings.Contains(prob[0].Msg, "risk") {
		t.Errorf("problems %+v, want content/situations/alpha.md:5:1 about the unknown key", prob)
	}
	if !strings.Contains(p.log.String(), "content/situations/alpha.md:5:1") {
		t.Errorf("the terminal log does not show the problem:\n%s", p.log.String())
	}
	resp, body := p.get("GET", "/situations/alpha/")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "token-a1") {
		t.Errorf("after a bad edit the page is not the last good build (status %d)", resp.StatusCode)
	}
	// A tab opened now learns of the problems at once.
	late := p.subscribe().next(t)
	if len(late.Problems) == 0 {
		t.Errorf("a tab connecting during a broken build got %+v, want the problems", late)
	}

	// The fix: an event without problems, and the new text served.
	p.write("content/situations/alpha.md", good+"\nFixed token-a2.\n")
	ev.until(t, func(s event) bool { return len(s.Problems) == 0 })
	p.waitPage("/situations/alpha/", "token-a2")
}

// A git checkout changes a thousand briefs at once: that is one rebuild
// that takes the whole burst.
func TestServerBurstIsOneRebuild(t *testing.T) {
	_, _, log := runBurst(t)
	if c := strings.Count(log, "rebuilt ("); c != 1 {
		t.Errorf("log shows %d full rebuilds, want 1:\n%s", c, log)
	}
	// The batch names every file (and perhaps their directory).
	m := regexp.MustCompile(`rebuilt \((\d+) changed file`).FindStringSubmatch(log)
	if n, _ := strconv.Atoi(m[1]); n < 1000 {
		t.Errorf("the rebuild did not take the whole burst at once:\n%s", log)
	}
}

// ... and no tab reloads more than once for it: at most two events (the
// edited pages, then the rest), no page announced twice.
func TestServerBurstReloadsOnce(t *testing.T) {
	got, seen, _ := runBurst(t)
	if len(got) > 2 {
		t.Errorf("a burst caused %d events, want one rebuild (at most 2 events)", len(got))
	}
	var twice []string
	for u, k := range seen {
		if k > 1 {
			twice = append(twice, u)
		}
	}
	if len(twice) > 0 {
		slices.Sort(twice)
		t.Errorf("%d pages (%s ...) announced more than once: a tab on one reloads more than once", len(twice), twice[0])
	}
	if t.Failed() {
		for _, s := range got {
			t.Logf("event gen %d: %d paths, %d problems", s.Gen, len(s.Paths), len(s.Problems))
		}
	}
}

// runBurst serves a site of 1000 briefs, rewrites them all as git does
// (unlink, create) and returns the build events that follow, how often
// each path was announced, and the preview's log.
func runBurst(t *testing.T) ([]event, map[string]int, string) {
	files := map[string]string{}
	for k, v := range testSite {
		files[k] = v
	}
	const n = 1000
	for i := range n {
		files[briefName(i)] = briefText(i, "old")
	}
	dir := filepath.Join(t.TempDir(), "site")
	writeSiteDir(t, dir, files)
	// A longer quiet period than the default 10 ms: under -race on a busy
	// two-core machine, writing 1000 files while the preview renders can
	// pause longer than the default allows, which would split the burst
	// for reasons that have nothing to do with the preview.
	log := &syncBuffer{}
	srv, err := New(Config{Dir: dir, Defaults: r2p.Defaults, Addr: "127.0.0.1:0", Log: log, Quiet: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	p := &preview{t: t, dir: dir, url: "http://" + srv.Addr(), log: log, srv: srv}
	ev := p.subscribe()
	ev.next(t)

	for i := range n {
		if err := os.Remove(p.path(briefName(i))); err != nil {
			t.Fatal(err)
		}
		p.write(briefName(i), briefText(i, "new"))
	}
	var got []event
	seen := map[string]int{}
	count := func(s event) {
		got = append(got, s)
		for _, u := range s.Paths {
			seen[u]++
		}
	}
	deadline := time.After(60 * time.Second)
	for !(seen["/situations/b0000/"] > 0 && seen["/situations/b0999/"] > 0) {
		select {
		case s := <-ev.c:
			count(s)
		case <-deadline:
			t.Fatalf("the burst was never fully announced; %d events, %d paths", len(got), len(seen))
		}
	}
	// The edited pages may be shown first, by a quick path; the full
	// rebuild (lists, feeds) follows. Wait for it, then for any last event.
	deadline = time.After(60 * time.Second) // a full rebuild under -race on a busy machine
	for !strings.Contains(log.String(), "rebuilt (") {
		select {
		case s := <-ev.c:
			count(s)
		case <-deadline:
			t.Fatalf("no full rebuild after the burst:\n%s", log.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	for _, s := range ev.drain(500 * time.Millisecond) {
		count(s)
	}
	p.waitPage("/situations/b0500/", "new 500")
	return got, seen, log.String()
}

func briefName(i int) string { return "content/situations/b" + pad4(i) + ".md" }

func briefText(i int, body string) string {
	return "---\ntitle: Brief " + pad4(i) + "\nstates: [KEN]\nrisk: serious-concern\ndate: 2015-01-01\n---\n" + body + " " + itoa(i) + "\n"
}

func pad4(i int) string { s := "000" + itoa(i); return s[len(s)-4:] }

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// The reload script exists only in the preview: `r2p build` of the same
// site writes no trace of it, while the preview serves it in every page.
func TestBuiltOutputHasNoReloadScript(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run ./cmd/r2p")
	}
	p := startPreview(t, testSite)
	if _, body := p.get("GET", "/situations/alpha/"); !strings.Contains(body, "/__r2p/") {
		t.Fatal("the preview does not inject the script, so this test proves nothing")
	}
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command("go", "run", "../../cmd/r2p", "build", "-s", p.dir, "-d", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("r2p build: %v\n%s", err, msg)
	}
	pages := 0
	err := filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if strings.HasSuffix(name, ".html") {
			pages++
		}
		if bytes.Contains(data, []byte("__r2p")) || bytes.Contains(data, []byte("reload.js")) {
			t.Errorf("%s carries the preview's reload script", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 5 {
		t.Fatalf("the build wrote only %d pages", pages)
	}
	// And the bytes the preview keeps in memory are the built bytes: only
	// the handler adds the script.
	built, err := os.ReadFile(filepath.Join(out, "situations", "alpha", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	mem := p.srv.mem.Files()["situations/alpha/index.html"].Bytes()
	if !bytes.Equal(built, mem) {
		t.Error("the preview's in-memory page differs from the built one")
	}
}

// Each save reloads the tabs whose page it changed, once, and no others:
// an author with the home page, a list and a brief open must not see all
// three flash on every keystroke-save. Judged by reload.js's own rule
// (event.reloads), over every event one save causes.
func TestServerReloadsOnlyChangedPages(t *testing.T) {
	p := startPreview(t, testSite)
	ev := p.subscribe()
	ev.next(t)
	p.write("content/situations/alpha.md", p.read("content/situations/alpha.md")+"\nEdited token-r1.\n")
	ev.until(t, func(s event) bool { return slices.Contains(s.Paths, "/situations/alpha/") })
	p.waitPage("/situations/alpha/", "token-r1")
	// The events of this save, including the one that announced alpha.
	all := append([]event{{state: state{Gen: 1, Paths: []string{"/situations/alpha/"}}}}, ev.drain(300*time.Millisecond)...)
	reloads := map[string]int{}
	for _, s := range all {
		for _, page := range []string{"/situations/alpha/", "/", "/situations/", "/about/"} {
			if s.reloads(page) {
				reloads[page]++
			}
		}
	}
	if reloads["/situations/alpha/"] != 1 {
		t.Errorf("the edited page's tab reloads %d times, want once (events %+v)", reloads["/situations/alpha/"], all)
	}
	for _, page := range []string{"/", "/situations/", "/about/"} {
		if reloads[page] != 0 {
			t.Errorf("a tab on %s, which the edit did not change, reloads %d times (events %+v)", page, reloads[page], all)
		}
	}
}

// fetch requests urlPath with the given Accept-Encoding (none when empty)
// and returns the response and its body exactly as sent, not decoded.
func (p *preview) fetch(method, urlPath, acceptEncoding string) (*http.Response, []byte) {
	p.t.Helper()
	req, err := http.NewRequest(method, p.url+urlPath, nil)
	if err != nil {
		p.t.Fatal(err)
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp, body
}

// The preview keeps pages compressed and sends them gzipped to a browser
// that accepts it, as they are kept, and decompressed to any other client.
// Both must decode to the same bytes: the built file with the reload
// script, for pages; the built file alone, for anything else.
func TestServerGzipAndIdentity(t *testing.T) {
	p := startPreview(t, testSite)
	// The first build's outputs are compressed coarsely and then again
	// properly in the background: wait for that, or a GET and the HEAD
	// after it may see two sizes of the same file.
	select {
	case <-p.srv.mem.Refined():
	case <-time.After(30 * time.Second):
		t.Fatal("the first build's outputs were not recompressed within 30s")
	}
	files := p.srv.mem.Files()
	for _, c := range []struct{ url, file string }{
		{"/", "index.html"},
		{"/situations/alpha/", "situations/alpha/index.html"},
		{"/feed.xml", "feed.xml"},
		{"/sitemap.xml", "sitemap.xml"},
		{"/situations/nowhere/", "404.html"},
	} {
		want := files[c.file].Bytes()
		if strings.HasSuffix(c.file, ".html") {
			want = inject(want)
		}
		plainResp, plainBody := p.fetch("GET", c.url, "")
		if enc := plainResp.Header.Get("Content-Encoding"); enc != "" {
			t.Errorf("GET %s without Accept-Encoding: Content-Encoding %q", c.url, enc)
		}
		if !bytes.Equal(plainBody, want) {
			t.Errorf("GET %s without Accept-Encoding: body differs from the built file (%d bytes, want %d)", c.url, len(plainBody), len(want))
		}
		if cl := plainResp.Header.Get("Content-Length"); cl != strconv.Itoa(len(want)) {
			t.Errorf("GET %s: Content-Length %s, want %d", c.url, cl, len(want))
		}
		gzResp, gzBody := p.fetch("GET", c.url, "br;q=1, gzip;q=0.8, deflate")
		if enc := gzResp.Header.Get("Content-Encoding"); enc != "gzip" {
			t.Errorf("GET %s accepting gzip: Content-Encoding %q", c.url, enc)
			continue
		}
		if gzResp.StatusCode != plainResp.StatusCode || gzResp.Header.Get("Content-Type") != plainResp.Header.Get("Content-Type") {
			t.Errorf("GET %s: gzip answers %d %s, plain %d %s", c.url, gzResp.StatusCode, gzResp.Header.Get("Content-Type"), plainResp.StatusCode, plainResp.Header.Get("Content-Type"))
		}
		if v := gzResp.Header.Get("Vary"); !strings.Contains(v, "Accept-Encoding") {
			t.Errorf("GET %s: Vary %q; a cache could hand gzip to a client that cannot read it", c.url, v)
		}
		if cl := gzResp.Header.Get("Content-Length"); cl != strconv.Itoa(len(gzBody)) {
			t.Errorf("GET %s gzip: Content-Length %s, body %d bytes", c.url, cl, len(gzBody))
		}
		zr, err := gzip.NewReader(bytes.NewReader(gzBody))
		if err != nil {
			t.Fatalf("GET %s: %v", c.url, err)
		}
		decoded, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(decoded, want) {
			t.Errorf("GET %s: the gzip body decodes to %d bytes (err %v), want the %d of the plain body", c.url, len(decoded), err, len(want))
		}

		// HEAD: the headers of GET, no body.
		for _, ae := range []string{"", "gzip"} {
			head, body := p.fetch("HEAD", c.url, ae)
			get := plainResp
			if ae != "" {
				get = gzResp
			}
			if len(body) != 0 || head.StatusCode != get.StatusCode {
				t.Errorf("HEAD %s (Accept-Encoding %q): status %d, %d body bytes", c.url, ae, head.StatusCode, len(body))
			}
			for _, h := range []string{"Content-Type", "Content-Length", "Content-Encoding"} {
				if head.Header.Get(h) != get.Header.Get(h) {
					t.Errorf("HEAD %s (Accept-Encoding %q): %s %q, GET has %q", c.url, ae, h, head.Header.Get(h), get.Header.Get(h))
				}
			}
		}
	}
	// A client that refuses gzip gets the plain bytes.
	for _, ae := range []string{"gzip;q=0", "identity", "br", "*;q=0"} {
		if resp, _ := p.fetch("GET", "/", ae); resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want none", ae, resp.Header.Get("Content-Encoding"))
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		values []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"gzip, deflate, br, zstd"}, true},
		{[]string{"br", "gzip;q=0.5"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"*"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.0"}, false},
		{[]string{"gzip;q=bad"}, false},
		{[]string{"identity"}, false},
		{[]string{"gzipped"}, false},
		{[]string{"br;q=1, gzip;q=0.001"}, true},
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"*;q=0.5, br"}, true},
	} {
		if got := acceptsGzip(c.values); got != c.want {
			t.Errorf("acceptsGzip(%q) = %t, want %t", c.values, got, c.want)
		}
	}
}
