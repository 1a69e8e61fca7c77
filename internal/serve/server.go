package serve

import (
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/r2p-monitor/r2p/internal/build"
)

// handler serves the current build under the site's base path, as a static
// host would serve public/.
type handler struct {
	base   atomic.Pointer[string] // base_url's path, e.g. "/" or "/r2p/"
	files  atomic.Pointer[build.Files]
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

// send answers with an output file, adding the reload script to a page.
// The file is kept compressed (build.Output): a client that accepts gzip
// gets the kept bytes as they are, any other the decompressed contents.
// Both carry the same bytes once decoded.
func (h *handler) send(w http.ResponseWriter, r *http.Request, name string, o *build.Output, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(o.Head(512))
	}
	var insert []byte
	if strings.HasPrefix(ctype, "text/html") {
		insert = reloadTags
	}
	hdr := w.Header()
	hdr.Set("Content-Type", ctype)
	// The preview must never show a stale page after a rebuild.
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'")
	hdr.Set("Vary", "Accept-Encoding")
	if o.Compressed() && acceptsGzip(r.Header.Values("Accept-Encoding")) {
		size, write := o.Gzip(insert)
		hdr.Set("Content-Encoding", "gzip")
		hdr.Set("Content-Length", strconv.Itoa(size))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_ = write(w)
		}
		return
	}
	hdr.Set("Content-Length", strconv.Itoa(o.Len()+len(insert)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = o.CopyTo(w, insert)
	}
}

// acceptsGzip reports whether Accept-Encoding header values let the
// response be gzip-compressed: gzip is listed with a weight above 0, or
// is not listed and * is.
func acceptsGzip(values []string) bool {
	gzip, star := -1.0, -1.0
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(part, ";")
			q, ok := weight(params)
			if !ok {
				q = 0
			}
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "gzip", "x-gzip":
				gzip = max(gzip, q)
			case "*":
				star = max(star, q)
			}
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}

// weight is the q parameter among a coding's parameters (1 when there is
// none); ok is false when q is malformed.
func weight(params string) (float64, bool) {
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return q, err == nil && q >= 0 && q <= 1
		}
	}
	return 1, true
}

func (h *handler) asset(w http.ResponseWriter, ctype string, data []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}
