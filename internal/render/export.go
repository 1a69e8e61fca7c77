package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/source"
)

// Open data. Every table is written twice under /data/: TABLE.csv, with
// lists ";"-separated and cells neutralised against formula injection
// (source.Neutralize), and TABLE.json, {"as_of": ..., "records": [...]}
// with lists as arrays. The exports hold the tables as written, every
// record included (also those dated after as_of, which pages leave out),
// so that reading an export back as content/data/TABLE.csv gives the same
// records. /data/r2p.json holds every table in one document with a format
// version, and /data/datapackage.json describes the CSV files as a
// Frictionless Data Package.
//
// A table's translations (title_fr, description_ar: see the model's
// Column.Translatable) are exported too, after the schema's columns: for
// each translatable column in schema order, one NAME_LANG column per
// language that some record gives, languages in alphabetical order. A
// table that no one translated is exported with the schema's columns only.

// DataFormatVersion is the version of the layout of /data/r2p.json; it
// changes only when a consumer would have to change.
const DataFormatVersion = 1

// cell is one exported value: text, a list, or a whole number.
type cell struct {
	text   string
	list   []string
	isList bool
	number bool
}

func (c cell) csv() string {
	if c.isList {
		return strings.Join(c.list, ";")
	}
	return c.text
}

func (c cell) MarshalJSON() ([]byte, error) {
	switch {
	case c.isList:
		if c.list == nil {
			return []byte("[]"), nil
		}
		return json.Marshal(c.list)
	case c.number && c.text == "":
		return []byte("null"), nil
	case c.number:
		return []byte(c.text), nil
	}
	return json.Marshal(c.text)
}

func textCell(s string) cell     { return cell{text: s} }
func dateCell(d model.Date) cell { return cell{text: d.String()} }
func listCell(l []string) cell   { return cell{list: l, isList: true} }
func numberCell(n int) cell {
	if n < 0 {
		return cell{number: true}
	}
	return cell{text: strconv.Itoa(n), number: true}
}

// langColumn is a translation of a column: NAME_LANG.
type langColumn struct {
	base, lang string
}

func (c langColumn) name() string { return c.base + "_" + c.lang }

// translationsOf gives record i's translations of each translatable column
// of the table: column -> language -> text.
func (r *Renderer) translationsOf(table string, i int) map[string]map[string]string {
	switch table {
	case "treaties":
		t := r.site.Treaties[i]
		return map[string]map[string]string{"title": t.Titles, "short_title": t.ShortTitles}
	case "commitments":
		c := r.site.Commitments[i]
		return map[string]map[string]string{"title": c.Titles, "description": c.Descriptions}
	}
	return nil
}

// langColumns lists the translations the table's records give, in export
// order.
func (r *Renderer) langColumns(schema model.Schema) []langColumn {
	var out []langColumn
	n := r.tableLen(schema.Name)
	for _, col := range schema.Columns {
		if !col.Translatable {
			continue
		}
		seen := map[string]bool{}
		var langs []string
		for i := range n {
			for lang := range r.translationsOf(schema.Name, i)[col.Name] {
				if !seen[lang] {
					seen[lang] = true
					langs = append(langs, lang)
				}
			}
		}
		sort.Strings(langs)
		for _, lang := range langs {
			out = append(out, langColumn{col.Name, lang})
		}
	}
	return out
}

// exportTable is a table as exported: its column names and its rows.
type exportTable struct {
	names []string
	rows  [][]cell
}

// exportOf gives a table's records as cells: the schema's columns, then
// the translations (langColumns).
func (r *Renderer) exportOf(schema model.Schema) exportTable {
	rows := r.tableRows(schema.Name)
	extra := r.langColumns(schema)
	names := schema.Names()
	for _, c := range extra {
		names = append(names, c.name())
	}
	if len(extra) > 0 {
		for i := range rows {
			tr := r.translationsOf(schema.Name, i)
			for _, c := range extra {
				rows[i] = append(rows[i], textCell(tr[c.base][c.lang]))
			}
		}
	}
	return exportTable{names: names, rows: rows}
}

// tableRows gives a table's records as cells in the schema's column order.
func (r *Renderer) tableRows(name string) [][]cell {
	s := r.site
	var rows [][]cell
	switch name {
	case "states":
		for _, st := range s.States {
			rows = append(rows, []cell{textCell(st.Code), textCell(st.Numeric), textCell(st.Name), textCell(st.Region), textCell(st.Subregion),
				textCell(st.MemberSince), textCell(st.Status), textCell(st.Source), textCell(st.Note)})
		}
	case "treaties":
		for _, t := range s.Treaties {
			rows = append(rows, []cell{textCell(t.ID), textCell(t.Title), textCell(t.ShortTitle), dateCell(t.Adopted), dateCell(t.InForce),
				textCell(t.Depositary), textCell(t.UNTC), textCell(t.Category), textCell(t.URL), numberCell(t.ReportedParties), dateCell(t.ReportedAsOf),
				textCell(t.Source), textCell(t.Note)})
		}
	case "ratifications":
		for _, x := range s.Ratifications {
			rows = append(rows, []cell{textCell(x.State), textCell(x.Treaty.ID), dateCell(x.Signed), textCell(x.Action), dateCell(x.Date),
				dateCell(x.Effective), dateCell(x.Withdrawn), textCell(x.Reservations), textCell(x.Source), textCell(x.Note)})
		}
	case "commitments":
		for _, c := range s.Commitments {
			rows = append(rows, []cell{textCell(c.ID), textCell(c.Title), textCell(c.Kind), dateCell(c.Adopted), textCell(c.Description),
				textCell(c.URL), listCell(c.Statuses), textCell(c.Source), textCell(c.Note)})
		}
	case "commitment_status":
		for _, c := range s.CommitmentStatuses {
			rows = append(rows, []cell{textCell(c.State), textCell(c.Commitment.ID), textCell(c.Status), dateCell(c.Date), textCell(c.Source), textCell(c.Note)})
		}
	case "compliance":
		for _, a := range s.Assessments {
			rows = append(rows, []cell{textCell(a.State), textCell(a.Obligation.Ref), textCell(a.Rating), dateCell(a.Date), textCell(a.Summary),
				listCell(a.Evidence), textCell(a.Confidence), textCell(a.Source), textCell(a.Note)})
		}
	}
	return rows
}

// exportCSV writes a table as RFC 4180 CSV with CRLF line ends, as the RFC
// and spreadsheet programs expect.
func exportCSV(t exportTable) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write(t.names)
	rec := make([]string, len(t.names))
	for _, row := range t.rows {
		for i, c := range row {
			rec[i] = source.Neutralize(c.csv())
		}
		w.Write(rec)
	}
	w.Flush() // a bytes.Buffer does not fail
	return buf.Bytes()
}

// record is one exported JSON object, its keys in schema order.
type record struct {
	names []string
	cells []cell
}

func (rec record) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := rec.writeJSON(&buf, quoted(rec.names))
	return buf.Bytes(), err
}

// writeJSON writes the record as a JSON object whose keys, its names as
// JSON strings, are given.
func (rec record) writeJSON(buf *bytes.Buffer, keys [][]byte) error {
	buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			buf.WriteString(", ")
		}
		v, err := rec.cells[i].MarshalJSON()
		if err != nil {
			return err
		}
		buf.Write(k)
		buf.WriteString(": ")
		buf.Write(v)
	}
	buf.WriteByte('}')
	return nil
}

func records(t exportTable) []record {
	out := make([]record, len(t.rows))
	for i, row := range t.rows {
		out[i] = record{names: t.names, cells: row}
	}
	return out
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeRecords writes a JSON array with one record per line: readable in
// an editor and in diffs, and a third of the size of indented output.
func writeRecords(buf *bytes.Buffer, recs []record) error {
	buf.WriteString("[")
	var keys [][]byte // the records of a table share their names
	for i, rec := range recs {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n")
		if keys == nil {
			keys = quoted(rec.names)
		}
		if err := rec.writeJSON(buf, keys); err != nil {
			return err
		}
	}
	buf.WriteString("\n]")
	return nil
}

// quoted returns each name as a JSON string.
func quoted(names []string) [][]byte {
	keys := make([][]byte, len(names))
	for i, n := range names {
		keys[i] = []byte(jsonString(n))
	}
	return keys
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// exports writes every /data/ file but the index page.
func (r *Renderer) exports() ([]File, error) {
	asOf := jsonString(r.asOf().String())
	var files []File
	var all bytes.Buffer
	all.WriteString("{\"format\": \"r2p-data\", \"version\": " + strconv.Itoa(DataFormatVersion) +
		", \"generator\": " + jsonString(r.generator()) + ", \"title\": " + jsonString(r.site.Config.Title) +
		", \"as_of\": " + asOf + ", \"tables\": {")
	for i, schema := range model.Schemas {
		table := r.exportOf(schema)
		recs := records(table)
		var js bytes.Buffer
		js.WriteString("{\"as_of\": " + asOf + ", \"records\": ")
		start := js.Len()
		if err := writeRecords(&js, recs); err != nil {
			return nil, err
		}
		// The table's records go into r2p.json as they are: encoded once.
		array := js.Bytes()[start:]
		if i > 0 {
			all.WriteString(",")
		}
		all.WriteString("\n" + jsonString(schema.Name) + ": ")
		all.Write(array)
		js.WriteString("}\n")
		files = append(files,
			File{Path: "data/" + schema.Name + ".csv", Data: exportCSV(table)},
			File{Path: "data/" + schema.Name + ".json", Data: js.Bytes()})
	}
	all.WriteString("}}\n")
	pkg, err := marshal(r.dataPackage())
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: "data/r2p.json", Data: all.Bytes()}, File{Path: "data/datapackage.json", Data: pkg})
	return files, nil
}

func (r *Renderer) generator() string {
	if r.version == "" {
		return ""
	}
	return "r2p " + r.version
}
