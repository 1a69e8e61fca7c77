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
	"time"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/diag"
)

// Config is what the preview needs to run.
type Config struct {
	Dir      string        // the site directory
	Defaults fs.FS         // built-in templates, static files and translations
	Addr     string        // host:port to listen on
	Build    build.Options // Build.Preview should name Addr, so that links point at the preview
	Quiet    time.Duration // how long the file system must be still before a rebuild
	Log      io.Writer     // where rebuilds and problems are reported
}

// Server is a running preview.
type Server struct {
	cfg     Config
	mem     *build.Memory
	h       *handler
	gen     int
	ln      net.Listener
	watcher *Watcher
}

// New builds the site once and prepares to serve it; problems in that first
// build do not stop the preview, they show in the overlay.
func New(cfg Config) (*Server, error) {
	if cfg.Quiet == 0 {
		cfg.Quiet = 10 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{cfg: cfg, mem: build.NewMemory(os.DirFS(cfg.Dir), cfg.Defaults, cfg.Build)}
	s.h = &handler{events: newBroker(), start: time.Now()}
	s.h.base.Store(ptr("/"))
	empty := Files{}
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
	s.rebuild(nil)
	return s, nil
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

func (s *Server) watch(ctx context.Context) {
	go s.watcher.Run(ctx)
	for {
		select {
		case batch := <-s.watcher.Changes():
			s.rebuild(batch)
		case err := <-s.watcher.Errors():
			fmt.Fprintf(s.cfg.Log, "watch: %v\n", err)
		case <-ctx.Done():
			return
		}
	}
}

// rebuild brings the preview up to date with changed paths (nil: all),
// publishing the edited pages first when it can.
func (s *Server) rebuild(changed []string) {
	start := time.Now()
	first := func(files build.Files, urls []string) {
		s.publish(files, urls, nil)
	}
	files, urls, err := s.mem.Rebuild(changed, first)
	took := time.Since(start).Round(100 * time.Microsecond)
	if err != nil {
		problems := diag.AsList(err)
		for _, e := range problems {
			fmt.Fprintln(s.cfg.Log, e.Error())
		}
		fmt.Fprintf(s.cfg.Log, "rebuild failed after %s: %d problem(s); still serving the last good build\n", took, len(problems))
		s.publish(nil, nil, problems)
		return
	}
	what := "built"
	if changed != nil {
		what = fmt.Sprintf("rebuilt (%d changed file(s) in the site)", len(changed))
	}
	fmt.Fprintf(s.cfg.Log, "%s %s: %d page(s) updated in %s\n", time.Now().Format("15:04:05"), what, len(urls), took)
	s.publish(files, urls, nil)
}

func (s *Server) publish(files build.Files, urls []string, problems []diag.Error) {
	s.gen++
	st := state{Gen: s.gen}
	if problems != nil {
		for _, e := range problems {
			st.Problems = append(st.Problems, Problem{Pos: e.Pos.String(), Msg: e.Msg})
		}
		s.h.events.publish(st)
		return
	}
	f := Files(files)
	base := s.mem.BasePath()
	s.h.base.Store(&base)
	s.h.files.Store(&f)
	st.Paths = make([]string, 0, len(urls))
	for _, u := range urls {
		st.Paths = append(st.Paths, base+u[1:])
	}
	s.h.events.publish(st)
}
