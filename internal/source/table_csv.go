package source

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// readCSV reads record by record, so a large table is never held as text.
// Field counts are checked here rather than by encoding/csv, so that a short
// or long row is reported at its own line and reading goes on.
func readCSV(t *Table, r io.Reader, l *diag.List) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				l.Addf(diag.Pos{Path: t.Path}, "cannot read: %v", err)
				t.Invalid = true
				return
			}
			l.Add(diag.Pos{Path: t.Path, Line: pe.Line, Col: pe.Column}, csvMessage(pe.Err))
			if header {
				t.Invalid = true
				return
			}
			continue
		}
		if header {
			readHeader(t, cr, rec, l)
			header = false
			continue
		}
		readCSVRow(t, cr, rec, l)
	}
}

func csvMessage(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `stray " in an unquoted field; quote the whole field and double each " inside it ("a ""b"" c")`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted field is not closed, or text follows its closing "; double each " inside a quoted field`
	}
	return "invalid CSV: " + err.Error()
}

func readHeader(t *Table, cr *csv.Reader, rec []string, l *diag.List) {
	seen := map[string]bool{}
	for i, name := range rec {
		line, col := cr.FieldPos(i)
		name = strings.TrimSpace(name)
		pos := diag.Pos{Path: t.Path, Line: line, Col: col}
		switch {
		case name == "":
			l.Addf(pos, "column %d of the header has no name", i+1)
		case seen[name]:
			l.Addf(pos, "column %q is given twice in the header", name)
		}
		seen[name] = true
		t.Header = append(t.Header, Cell{Name: name, Value: name, Line: line, Col: col, KeyLine: line, KeyCol: col})
	}
}

func readCSVRow(t *Table, cr *csv.Reader, rec []string, l *diag.List) {
	line, col := cr.FieldPos(0)
	if len(rec) != len(t.Header) {
		l.Addf(diag.Pos{Path: t.Path, Line: line}, "row has %d fields, but the header has %d; quote any field that holds a comma", len(rec), len(t.Header))
		return
	}
	row := Row{Line: line, Col: col, Cells: make([]Cell, 0, len(rec))}
	for i, v := range rec {
		if v == "" {
			continue // an empty cell is the same as an absent key in YAML or JSON
		}
		fl, fc := cr.FieldPos(i)
		if !utf8.ValidString(v) {
			l.Addf(diag.Pos{Path: t.Path, Line: fl, Col: fc}, "field is not valid UTF-8; save the file as UTF-8")
			continue
		}
		h := t.Header[i]
		row.Cells = append(row.Cells, Cell{Name: h.Name, Value: Unneutralize(v), Line: fl, Col: fc, KeyLine: h.Line, KeyCol: h.Col})
	}
	t.Rows = append(t.Rows, row)
}
