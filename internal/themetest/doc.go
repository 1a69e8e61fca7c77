// Package themetest tests the default theme (templates/, static/css,
// static/js) as a reader meets it: the repository's own site is built in
// memory, served on 127.0.0.1 under a strict Content-Security-Policy and
// loaded in headless Chromium, where axe-core and layout checks run on
// every page kind at desktop and phone widths, in light and dark. Other
// tests here need no browser: page weight, share cards and JSON-LD.
//
// The browser tests drive /usr/bin/chromium (Debian's package; .ci/run
// installs it). Without it they are skipped with a message, and fail when
// R2P_REQUIRE_BROWSER=1, as in CI. The package holds only tests.
package themetest
