package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// The live-reload client. It is served as a file, never inlined, so that
// pages in the preview obey the same Content-Security-Policy as published
// ones.
//
//go:embed reload.js
var reloadJS []byte

//go:embed overlay.css
var overlayCSS []byte

// Paths of the preview's own endpoints. They sit outside any base path so
// that they never collide with a site's pages.
const (
	eventsPath  = "/__r2p/events"
	scriptPath  = "/__r2p/reload.js"
	overlayPath = "/__r2p/overlay.css"
)

// Problem is one build problem as the overlay shows it.
type Problem struct {
	Pos string `json:"pos"`
	Msg string `json:"msg"`
}

// state is what a newly connected tab must know: the build generation and
// the problems of the last build, if it failed.
type state struct {
	Gen      int       `json:"gen"`
	Paths    []string  `json:"paths"` // URL paths changed by the last rebuild; null means all
	Problems []Problem `json:"problems,omitempty"`
}

// broker fans build events out to every connected tab over Server-Sent
// Events.
type broker struct {
	mu      sync.Mutex
	clients map[chan state]bool
	last    state
}

func newBroker() *broker { return &broker{clients: map[chan state]bool{}} }

// publish records s as the latest state and sends it to every tab. A tab
// too slow to take it misses this one event; the next one carries the whole
// state again, so nothing is lost for good.
func (b *broker) publish(s state) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.last = s
	for c := range b.clients {
		select {
		case c <- s:
		default:
		}
	}
}

func (b *broker) subscribe() (chan state, state) {
	c := make(chan state, 4)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clients[c] = true
	return c, b.last
}

func (b *broker) unsubscribe(c chan state) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.clients, c)
}

// ServeHTTP streams events to one tab until it goes away.
func (b *broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	c, current := b.subscribe()
	defer b.unsubscribe(c)
	// The first event tells the tab the current generation and any
	// problems, so a page opened while the build is broken shows them.
	send := func(s state) bool {
		data, _ := json.Marshal(s)
		_, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", data)
		flusher.Flush()
		return err == nil
	}
	if !send(current) {
		return
	}
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case s := <-c:
			if !send(s) {
				return
			}
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

// reloadTags load the reload script and the overlay's stylesheet.
var reloadTags = []byte(`<script src="` + scriptPath + `" defer></script><link rel="stylesheet" href="` + overlayPath + `">`)

// inject adds the reload script to an HTML page, before </body> (or at the
// end when there is none). Only the preview does this: built output never
// carries the script. The handler does the same without decompressing the
// page (build.Output.CopyTo and Gzip); inject is the definition its
// tests check that against.
func inject(page []byte) []byte {
	tag := reloadTags
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte(nil), page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
