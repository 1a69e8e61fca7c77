package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress shows how far page rendering has got, on a terminal only and
// only once a build has run for a second: short builds stay quiet.
type progress struct {
	w     io.Writer
	start time.Time
	tty   bool
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, start time.Time) *progress {
	p := &progress{w: w, start: start}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	if !p.tty {
		return
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\rrendering pages: %d/%d", done, total)
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
