package serve

import (
	"mime"
	"net/http"
	"path"
	"strings"
	"sync/atomic"
	"time"
)

// Files is one complete build: output paths (as under public/) to bytes.
type Files map[string][]byte

// handler serves the current build under the site's base path, as a static
// host would serve public/.
type handler struct {
	base   atomic.Pointer[string] // base_url's path, e.g. "/" or "/r2p/"
	files  atomic.Pointer[Files]
	events *broker
	start  time.Time
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		h.events.ServeHTTP(w, r)
		return
	case scriptPath:
		h.asset(w, "text/javascript; charset=utf-8", reloadJS)
		return
	case overlayPath:
		h.asset(w, "text/css; charset=utf-8", overlayCSS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := h.resolve(r.URL.Path)
	if !ok {
		h.notFound(w, r)
		return
	}
	files := *h.files.Load()
	if data, found := files[name]; found {
		h.send(w, r, name, data, http.StatusOK)
		return
	}
	// /about (no slash) is /about/ on a static host that redirects to
	// directories; say so rather than 404.
	if _, found := files[name+"/index.html"]; found {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	h.notFound(w, r)
}

// resolve maps a request path to an output file. It refuses anything that
// tries to leave the site: ".." segments (however encoded, since the path
// is already decoded here), backslashes, NUL bytes and paths outside the
// base path.
func (h *handler) resolve(p string) (string, bool) {
	base := *h.base.Load()
	if strings.ContainsAny(p, "\x00\\") || !strings.HasPrefix(p, base) {
		return "", false
	}
	rel := strings.TrimPrefix(p, base)
	for _, seg := range strings.Split(rel, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if rel != path.Clean(rel) || strings.HasPrefix(rel, "/") {
		return "", false
	}
	return rel, true
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	files := *h.files.Load()
	if page, ok := files["404.html"]; ok {
		h.send(w, r, "404.html", page, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

func (h *handler) send(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	hdr := w.Header()
	hdr.Set("Content-Type", ctype)
	// The preview must never show a stale page after a rebuild.
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

func (h *handler) asset(w http.ResponseWriter, ctype string, data []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}
