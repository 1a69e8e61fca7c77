package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/r2p-monitor/r2p/internal/registry"
)

// A new site must build at once, and a new brief must be a valid brief of
// that site (with --drafts, since it starts as a draft).
func TestNewSiteBuildsWithNewBrief(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "monitor")
	var out, errb bytes.Buffer
	if code := run([]string{"new", "site", dir}, &out, &errb); code != exitOK {
		t.Fatalf("new site: exit %d: %s", code, errb.String())
	}
	if code := run([]string{"new", "brief", "-s", dir, "--risk", "imminent-risk", "bdi"}, &out, &errb); code != exitOK {
		t.Fatalf("new brief: exit %d: %s", code, errb.String())
	}
	brief, err := os.ReadFile(filepath.Join(dir, "content", "situations", "burundi.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: Burundi\n", "states: [BDI]\n", "risk: imminent-risk ", "date: " + time.Now().Format("2006-01")} {
		if !strings.Contains(string(brief), want) {
			t.Errorf("new brief lacks %q:\n%s", want, brief)
		}
	}
	if code := run([]string{"build", "-s", dir, "--drafts"}, &out, &errb); code != exitOK {
		t.Fatalf("build of the new site: exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "situations", "burundi", "index.html")); err != nil {
		t.Fatalf("the new brief was not built: %v", err)
	}
}

func TestNewBriefRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "content", "situations", "syrian-arab-republic.md")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"new", "brief", "-s", dir, "SYR"}, &out, &errb); code != exitInvalid {
		t.Fatalf("exit %d, want %d", code, exitInvalid)
	}
	if got, _ := os.ReadFile(name); string(got) != "mine" {
		t.Fatalf("existing brief was overwritten: %q", got)
	}
	if !strings.Contains(errb.String(), "already exists") {
		t.Errorf("stderr %q does not say the file exists", errb.String())
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"new"},
		{"new", "thing"},
		{"new", "brief", "-s", dir, "Syria"},
		{"new", "brief", "-s", dir, "--risk", "dire", "SYR"},
		{"new", "site"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	full := filepath.Join(dir, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"new", "site", full}, &out, &errb); code != exitInvalid {
		t.Errorf("new site in a non-empty dir: exit %d, want %d", code, exitInvalid)
	}
}

// Every state's name must give a plain ASCII file name.
func TestFileSlugIsASCII(t *testing.T) {
	for _, st := range registry.States() {
		s := fileSlug(st.Name)
		for _, r := range s {
			if r > 127 || r == ' ' {
				t.Errorf("fileSlug(%q) = %q is not plain ASCII", st.Name, s)
				break
			}
		}
	}
}
