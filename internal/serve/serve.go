package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/render"
)

// Config is what the preview needs to run.
type Config struct {
	Dir      string        // the site directory
	Defaults fs.FS         // built-in templates, static files and translations
	Addr     string        // host:port to listen on
	Build    build.Options // Build.Preview should name Addr, so that links point at the preview
	Quiet    time.Duration // how long the file system must be still before a rebuild
	Settle   time.Duration // after a quick update, how long the full rebuild waits
	Log      io.Writer     // where rebuilds and problems are reported
}

// Server is a running preview.
type Server struct {
	cfg     Config
	mem     *build.Memory
	h       *handler
	mu      sync.Mutex   // guards gen and publishing
	gen     int          // build generation, told to tabs
	seq     atomic.Int64 // batches of changes received
	ln      net.Listener
	watcher *Watcher
}

// New builds the site once and prepares to serve it; problems in that first
// build do not stop the preview, they show in the overlay.
func New(cfg Config) (*Server, error) {
	if cfg.Quiet == 0 {
		cfg.Quiet = 10 * time.Millisecond
	}
	if cfg.Settle == 0 {
		cfg.Settle = 150 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{cfg: cfg, mem: build.NewMemory(os.DirFS(cfg.Dir), cfg.Defaults, cfg.Build)}
	s.h = &handler{events: newBroker(), start: time.Now()}
	s.h.base.Store(ptr("/"))
	empty := build.Files{}
	s.h.files.Store(&empty)
	w, err := NewWatcher(cfg.Dir, cfg.Quiet)
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", cfg.Dir, err)
	}
	s.watcher = w
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		w.Close()
		return nil, err
	}
	s.ln = ln
	firstBuild(func() { _ = s.rebuild(context.Background(), nil, 0) })
	// The first build's pages are compressed coarsely, to be quick, and
	// then properly in the background; the soft limit follows them down,
	// and the memory they no longer use goes back to the system.
	go func() {
		<-s.mem.Refined()
		limitMemory()
		debug.FreeOSMemory()
	}()
	return s, nil
}

// firstBuild runs the first build with the collector's target at 75%
// rather than 100% (unless the user set GOGC). The first build holds the
// whole site at once while it renders: left to the default, the heap
// grows to twice what it holds, which is the preview's peak. At 10,000
// briefs this lowers that peak by some 40 MB without slowing start-up
// measurably; a target of 50% lowers it by some 90 MB but costs about a
// quarter of a second, which would make start-up slower than a build.
// Later rebuilds keep under the soft limit that limitMemory sets.
func firstBuild(build func()) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(75))
	}
	build()
}

// Addr is the address the preview listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the preview's address in a browser.
func (s *Server) URL() string { return "http://" + s.Addr() + *s.h.base.Load() }

func ptr[T any](v T) *T { return &v }

// Serve runs until ctx ends.
func (s *Server) Serve(ctx context.Context) error {
	srv := &http.Server{Handler: s.h, ReadHeaderTimeout: 10 * time.Second}
	go s.watch(ctx)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
		s.watcher.Close()
	}()
	if err := srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// watch runs the edit loop. Each batch of changes is first tried on the
// quick path, which shows an edited page within milliseconds; then a full
// rebuild runs in the background and brings lists, feeds and everything
// else up to date. A newer batch cancels a running rebuild, which starts
// again with every change not yet in a complete build. A rebuild publishes
// only if no newer batch arrived while it ran, so it never replaces a page
// the quick path has already updated with an older one.
func (s *Server) watch(ctx context.Context) {
	go s.watcher.Run(ctx)
	var pending, inflight []string
	var cancel context.CancelFunc
	done := make(chan error, 1)
	start := func() {
		inflight, pending = pending, nil
		var rctx context.Context
		rctx, cancel = context.WithCancel(ctx)
		seq := s.seq.Load()
		go func(changed []string) { done <- s.rebuild(rctx, changed, seq) }(inflight)
	}
	// After a quick update the full rebuild waits a moment, so that the
	// browser's reload of the edited page does not compete with it for the
	// processor.
	delay := time.NewTimer(time.Hour)
	delay.Stop()
	for {
		select {
		case batch := <-s.watcher.Changes():
			s.seq.Add(1)
			pending = append(pending, batch...)
			if cancel != nil {
				cancel()
			}
			if s.quick(batch) {
				delay.Reset(s.cfg.Settle)
			} else if cancel == nil {
				start()
			}
		case <-delay.C:
			if cancel == nil && len(pending) > 0 {
				start()
			}
		case err := <-done:
			cancel()
			cancel = nil
			if errors.Is(err, context.Canceled) {
				pending = append(inflight, pending...)
			}
			if len(pending) > 0 && !delay.Stop() {
				start()
			} else if len(pending) > 0 {
				delay.Reset(s.cfg.Settle)
			}
		case err := <-s.watcher.Errors():
			fmt.Fprintf(s.cfg.Log, "watch: %v\n", err)
		case <-ctx.Done():
			if cancel != nil {
				cancel()
			}
			return
		}
	}
}

// quick publishes the pages of a body-only edit at once (see
// build.Memory.Quick).
func (s *Server) quick(changed []string) bool {
	start := time.Now()
	files, urls, ok := s.mem.Quick(changed, s.current())
	if !ok {
		return false
	}
	s.publish(files, urls, nil)
	fmt.Fprintf(s.cfg.Log, "%s %d page(s) updated in %s\n", time.Now().Format("15:04:05.000"), len(urls), time.Since(start).Round(100*time.Microsecond))
	return true
}

func (s *Server) current() build.Files {
	return *s.h.files.Load()
}

// rebuild brings the preview up to date with changed paths (nil: all). seq
// is the batch count when it started: its output is stale, and dropped, if
// a batch has arrived since.
func (s *Server) rebuild(ctx context.Context, changed []string, seq int64) error {
	start := time.Now()
	fresh := func() bool { return s.seq.Load() == seq }
	first := func(files build.Files, urls []string) {
		if fresh() {
			s.publishPages(files, urls)
		}
	}
	files, urls, err := s.mem.RebuildContext(ctx, changed, first)
	took := time.Since(start).Round(100 * time.Microsecond)
	if errors.Is(err, context.Canceled) {
		return err
	}
	if err != nil {
		problems := diag.AsList(err)
		for _, e := range problems {
			fmt.Fprintln(s.cfg.Log, e.Error())
		}
		fmt.Fprintf(s.cfg.Log, "rebuild failed after %s: %d problem(s); still serving the last good build\n", took, len(problems))
		if fresh() {
			s.publish(nil, nil, problems)
		}
		return err
	}
	if !fresh() {
		return nil
	}
	what := "built"
	if changed != nil {
		what = fmt.Sprintf("rebuilt (%d changed file(s) in the site)", len(changed))
	}
	urls = build.Changed(s.current(), files)
	fmt.Fprintf(s.cfg.Log, "%s %s: %d page(s) updated in %s\n", time.Now().Format("15:04:05.000"), what, len(urls), took)
	s.publish(files, urls, nil)
	limitMemory()
	return nil
}

// limitMemory sets the garbage collector's soft limit to a quarter more
// than the memory the preview needs to hold (the pages, sources and caches),
// unless the user set GOMEMLIMIT. A preview lives long and rebuilds often;
// without a limit each rebuild's garbage could double its footprint, and
// collecting a little more often costs only background time.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(sample[0].Value.Uint64())
	debug.SetMemoryLimit(live + live/4 + 64<<20)
}

// publishPages serves the pages at urls from files, leaving every other
// page as it is, and announces those that differ from what is served.
func (s *Server) publishPages(files build.Files, urls []string) {
	cur := s.current()
	next := make(build.Files, len(cur))
	for k, v := range cur {
		next[k] = v
	}
	var changed []string
	for _, u := range urls {
		p := render.OutputPath(u)
		if o, ok := files[p]; ok && !o.Same(cur[p]) {
			next[p] = o
			changed = append(changed, u)
		}
	}
	if len(changed) > 0 {
		s.publish(next, changed, nil)
	}
}

// publish makes files the served output (unless they are nil, after a
// failed build) and tells every open tab.
func (s *Server) publish(files build.Files, urls []string, problems []diag.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	st := state{Gen: s.gen}
	if problems != nil {
		for _, e := range problems {
			st.Problems = append(st.Problems, Problem{Pos: e.Pos.String(), Msg: e.Msg})
		}
		s.h.events.publish(st)
		return
	}
	base := s.mem.BasePath()
	s.h.base.Store(&base)
	s.h.files.Store(&files)
	st.Paths = make([]string, 0, len(urls))
	for _, u := range urls {
		st.Paths = append(st.Paths, base+u[1:])
	}
	s.h.events.publish(st)
}
