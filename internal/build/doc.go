// Package build is the pipeline: it reads a site (internal/source), gives it
// meaning (internal/model), converts Markdown in parallel
// (internal/markdown), renders every file (internal/render) and hands each
// to a sink, which either keeps it in memory (check, serve, tests) or writes
// it to a temporary directory that replaces public/ only once the whole
// build has succeeded.
package build
