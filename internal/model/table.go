package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
)

// tableReader checks one table's columns against its schema and reads
// typed values out of its rows, reporting each problem at its cell.
type tableReader struct {
	t       *source.Table
	schema  *Schema
	l       *diag.List
	missing map[string]bool // required columns a CSV header lacks, reported once
	langs   dataLangs       // the languages a NAME_LANG column may name
}

func newTableReader(t *source.Table, s *Schema, l *diag.List, langs dataLangs) *tableReader {
	tr := &tableReader{t: t, schema: s, l: l, missing: map[string]bool{}, langs: langs}
	if t.Format == "csv" && !t.Invalid {
		tr.checkHeader()
	}
	return tr
}

// checkHeader reports unknown and missing columns once, at the header,
// rather than at every row of a CSV file.
func (tr *tableReader) checkHeader() {
	names := tr.schema.Names()
	have := map[string]bool{}
	for _, h := range tr.t.Header {
		have[h.Name] = true
		if _, ok := tr.schema.column(h.Name); !ok && h.Name != "" {
			tr.unknownColumn(h, names)
		}
	}
	for _, c := range tr.schema.Columns {
		if c.Required && !have[c.Name] {
			tr.missing[c.Name] = true
			tr.l.Addf(diag.Pos{Path: tr.t.Path, Line: 1}, "missing required column %q in table %s", c.Name, tr.schema.Name)
		}
	}
}

// row wraps one record for typed access; ok reports whether it has every
// required value, so that callers skip records that cannot stand.
func (tr *tableReader) row(r source.Row) (rowReader, bool) {
	rr := rowReader{tr: tr, r: r}
	ok := true
	if tr.t.Format != "csv" {
		for _, c := range r.Cells {
			if _, known := tr.schema.column(c.Name); !known {
				tr.unknownColumn(c, tr.schema.Names())
			}
		}
	}
	for _, c := range tr.schema.Columns {
		if !c.Required {
			continue
		}
		if tr.missing[c.Name] {
			ok = false
			continue
		}
		if rr.str(c.Name) == "" {
			tr.l.Addf(tr.t.Pos(r), "missing required column %q", c.Name)
			ok = false
		}
	}
	return rr, ok
}

type rowReader struct {
	tr *tableReader
	r  source.Row
}

func (rr rowReader) pos() diag.Pos { return rr.tr.t.Pos(rr.r) }

// at is the position of a column's value, or of the row when it is absent.
func (rr rowReader) at(name string) diag.Pos {
	if c, ok := rr.r.Get(name); ok {
		return rr.tr.t.CellPos(c)
	}
	return rr.pos()
}

func (rr rowReader) errorf(name, format string, args ...any) {
	rr.tr.l.Addf(rr.at(name), format, args...)
}

// str is a column's text, trimmed; a list where text belongs is an error.
func (rr rowReader) str(name string) string {
	c, ok := rr.r.Get(name)
	if !ok {
		return ""
	}
	if c.IsList {
		rr.errorf(name, "%s must be text, not a list", name)
		return ""
	}
	return strings.TrimSpace(c.Value)
}

// list reads a list column: a YAML or JSON list, or text split at ";".
// Items are trimmed and empty ones dropped; an item cannot hold ";",
// since it could not be written to CSV.
func (rr rowReader) list(name string) []string {
	c, ok := rr.r.Get(name)
	if !ok {
		return nil
	}
	items := c.List
	if !c.IsList {
		items = strings.Split(c.Value, ";")
	}
	var out []string
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		if strings.Contains(it, ";") {
			rr.errorf(name, "%s item %q must not contain ';', which separates items in CSV", name, it)
			continue
		}
		out = append(out, it)
	}
	return out
}

func (rr rowReader) date(name string) Date {
	s := rr.str(name)
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		rr.errorf(name, "%s: %v", name, err)
	}
	return d
}

func (rr rowReader) enum(name string, values []string) string {
	s := rr.str(name)
	if s == "" || contains(values, s) {
		return s
	}
	rr.errorf(name, "%s must be one of %s, not %q%s", name, strings.Join(values, ", "), s, diag.Suggest(s, values))
	return ""
}

// integer reads a whole number, or -1 when the cell is empty.
func (rr rowReader) integer(name string) int {
	s := rr.str(name)
	if s == "" {
		return -1
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		rr.errorf(name, "%s must be a whole number, not %q", name, s)
		return -1
	}
	return n
}

func (rr rowReader) year(name string) string {
	s := rr.str(name)
	if s == "" {
		return ""
	}
	if len(s) != 4 || strings.Trim(s, "0123456789") != "" {
		rr.errorf(name, "%s must be a year (YYYY), not %q", name, s)
		return ""
	}
	return s
}

// slug reads an id used in a URL.
func (rr rowReader) slug(name string) string {
	s := rr.str(name)
	if s != "" && !validSlug(s) {
		rr.errorf(name, "%s %q must be letters, digits, '-', '_' or '.', not starting with '.', since it names a page", name, s)
		return ""
	}
	return s
}

// Record holds what every data record carries: where it was read, and its
// source and note.
type Record struct {
	Pos    diag.Pos
	Source string
	Note   string
}

func (rr rowReader) record() Record {
	return Record{Pos: rr.pos(), Source: rr.str("source"), Note: rr.str("note")}
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
