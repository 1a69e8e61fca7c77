// Package markdown converts r2p's Markdown dialect to HTML.
package markdown
