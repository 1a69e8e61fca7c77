package themetest

import (
	"errors"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"testing"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// csp is the policy the test server sends: the strictest one the theme
// promises to work under (see .ci and the README's security section).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

// pageKind is one kind of page and the page that stands for it.
type pageKind struct {
	Kind string // as Base.Kind names it
	URL  string // path and query to load
	File string // its output file
}

// kinds lists one page of every kind the repository's own site has. The
// first six are the ones issue 5 names; the rest are checked as well.
var kinds = []pageKind{
	{"home", "/", "index.html"},
	{"brief", "/situations/syria/", "situations/syria/index.html"},
	{"state", "/states/syr/", "states/syr/index.html"},
	{"treaty", "/treaties/rome-statute/", "treaties/rome-statute/index.html"},
	{"search", "/search/?q=genocide", "search/index.html"},
	{"data", "/data/", "data/index.html"},
	{"page", "/report/", "report/index.html"},
	{"briefs", "/situations/", "situations/index.html"},
	{"states", "/states/", "states/index.html"},
	{"treaties", "/treaties/", "treaties/index.html"},
	{"matrix", "/treaties/matrix/", "treaties/matrix/index.html"},
	{"commitments", "/commitments/", "commitments/index.html"},
	{"commitment", "/commitments/act-code-of-conduct/", "commitments/act-code-of-conduct/index.html"},
	{"compliance", "/compliance/", "compliance/index.html"},
	{"404", "/404.html", "404.html"},
}

var (
	ownOnce sync.Once
	ownOut  *sitetest.Output
	ownErr  error
)

// ownSite builds the repository's own site (content/, templates/, static/
// at the module root) once for the whole package.
func ownSite(t testing.TB) *sitetest.Output {
	t.Helper()
	ownOnce.Do(func() {
		ownOut, ownErr = sitetest.Run(os.DirFS("../.."), build.Options{})
	})
	if ownErr != nil {
		t.Fatalf("building the repository's own site: %v", ownErr)
	}
	return ownOut
}

// serve serves files (public/ paths to bytes) on 127.0.0.1 with the
// strict policy, the way a static host serves public/, and returns the
// base URL without a trailing slash.
func serve(t testing.TB, files map[string][]byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: siteHandler(files)}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("test server: %v", err)
		}
	}()
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

func siteHandler(files map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if p == "" || strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		data, ok := files[p]
		status := http.StatusOK
		if !ok {
			p, data, status = "404.html", files["404.html"], http.StatusNotFound
		}
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
			h.Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(data)
	})
}
