// Package diag carries positions in site files and the problems found at
// them. Every reader and validator adds to a List and keeps going, so that a
// user sees every problem of a build at once, sorted by file and line.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Pos is a 1-based position in a site file. Line and Col are 0 when unknown.
type Pos struct {
	Path      string // relative to the site directory, slash-separated
	Line, Col int
}

// String formats p as path:line:col, path:line or path.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.Path != "" }

// Error is one problem in the input.
type Error struct {
	Pos Pos
	Msg string
}

func (e Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// List collects problems. Its methods are safe for concurrent use, because
// pages are converted in parallel and each may report problems.
type List struct {
	mu   sync.Mutex
	errs []Error
}

// Add records a problem at pos.
func (l *List) Add(pos Pos, msg string) {
	l.mu.Lock()
	l.errs = append(l.errs, Error{Pos: pos, Msg: msg})
	l.mu.Unlock()
}

// Addf records a formatted problem at pos.
func (l *List) Addf(pos Pos, format string, args ...any) {
	l.Add(pos, fmt.Sprintf(format, args...))
}

// Append adds every problem of other to l.
func (l *List) Append(errs ...Error) {
	l.mu.Lock()
	l.errs = append(l.errs, errs...)
	l.mu.Unlock()
}

// Len reports the number of problems recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// Errors returns the problems sorted by path, line, column and message, with
// exact duplicates removed.
func (l *List) Errors() []Error {
	l.mu.Lock()
	errs := append([]Error(nil), l.errs...)
	l.mu.Unlock()
	sort.SliceStable(errs, func(i, j int) bool { return less(errs[i], errs[j]) })
	out := errs[:0]
	for i, e := range errs {
		if i > 0 && e == errs[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

func less(a, b Error) bool {
	if a.Pos.Path != b.Pos.Path {
		return a.Pos.Path < b.Pos.Path
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col < b.Pos.Col
	}
	return a.Msg < b.Msg
}

// Err returns the sorted problems as an error, or nil when there are none.
func (l *List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return ErrorList(errs)
}

// ErrorList is a sorted list of problems that is itself an error; its text
// has one problem per line.
type ErrorList []Error

func (el ErrorList) Error() string {
	var b strings.Builder
	for i, e := range el {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// AsList returns the problems held by err: those of an ErrorList, a single
// Error, or err's text as one problem without a position.
func AsList(err error) []Error {
	var el ErrorList
	if errors.As(err, &el) {
		return el
	}
	var e Error
	if errors.As(err, &e) {
		return []Error{e}
	}
	return []Error{{Msg: err.Error()}}
}
