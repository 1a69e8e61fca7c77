// Package r2p holds the defaults built into the r2p binary: the templates,
// static files and interface translations that a site falls back on for
// every file it does not provide itself.
package r2p

import (
	"embed"
	"io/fs"
)

//go:embed templates static i18n
var defaults embed.FS

// Defaults is the file system of built-in templates/, static/ and i18n/.
var Defaults fs.FS = defaults
