package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/model"
)

type buildFlags struct {
	site, dest, baseURL, asOf string
	drafts, offline           bool
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var f buildFlags
	fs := newFlags("build", "[-s DIR] [-d DIR] [--base-url URL] [--drafts] [--as-of DATE] [--offline]",
		"r2p build -s ./monitor --base-url https://example.org/r2p/", stderr)
	fs.StringVar(&f.site, "s", ".", "site `directory` (holding content/, templates/, static/)")
	fs.StringVar(&f.dest, "d", "", "output `directory` (default DIR/public)")
	fs.StringVar(&f.baseURL, "base-url", "", "base `URL` overriding site.yaml's base_url, e.g. https://example.org/r2p/")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft: true")
	fs.StringVar(&f.asOf, "as-of", "", "build the data as it stood on `DATE` (YYYY-MM-DD), overriding site.yaml's as_of")
	fs.BoolVar(&f.offline, "offline", false, "write a site that works opened from disk (file://): relative links, search without a server")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if !f.valid(stderr, "build") {
		return exitUsage
	}
	if f.dest == "" {
		f.dest = filepath.Join(f.site, "public")
	}
	if err := build.CheckDest(f.site, f.dest); err != nil {
		fmt.Fprintf(stderr, "r2p build: %v\n", err)
		return exitUsage
	}
	if fi, err := os.Stat(f.site); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "r2p build: site directory %s does not exist\n", f.site)
		return exitUsage
	}
	if code, ok := refuseLinks(f.site, stderr, "build"); !ok {
		return code
	}
	out, err := build.NewDir(f.dest)
	if err != nil {
		fmt.Fprintf(stderr, "r2p build: %v\n", err)
		return exitInvalid
	}
	start := time.Now()
	p := newProgress(stderr, start)
	stats, err := build.Run(os.DirFS(f.site), r2p.Defaults, f.options(p.update), out.Write)
	p.done()
	if err != nil {
		out.Abort()
		return report(stderr, "build", err)
	}
	if err := out.Commit(); err != nil {
		fmt.Fprintf(stderr, "r2p build: %v\n", err)
		return exitInvalid
	}
	fmt.Fprintf(stdout, "built %d pages, %d files, %s in %s -> %s\n",
		stats.Pages, stats.Files, size(stats.Bytes), time.Since(start).Round(time.Millisecond), f.dest)
	return exitOK
}

// valid checks flag values that need no site to check, so that a typo is
// bad usage (exit 2) rather than a failed build.
func (f buildFlags) valid(stderr io.Writer, cmd string) bool {
	if f.asOf != "" {
		if d, err := model.ParseDate(f.asOf); err != nil || d.IsPartial() {
			fmt.Fprintf(stderr, "r2p %s: --as-of %q must be a date as YYYY-MM-DD\n", cmd, f.asOf)
			return false
		}
	}
	if f.baseURL != "" {
		if _, err := model.ParseBaseURL(f.baseURL); err != nil {
			fmt.Fprintf(stderr, "r2p %s: --base-url %q %v\n", cmd, f.baseURL, err)
			return false
		}
	}
	return true
}

func (f buildFlags) options(progress func(int, int)) build.Options {
	return build.Options{Drafts: f.drafts, AsOf: f.asOf, BaseURL: f.baseURL, Offline: f.offline, Version: version(), Progress: progress}
}

// report prints every problem of a failed build, one per line, and returns
// the exit status.
func report(stderr io.Writer, cmd string, err error) int {
	var el diag.ErrorList
	if !errors.As(err, &el) {
		fmt.Fprintf(stderr, "r2p %s: %v\n", cmd, err)
		return exitInvalid
	}
	for _, e := range el {
		fmt.Fprintln(stderr, e.Error())
	}
	fmt.Fprintf(stderr, "r2p %s: %d %s; nothing was written\n", cmd, len(el), plural(len(el), "problem", "problems"))
	return exitInvalid
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
