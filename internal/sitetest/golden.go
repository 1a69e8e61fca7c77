package sitetest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites golden files instead of comparing with them:
//
//	go test ./internal/build -update
//
// Review the diff before committing; a golden is only as good as the look
// someone gave it.
var update = flag.Bool("update", false, "rewrite golden files under testdata/ with the current output")

// Golden compares got with the file at path (relative to the test's
// package directory), or rewrites that file when -update is given.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff shows the first lines where want and got part, with a little
// context: enough to see what changed without a diff library.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	for k := max(0, i-2); k < i; k++ {
		fmt.Fprintf(&b, "  %4d   %s\n", k+1, w[k])
	}
	for k := i; k < min(len(w), i+4); k++ {
		fmt.Fprintf(&b, "- %4d   %s\n", k+1, w[k])
	}
	for k := i; k < min(len(g), i+4); k++ {
		fmt.Fprintf(&b, "+ %4d   %s\n", k+1, g[k])
	}
	if len(w) != len(g) {
		fmt.Fprintf(&b, "(want %d lines, got %d)\n", len(w), len(g))
	}
	return b.String()
}
