package source

import (
	"bufio"
	"bytes"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// A data table is one file of content/data/ named after the table it holds:
// ratifications.csv, treaties.yaml, compliance.json. The three formats carry
// the same thing, a list of records whose keys are column names:
//
//	CSV   RFC 4180 with a header row. A list is one cell with its items
//	      separated by ";". A cell written '=X (an apostrophe before =, +,
//	      -, @, a tab or a carriage return) is read as =X: that is how r2p's
//	      own CSV exports guard against spreadsheet formula injection, so
//	      an export read back gives the records it was written from.
//	YAML  a list of mappings; a list value is a YAML sequence.
//	JSON  an array of objects; a list value is an array of strings.
//
// YAML and JSON may also wrap the list as {"records": [...]} (other keys of
// the wrapper, such as as_of, are ignored), which is the shape of r2p's JSON
// exports. Numbers and booleans are read as the text they are written as;
// null is an empty cell.
//
// Which columns exist and what they mean is internal/model's business; this
// file only keeps every cell with the line and column it was read at.

// Table is one data file read into rows of cells.
type Table struct {
	Name    string // the file's base name without extension: "ratifications"
	Path    string // relative to the site directory
	Format  string // "csv", "yaml" or "json"
	Header  []Cell // CSV only: the header row, Name and position of each column
	Rows    []Row
	Invalid bool // the file could not be read to its end; Rows holds what came before
}

// Row is one record. Line and Col are where it begins: a CSV row's first
// field, a YAML mapping, a JSON object's "{".
type Row struct {
	Line, Col int
	Cells     []Cell
}

// Cell is one value of a record. CSV cells are always text, even where the
// column holds a list; YAML and JSON lists arrive as lists.
type Cell struct {
	Name            string   // the column
	Value           string   // the text, when IsList is false
	List            []string // the items, when IsList is true
	IsList          bool
	Line, Col       int // the value's position
	KeyLine, KeyCol int // the key's position (YAML, JSON); the header cell's in CSV
}

// Get returns the cell of column name.
func (r Row) Get(name string) (Cell, bool) {
	for _, c := range r.Cells {
		if c.Name == name {
			return c, true
		}
	}
	return Cell{}, false
}

// Pos is where the row begins in t.
func (t *Table) Pos(r Row) diag.Pos { return diag.Pos{Path: t.Path, Line: r.Line, Col: r.Col} }

// CellPos is where the value of c is in t.
func (t *Table) CellPos(c Cell) diag.Pos { return diag.Pos{Path: t.Path, Line: c.Line, Col: c.Col} }

// KeyPos is where the column name of c is in t.
func (t *Table) KeyPos(c Cell) diag.Pos {
	return diag.Pos{Path: t.Path, Line: c.KeyLine, Col: c.KeyCol}
}

// TableName is the table a data file holds: its base name without the
// extension.
func TableName(p string) string {
	base := path.Base(p)
	return strings.TrimSuffix(base, path.Ext(base))
}

func tableFormat(p string) string {
	switch path.Ext(p) {
	case ".csv":
		return "csv"
	case ".yaml", ".yml":
		return "yaml"
	}
	return "json"
}

// ReadTableFile opens p in fsys and reads it as a table, streaming the
// file rather than holding it whole, since a compliance table may run to
// tens of thousands of rows.
func ReadTableFile(fsys fs.FS, p string, l *diag.List) *Table {
	f, err := fsys.Open(p)
	if err != nil {
		l.Addf(diag.Pos{Path: p}, "cannot read: %v", unwrapPath(err))
		return &Table{Name: TableName(p), Path: p, Format: tableFormat(p), Invalid: true}
	}
	defer f.Close()
	return ReadTable(p, f, l)
}

// ReadTable reads a table from r, in the format p's extension names.
// Problems are added to l, each at its line (and column where known).
func ReadTable(p string, r io.Reader, l *diag.List) *Table {
	t := &Table{Name: TableName(p), Path: p, Format: tableFormat(p)}
	br := bufio.NewReaderSize(r, 64<<10)
	// A byte order mark is invisible in an editor, so it would only
	// confuse column numbers and the first column's name.
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	switch t.Format {
	case "csv":
		readCSV(t, br, l)
	case "yaml":
		readYAML(t, br, l)
	default:
		readJSON(t, br, l)
	}
	return t
}

// neutralTriggers are the first characters that make a spreadsheet read a
// cell as a formula (OWASP's list for CSV injection).
const neutralTriggers = "=+-@\t\r"

// Neutralize guards a CSV cell against formula injection: a value that
// begins with =, +, -, @, a tab or a carriage return, possibly after
// apostrophes, gets one more apostrophe in front. Unneutralize undoes it,
// and the apostrophes already there are what make the pair exact: '=X is
// written ”=X, and read back as '=X.
func Neutralize(s string) string {
	if needsNeutral(s) {
		return "'" + s
	}
	return s
}

// Unneutralize removes the apostrophe that Neutralize adds.
func Unneutralize(s string) string {
	if strings.HasPrefix(s, "'") && needsNeutral(s[1:]) {
		return s[1:]
	}
	return s
}

func needsNeutral(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte(neutralTriggers, s[0]) >= 0
}

// ReadTables reads each data file as a table, in the order given.
func ReadTables(fsys fs.FS, paths []string, l *diag.List) []*Table {
	out := make([]*Table, len(paths))
	for i, p := range paths {
		out[i] = ReadTableFile(fsys, p, l)
	}
	return out
}
