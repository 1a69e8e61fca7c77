package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	var f buildFlags
	var addr string
	fs := newFlags("serve", "[-s DIR] [--addr 127.0.0.1:1313] [--drafts]", "r2p serve -s ./monitor --drafts", stderr)
	fs.StringVar(&f.site, "s", ".", "site `directory`")
	fs.StringVar(&addr, "addr", "127.0.0.1:1313", "`host:port` to listen on (loopback unless told otherwise)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft: true")
	fs.StringVar(&f.asOf, "as-of", "", "show the data as it stood on `DATE` (YYYY-MM-DD)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if !f.valid(stderr, "serve") {
		return exitUsage
	}
	if fi, err := os.Stat(f.site); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "r2p serve: site directory %s does not exist\n", f.site)
		return exitUsage
	}
	if code, ok := refuseLinks(f.site, stderr, "serve"); !ok {
		return code
	}
	opts := f.options(nil)
	opts.Preview = addr
	// Background rebuilds leave a processor free, so that an edited page
	// is rendered and served at once while lists and feeds catch up.
	opts.Workers = max(1, runtime.NumCPU()-1)
	srv, err := serve.New(serve.Config{Dir: f.site, Defaults: r2p.Defaults, Addr: addr, Build: opts, Log: stdout})
	if err != nil {
		fmt.Fprintf(stderr, "r2p serve: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl+C to stop)\n", f.site, srv.URL())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "r2p serve: %v\n", err)
		return exitInvalid
	}
	return exitOK
}
