// Package browsertest starts the headless Chromium that browser tests drive.
// It is imported only by _test.go files.
package browsertest

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package installs the browser that
// every browser test drives.
const ChromiumPath = "/usr/bin/chromium"

// Chromium starts a headless Chromium with a fresh profile for t and
// returns the allocator context to make chromedp contexts from; it is shut
// down when t ends. Without the browser the test is skipped with a message
// saying how to run it, so that `go test ./...` passes on a machine with
// only Go; with R2P_REQUIRE_BROWSER=1 (set by .ci/run, which installs
// Chromium) a missing browser fails the test instead, so CI can never pass
// by skipping. The flags keep Chromium from reaching for the network.
func Chromium(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("R2P_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s not found and R2P_REQUIRE_BROWSER=1: install chromium (apt-get install chromium)", ChromiumPath)
		}
		t.Skipf("browser test skipped: %s not found; install Debian's chromium (apt-get install chromium) to run it, as .ci/run does", ChromiumPath)
	}
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}, extra...)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	return alloc
}
