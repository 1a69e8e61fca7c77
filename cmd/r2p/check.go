package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/check"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
)

type checkFlags struct {
	buildFlags
	external    bool
	timeout     time.Duration
	concurrency int
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var f checkFlags
	fs := newFlags("check", "[-s DIR] [--drafts] [--as-of DATE] [--external] [--timeout 10s] [--concurrency 8]", "r2p check -s ./monitor --external", stderr)
	f.register(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if !f.valid(stderr, "check") || !f.validFetch(stderr) {
		return exitUsage
	}
	if fi, err := os.Stat(f.site); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "r2p check: site directory %s does not exist\n", f.site)
		return exitUsage
	}
	if code, ok := refuseLinks(f.site, stderr, "check"); !ok {
		return code
	}
	start := time.Now()
	rep, stats, err := check.Build(os.DirFS(f.site), r2p.Defaults, f.options(nil))
	if err != nil {
		return report(stderr, "check", err)
	}
	problems := rep.Problems
	if f.external {
		ctx := context.Background()
		problems = append(problems, check.Fetch(ctx, rep.External, check.FetchConfig{
			Timeout: f.timeout, Concurrency: f.concurrency, UserAgent: "r2p-check/" + version()})...)
	} else {
		listExternal(stdout, rep.External)
	}
	for _, line := range build.MissingStrings(os.DirFS(f.site), r2p.Defaults) {
		fmt.Fprintln(stdout, line)
	}
	if len(problems) > 0 {
		var l diag.List
		l.Append(problems...)
		return report(stderr, "check", l.Err())
	}
	fmt.Fprintf(stdout, "checked %d pages, %d files in %s: no problems\n",
		stats.Pages, stats.Files, time.Since(start).Round(time.Millisecond))
	return exitOK
}

func (f *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.site, "s", ".", "site `directory`")
	fs.BoolVar(&f.drafts, "drafts", false, "check pages marked draft: true as well")
	fs.StringVar(&f.asOf, "as-of", "", "check the data as it stood on `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.baseURL, "base-url", "", "base `URL` overriding site.yaml's base_url")
	fs.BoolVar(&f.external, "external", false, "fetch every external link (HEAD, then GET) instead of listing them")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "give up on an external link after `DURATION`")
	fs.IntVar(&f.concurrency, "concurrency", 8, "fetch at most `N` external links at once")
}

func (f checkFlags) validFetch(stderr io.Writer) bool {
	if f.timeout <= 0 {
		fmt.Fprintf(stderr, "r2p check: --timeout must be more than 0, not %v\n", f.timeout)
		return false
	}
	if f.concurrency < 1 || f.concurrency > 256 {
		fmt.Fprintf(stderr, "r2p check: --concurrency must be between 1 and 256, not %d\n", f.concurrency)
		return false
	}
	return true
}

// listExternal prints the external links that were not fetched, each at
// the place an editor can jump to.
func listExternal(w io.Writer, links []check.Link) {
	if len(links) == 0 {
		return
	}
	fmt.Fprintf(w, "%d external %s, not fetched (--external fetches them):\n", len(links), plural(len(links), "link", "links"))
	for _, ln := range links {
		fmt.Fprintf(w, "%s: %s\n", ln.Pos, ln.URL)
	}
}

// refuseLinks stops a command that reads site before it reads anything
// through a symbolic link that leaves the site, loops, or names a pipe
// (see source.CheckLinks): os.DirFS would follow it.
func refuseLinks(site string, stderr io.Writer, cmd string) (int, bool) {
	var l diag.List
	source.CheckLinks(site, &l)
	if l.Len() == 0 {
		return 0, true
	}
	return report(stderr, cmd, l.Err()), false
}
