// Package model turns a site as read from disk (internal/source) into the
// typed, validated and cross-linked site that templates render: settings,
// pages, situation briefs and, through the registry, the states they name.
// It is pure: it performs no I/O and produces no HTML.
//
// Content files map to pages as follows:
//
//	content/index.md              the home page's introduction (/)
//	content/about.md              /about/
//	content/reports/index.md      /reports/
//	content/situations/NAME.md    a situation brief at /situations/SLUG/
//
// A page whose URL is also a generated list (/situations/, /states/, ...)
// supplies that list's title and introduction.
//
// Every value keeps the position it was read at, so that a problem found
// anywhere later is reported at path:line:col.
package model
