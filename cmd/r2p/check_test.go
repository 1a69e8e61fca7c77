package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// check lists external links without fetching them, and with --external
// fetches each, reporting a dead one at the line that holds it.
func TestCheckExternal(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusGone)
		}
	}))
	defer srv.Close()
	site := writeSite(t, "site.txtar")
	about := filepath.Join(site, "content/about.md")
	if err := os.WriteFile(about, []byte("---\ntitle: About\n---\nSee [here]("+srv.URL+"/fine) and\n[there]("+srv.URL+"/gone).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli("check", "-s", site)
	if code != 0 || hits.Load() != 0 {
		t.Fatalf("exit %d after %d requests; stderr:\n%s", code, hits.Load(), stderr)
	}
	for _, want := range []string{"external links, not fetched", "content/about.md:4:12: " + srv.URL + "/fine", "content/about.md:5:9: " + srv.URL + "/gone"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	code, _, stderr = cli("check", "-s", site, "--external", "--timeout", "5s", "--concurrency", "2")
	want := "content/about.md:5:9: external link \"" + srv.URL + "/gone\": the server answers 410 Gone\n"
	if code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start with:\n%s", code, stderr, want)
	}
	if hits.Load() < 2 {
		t.Errorf("%d requests with --external, want one per link", hits.Load())
	}
}

func TestCheckFlagErrors(t *testing.T) {
	site := writeSite(t, "site.txtar")
	for _, args := range [][]string{
		{"check", "-s", site, "--timeout", "0s"},
		{"check", "-s", site, "--concurrency", "0"},
		{"check", "-s", site, "--timeout", "soon"},
	} {
		if code, _, _ := cli(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// A symbolic link out of the site stops build, check and serve before
// anything is read through it, and public/ is not touched.
func TestSymlinkOutOfSiteRefused(t *testing.T) {
	site := writeSite(t, "site.txtar")
	secret := filepath.Join(t.TempDir(), "id_rsa")
	if err := os.WriteFile(secret, []byte("PRIVATE"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(site, "static/key.txt")); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"build", "check"} {
		code, _, stderr := cli(cmd, "-s", site)
		if code != exitInvalid || !strings.HasPrefix(stderr, "static/key.txt: symbolic link points outside the site") {
			t.Errorf("%s: exit %d, stderr:\n%s", cmd, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ was written: %v", err)
	}
}
