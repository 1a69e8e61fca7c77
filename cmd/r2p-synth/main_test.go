package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var stderr strings.Builder
	if code := run([]string{"-n", "3", "-seed", "2", dir}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	briefs, _ := filepath.Glob(filepath.Join(dir, "content", "situations", "*.md"))
	if len(briefs) != 3 {
		t.Errorf("%d briefs, want 3", len(briefs))
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "site.yaml")); err != nil {
		t.Error(err)
	}
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"-h"}, 0},
		{[]string{}, 2},
		{[]string{"-n", "-1", dir + "2"}, 2},
		{[]string{"-bogus", dir + "2"}, 2},
		{[]string{"-n", "3", dir}, 1}, // not empty any more
	} {
		if got := run(c.args, io.Discard); got != c.want {
			t.Errorf("r2p-synth %s: exit %d, want %d", strings.Join(c.args, " "), got, c.want)
		}
	}
}
