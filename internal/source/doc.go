// Package source reads a site directory into raw documents: YAML settings,
// Markdown files split into front matter and body, and the list of other
// files. It knows file formats and positions, not meaning: which keys a
// brief may carry is decided by internal/model.
//
// A Markdown file may open with a front matter block:
//
//	---
//	title: Syrian Arab Republic
//	states: [SYR]
//	---
//	Body text...
//
// The opening line must be exactly "---"; the block ends at the next line
// that is exactly "---" (or "..."). A UTF-8 byte order mark is skipped and
// CRLF line endings are read as LF, so line and column numbers match what an
// editor shows. Bytes that are not valid UTF-8 are an error at their line.
package source
