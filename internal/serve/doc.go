// Package serve is the live preview: it keeps a build of the site in
// memory, serves it over HTTP, watches the site directory with fsnotify,
// rebuilds what an edit touched, and tells open tabs to reload through
// Server-Sent Events. A failed rebuild keeps the last good pages and shows
// the problems in an overlay until the next good save.
package serve
