package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/render"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	var f buildFlags
	fs := newFlags("check", "[-s DIR] [--drafts] [--as-of DATE]", "r2p check -s ./monitor", stderr)
	fs.StringVar(&f.site, "s", ".", "site `directory`")
	fs.BoolVar(&f.drafts, "drafts", false, "check pages marked draft: true as well")
	fs.StringVar(&f.asOf, "as-of", "", "check the data as it stood on `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.baseURL, "base-url", "", "base `URL` overriding site.yaml's base_url")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if !f.valid(stderr, "check") {
		return exitUsage
	}
	if fi, err := os.Stat(f.site); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "r2p check: site directory %s does not exist\n", f.site)
		return exitUsage
	}
	start := time.Now()
	discard := func(render.File) error { return nil }
	stats, err := build.Run(os.DirFS(f.site), r2p.Defaults, f.options(nil), discard)
	if err != nil {
		return report(stderr, "check", err)
	}
	fmt.Fprintf(stdout, "checked %d pages, %d files in %s: no problems\n", stats.Pages, stats.Files, time.Since(start).Round(time.Millisecond))
	return exitOK
}
