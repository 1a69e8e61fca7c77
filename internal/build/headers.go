package build

import (
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/render"
)

// HeadersFile is where the build writes the HTTP response headers every
// page should be served with, in the format Netlify and Cloudflare Pages
// read from the root of the published directory.
const HeadersFile = "_headers"

// ContentSecurityPolicy is the policy r2p's output is built to satisfy:
// nothing inline, nothing from another origin. It is the proof that
// untrusted content cannot run even if an escaping bug let markup through,
// so it is never relaxed to make a template work; the template changes.
// data: images are allowed because browsers' own form controls and some
// CSS use them; data: can carry no script in an <img>.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"

// SecurityHeaders are the headers written to HeadersFile, in order. Other
// servers (nginx, a test server) should send the same; the README shows
// how.
var SecurityHeaders = [][2]string{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	// Only features browsers recognise are listed: an unknown one (such as
	// the withdrawn interest-cohort) makes Chrome log an error on every
	// page, which would bury real problems in the console.
	{"Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"},
	{"X-Frame-Options", "DENY"},
}

// HeadersText is the content of HeadersFile: every path of the site gets
// SecurityHeaders. The rule is "/*" whatever base_url's path, because the
// file is read relative to the published directory itself.
func HeadersText() []byte {
	var b strings.Builder
	b.WriteString("# Written by r2p build: HTTP headers for Netlify and Cloudflare Pages.\n")
	b.WriteString("# Other hosts: see the README's security section.\n")
	b.WriteString("/*\n")
	for _, h := range SecurityHeaders {
		b.WriteString("  " + h[0] + ": " + h[1] + "\n")
	}
	return []byte(b.String())
}

// headers writes HeadersFile unless the site's static/ already has one:
// a publisher who wrote their own headers (to add a report-to endpoint,
// say) means them to be served, and two files at one path would otherwise
// fail the build.
func (c *collector) headers(l *diag.List) {
	c.mu.Lock()
	_, own := c.seen[HeadersFile]
	c.mu.Unlock()
	if own {
		return
	}
	if err := c.emit("the security headers")(render.File{Path: HeadersFile, Data: HeadersText()}); err != nil {
		l.Append(diag.AsList(err)...)
	}
}
