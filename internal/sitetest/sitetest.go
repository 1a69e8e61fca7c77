// Package sitetest builds whole r2p sites in memory for tests: a site is a
// txtar archive whose files are the site directory, the output is a map
// from public/ path to bytes, and assertions read that map the way a
// visitor reads public/. Only _test.go files import it.
package sitetest

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/render"
	"golang.org/x/tools/txtar"
)

// Archive is a parsed txtar file: its comment and its files.
type Archive struct {
	Comment string
	Files   map[string][]byte // path -> contents
}

// ReadArchive reads a txtar archive from disk.
func ReadArchive(t testing.TB, file string) *Archive {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return ParseArchive(t, data)
}

// ParseArchive parses txtar text. A path given twice is a mistake in the
// fixture, not something to resolve silently.
func ParseArchive(t testing.TB, data []byte) *Archive {
	t.Helper()
	a := txtar.Parse(data)
	out := &Archive{Comment: string(a.Comment), Files: make(map[string][]byte, len(a.Files))}
	for _, f := range a.Files {
		if _, dup := out.Files[f.Name]; dup {
			t.Fatalf("txtar: %s appears twice", f.Name)
		}
		out.Files[f.Name] = f.Data
	}
	return out
}

// Site returns the archive's site files as a file system, leaving out the
// expectations stored under want/.
func (a *Archive) Site() fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range a.Files {
		if strings.HasPrefix(name, "want/") {
			continue
		}
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// Want returns the expectation stored at want/NAME, and whether there is one.
func (a *Archive) Want(name string) (string, bool) {
	data, ok := a.Files["want/"+name]
	return string(data), ok
}

// FS is shorthand for a site written inline as txtar text in a test.
func FS(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	return ParseArchive(t, []byte(archive)).Site()
}

// Output is what one build produced.
type Output struct {
	Files map[string][]byte // public/ path -> contents
	Stats build.Stats
}

// Run builds site over the embedded defaults and collects every output
// file, whatever the outcome: a failed build may still have emitted files,
// and some tests look at them.
func Run(site fs.FS, opt build.Options) (*Output, error) {
	return RunWith(site, r2p.Defaults, opt)
}

// RunWith is Run with other defaults, for tests that take a built-in
// template away.
func RunWith(site, defaults fs.FS, opt build.Options) (*Output, error) {
	out := &Output{Files: map[string][]byte{}}
	var mu sync.Mutex
	var dupErr error
	sink := func(f render.File) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := out.Files[f.Path]; dup && dupErr == nil {
			// The collector promises one file per path; a second one here
			// would hide a page behind another in public/.
			dupErr = errors.New("sink received " + f.Path + " twice")
		}
		out.Files[f.Path] = append([]byte(nil), f.Data...)
		return nil
	}
	stats, err := build.Run(site, defaults, opt, sink)
	out.Stats = stats
	if err == nil {
		err = dupErr
	}
	return out, err
}

// Build builds site and fails the test on any problem.
func Build(t testing.TB, site fs.FS, opt build.Options) *Output {
	t.Helper()
	out, err := Run(site, opt)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out
}

// Problems builds site, expects it to fail, and returns the problems as
// the text r2p prints: one "path:line:col: message" per line.
func Problems(t testing.TB, site fs.FS, opt build.Options) string {
	t.Helper()
	_, err := Run(site, opt)
	if err == nil {
		t.Fatal("build succeeded, want problems")
	}
	var el diag.ErrorList
	if !errors.As(err, &el) {
		t.Fatalf("build failed with %T, not a diag.ErrorList: %v", err, err)
	}
	return el.Error() + "\n"
}

// Paths returns the output paths, sorted.
func (o *Output) Paths() []string {
	out := make([]string, 0, len(o.Files))
	for p := range o.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// File returns the contents of an output file, failing the test when it is
// missing.
func (o *Output) File(t testing.TB, path string) []byte {
	t.Helper()
	data, ok := o.Files[path]
	if !ok {
		t.Fatalf("public/%s was not written; output holds:\n  %s", path, strings.Join(o.Paths(), "\n  "))
	}
	return data
}

// Exists fails the test unless every path was written.
func (o *Output) Exists(t testing.TB, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, ok := o.Files[p]; !ok {
			t.Errorf("public/%s was not written", p)
		}
	}
}

// Absent fails the test if any path was written.
func (o *Output) Absent(t testing.TB, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, ok := o.Files[p]; ok {
			t.Errorf("public/%s was written, want it absent", p)
		}
	}
}

// HTML parses an output page, failing the test when it is missing.
func (o *Output) HTML(t testing.TB, path string) *Doc {
	t.Helper()
	return ParseHTML(o.File(t, path))
}
