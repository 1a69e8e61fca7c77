// Command r2p-synth writes a deterministic synthetic r2p site for
// benchmarks and scale tests. See package internal/synth for what the site
// contains and which properties it guarantees.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/r2p-monitor/r2p/internal/synth"
)

const usage = `usage: r2p-synth [-n BRIEFS] [-seed N] [-assessments N] [-treaties N] [-commitments N] DIR

r2p-synth writes a synthetic r2p site under DIR, which must be new or empty:
content/site.yaml, content/situations/*.md (700-900 words each, plain Markdown
with YAML front matter that Hugo also reads), content/data/*.csv and two
content pages. The same flags always give the same bytes.

Example:

	go run ./cmd/r2p-synth -n 10000 -seed 1 /tmp/synth10k
	go run ./cmd/r2p build -s /tmp/synth10k

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run returns the exit status: 0 on success, 1 when the site could not be
// written, 2 on bad usage, as cmd/r2p does.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("r2p-synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt synth.Options
	fs.IntVar(&opt.Briefs, "n", 100, "number of situation briefs")
	fs.Int64Var(&opt.Seed, "seed", 1, "random seed; the same seed gives the same bytes")
	fs.IntVar(&opt.Assessments, "assessments", 0, "rows of compliance.csv (0: as many as briefs)")
	fs.IntVar(&opt.Treaties, "treaties", 0, "number of synthetic treaties (0: 30)")
	fs.IntVar(&opt.Commitments, "commitments", 0, "number of synthetic commitments (0: 20)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "r2p-synth: give exactly one output directory")
		fs.Usage()
		return 2
	}
	if opt.Briefs < 0 || opt.Assessments < 0 || opt.Treaties < 0 || opt.Commitments < 0 {
		fmt.Fprintln(stderr, "r2p-synth: counts must not be negative")
		return 2
	}
	dir := fs.Arg(0)
	start := time.Now()
	if err := synth.Write(dir, opt); err != nil {
		fmt.Fprintln(stderr, err) // already prefixed "synth:"
		return 1
	}
	fmt.Fprintf(stderr, "r2p-synth: wrote %d briefs to %s in %v\n", opt.Briefs, dir, time.Since(start).Round(time.Millisecond))
	return 0
}
