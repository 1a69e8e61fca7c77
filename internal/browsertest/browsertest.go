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
// down when t ends. Without the browser the test fails saying how to get
// it, unless R2P_SKIP_BROWSER=1, which skips it. The flags keep Chromium
// from reaching for the network, which this machine's closed network
// would refuse many times over.
func Chromium(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("R2P_SKIP_BROWSER") == "1" {
			t.Skipf("%s not installed and R2P_SKIP_BROWSER=1: browser test skipped", ChromiumPath)
		}
		t.Fatalf("%s not found: install chromium (apt-get install chromium), or set R2P_SKIP_BROWSER=1 to skip browser tests", ChromiumPath)
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
