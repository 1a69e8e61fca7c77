// Command r2p builds, checks and previews a site of situation briefs and
// structured data on the Responsibility to Protect.
//
// Usage:
//
//	r2p build  [-s DIR] [-d DIR] [--base-url URL] [--drafts] [--as-of DATE]
//	r2p serve  [-s DIR] [--addr 127.0.0.1:1313] [--drafts]
//	r2p check  [-s DIR]
//	r2p new    site DIR | brief [-s DIR] CODE
//	r2p version
//
// Exit status is 0 on success, 1 when the input is invalid and 2 on bad
// usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/membudget"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

// command is one sub-command.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"build":   {"build the site into public/", runBuild},
	"check":   {"validate everything and write nothing", runCheck},
	"serve":   {"preview the site with live reload", runServe},
	"new":     {"create a site or a brief to start from", runNew},
	"version": {"print the version", runVersion},
}

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "build", "check":
			membudget.OneOff()
		case "serve":
			membudget.Resident()
		}
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "r2p: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: r2p <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'r2p <command> -h' for a command's flags.")
}

// newFlags makes a flag set whose -h output shows a usage line and an
// example.
func newFlags(name, usageLine, example string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: r2p %s %s\n\nflags:\n", name, usageLine)
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nexample:\n  %s\n", example)
	}
	return fs
}

// parseFlags parses args and reports the exit status to use when parsing
// ends the command: 0 after -h, 2 after a bad flag or a stray argument.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "r2p %s: unexpected argument %q\n", fs.Name(), strings.Join(fs.Args(), " "))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}
