package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// cli runs the command in-process, exactly as main does but without
// exiting, and returns its exit status and output.
func cli(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// writeSite writes the site files of txtar archives (later ones replacing
// earlier ones' files) under a new directory and returns it.
func writeSite(t *testing.T, archives ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "monitor")
	for _, a := range archives {
		for name, f := range sitetest.ReadArchive(t, filepath.Join("testdata", a)).Site() {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// treeHash describes everything under dir (names, modes, contents); two
// equal hashes mean nothing was added, removed or changed. A missing dir
// hashes as "absent".
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return "absent"
	}
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		line := fmt.Sprintf("%s %v", rel, info.Mode())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

var summary = regexp.MustCompile(`^built (\d+) pages, (\d+) files, [\d.]+ (?:B|KB|MB) in [\d.]+(?:ns|µs|ms|s|m\d+s) -> (.+)\n$`)

// A successful build prints one summary line whose numbers are those of
// public/, and nothing on stderr.
func TestBuildSummary(t *testing.T) {
	site := writeSite(t, "site.txtar")
	code, stdout, stderr := cli("build", "-s", site)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	m := summary.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("summary line %q does not match %s", stdout, summary)
	}
	dest := filepath.Join(site, "public")
	if m[3] != dest {
		t.Errorf("summary names %s, want %s", m[3], dest)
	}
	var pages, files int
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
			if strings.HasSuffix(p, ".html") {
				pages++
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if m[1] != strconv.Itoa(pages) || m[2] != strconv.Itoa(files) {
		t.Errorf("summary says %s pages, %s files; public/ holds %d pages, %d files", m[1], m[2], pages, files)
	}
	for _, p := range []string{"index.html", "situations/syria/index.html", "about/index.html", "feed.xml"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Error(err)
		}
	}
}

// Invalid input: exit 1, every problem on stderr in the contract's format
// followed by a count, nothing on stdout, and public/ exactly as the last
// good build left it.
func TestBuildInvalidInput(t *testing.T) {
	site := writeSite(t, "site.txtar")
	if code, _, stderr := cli("build", "-s", site); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	dest := filepath.Join(site, "public")
	before := treeHash(t, dest)
	broken := sitetest.ReadArchive(t, "testdata/broken.txtar")
	for name, f := range broken.Site() {
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := broken.Want("stderr")
	want += "r2p build: 4 problems; nothing was written\n"

	code, stdout, stderr := cli("build", "-s", site)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if after := treeHash(t, dest); after != before {
		t.Errorf("public/ changed after a failed build:\n%s", sitetest.Diff(before, after))
	}
	assertOnly(t, site, "content", "public")
}

// assertOnly fails when dir holds anything but the named entries, such as
// a temporary directory a build left behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// check validates as build does and exits the same way, but writes nothing.
func TestCheckWritesNothing(t *testing.T) {
	site := writeSite(t, "site.txtar")
	before := treeHash(t, filepath.Dir(site))
	code, stdout, stderr := cli("check", "-s", site)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^(\d+ external links?, not fetched \(--external fetches them\):\n(\S+: \S+\n)+)?checked \d+ pages, \d+ files in \S+: no problems\n$`).MatchString(stdout) {
		t.Errorf("stdout %q", stdout)
	}
	if after := treeHash(t, filepath.Dir(site)); after != before {
		t.Errorf("check wrote to disk:\n%s", sitetest.Diff(before, after))
	}

	broken := writeSite(t, "site.txtar", "broken.txtar")
	before = treeHash(t, filepath.Dir(broken))
	code, stdout, stderr = cli("check", "-s", broken)
	want, _ := sitetest.ReadArchive(t, "testdata/broken.txtar").Want("stderr")
	want += "r2p check: 4 problems; nothing was written\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("invalid site: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and stderr:\n%s", code, stdout, stderr, want)
	}
	if after := treeHash(t, filepath.Dir(broken)); after != before {
		t.Errorf("check wrote to disk:\n%s", sitetest.Diff(before, after))
	}
}

// Bad usage exits 2, says what was wrong, and writes nothing anywhere:
// neither the site, nor the destination, nor a temporary directory.
func TestUsageErrors(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "monitor")
	for name, f := range sitetest.ReadArchive(t, "testdata/site.txtar").Site() {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(root, "other-site")
	if err := os.MkdirAll(filepath.Join(other, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string // a part of stderr
	}{
		{"no command", nil, "usage: r2p <command>"},
		{"unknown command", []string{"publish"}, `unknown command "publish"`},
		{"unknown flag", []string{"build", "-s", site, "--minify"}, "flag provided but not defined: -minify"},
		{"stray argument", []string{"build", "-s", site, "extra"}, `unexpected argument "extra"`},
		{"stray argument to check", []string{"check", "-s", site, "extra"}, `unexpected argument "extra"`},
		{"stray argument to version", []string{"version", "now"}, `unexpected argument "now"`},
		{"dest is the site", []string{"build", "-s", site, "-d", site}, "is the site directory"},
		{"dest is the site, relative", []string{"build", "-s", site, "-d", site + "/../monitor"}, "is the site directory"},
		{"dest contains the site", []string{"build", "-s", site, "-d", root}, "contains the site directory"},
		{"dest is the root", []string{"build", "-s", site, "-d", "/"}, "root of the file system"},
		{"dest holds content/", []string{"build", "-s", site, "-d", other}, "holds a content/ directory"},
		{"site does not exist", []string{"build", "-s", filepath.Join(root, "nowhere")}, "does not exist"},
		// A flag value that cannot be parsed is a mistake on the command
		// line, like a flag that does not exist, not a problem in the site.
		{"malformed --as-of", []string{"build", "-s", site, "--as-of", "yesterday"}, "--as-of"},
		{"malformed --base-url", []string{"build", "-s", site, "--base-url", "example.org"}, "--base-url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := treeHash(t, root)
			code, stdout, stderr := cli(tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr:\n%s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, stderr)
			}
			if after := treeHash(t, root); after != before {
				t.Errorf("bad usage wrote to disk:\n%s", sitetest.Diff(before, after))
			}
		})
	}
}

// Every sub-command explains itself with -h, including an example, and
// -h is not an error.
func TestHelp(t *testing.T) {
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			for _, h := range []string{"-h", "--help"} {
				code, stdout, stderr := cli(name, h)
				if code != 0 {
					t.Errorf("%s %s: exit %d, want 0", name, h, code)
				}
				help := stdout + stderr
				if !strings.Contains(help, "usage: r2p "+name) {
					t.Errorf("%s %s shows no usage line:\n%s", name, h, help)
				}
				example := regexp.MustCompile(`(?m)^examples?:\n  r2p ` + name + `\b`)
				if !example.MatchString(help) {
					t.Errorf("%s %s shows no example:\n%s", name, h, help)
				}
			}
		})
	}
	code, _, stderr := cli("-h")
	if code != 0 {
		t.Errorf("r2p -h: exit %d", code)
	}
	for name := range commands {
		if !strings.Contains(stderr, "  "+name+" ") {
			t.Errorf("r2p -h does not list %s:\n%s", name, stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := cli("version")
	if code != 0 || stderr != "" || !regexp.MustCompile(`^r2p \S.*\n$`).MatchString(stdout) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// buildBinary compiles r2p once per test that needs the real executable,
// so that exit statuses are those a shell sees, through os.Exit.
func buildBinary(t *testing.T, extra ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	exe := filepath.Join(t.TempDir(), "r2p")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	args := append([]string{"build", "-o", exe}, extra...)
	cmd := exec.Command("go", append(args, ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// The binary a user runs exits 0, 1 and 2 as the contract says.
func TestBinaryExitStatus(t *testing.T) {
	exe := buildBinary(t)
	good := writeSite(t, "site.txtar")
	bad := writeSite(t, "site.txtar", "broken.txtar")
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"build", "-s", good}, 0},
		{[]string{"check", "-s", good}, 0},
		{[]string{"build", "-s", bad}, 1},
		{[]string{"check", "-s", bad}, 1},
		{[]string{"build", "-s", good, "-d", good}, 2},
		{[]string{"build", "--nope"}, 2},
		{[]string{"version"}, 0},
	} {
		err := exec.Command(exe, tc.args...).Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.want {
			t.Errorf("r2p %s: exit %d, want %d", strings.Join(tc.args, " "), code, tc.want)
		}
	}
}

// Built from a git checkout, `r2p version` names the commit it was built
// from, so a published page's "r2p VERSION" can be traced to its source.
func TestBinaryVersionNamesCommit(t *testing.T) {
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	exe := buildBinary(t, "-buildvcs=true")
	out, err := exec.Command(exe, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	commit := strings.TrimSpace(string(head))[:12]
	if !regexp.MustCompile(`^r2p \S+ \(` + commit + `(\+dirty)?\)\n$`).Match(out) {
		t.Errorf("version printed %q, want r2p VERSION (%s[+dirty])", out, commit)
	}
}
