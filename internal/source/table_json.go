package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// lineIndex remembers where each newline of a stream fell as the bytes go
// past, so that json.Decoder's byte offsets can be turned into lines and
// columns without keeping the text.
type lineIndex struct {
	r        io.Reader
	n        int64
	newlines []int64
	// recent holds the last bytes read (from offset recentAt), so that a
	// key's position can be found in the text as written: the decoder
	// gives the key decoded, escapes resolved, which is not its length.
	recent   []byte
	recentAt int64
}

// keepRecent is how many bytes of input lineIndex keeps.
const keepRecent = 256 << 10

func (x *lineIndex) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			x.newlines = append(x.newlines, x.n+int64(i))
		}
	}
	x.recent = append(x.recent, p[:n]...)
	if drop := len(x.recent) - keepRecent; drop > 0 {
		x.recent = append(x.recent[:0], x.recent[drop:]...)
		x.recentAt += int64(drop)
	}
	x.n += int64(n)
	return n, err
}

// keyStart finds the opening quote of the key that ends at end, searching
// from after, the end of the token before it.
func (x *lineIndex) keyStart(after, end int64) (int64, bool) {
	if after < x.recentAt || end > x.recentAt+int64(len(x.recent)) || after > end {
		return 0, false
	}
	i := bytes.IndexByte(x.recent[after-x.recentAt:end-x.recentAt], '"')
	if i < 0 {
		return 0, false
	}
	return after + int64(i), true
}

// pos gives the 1-based line and byte column of offset off.
func (x *lineIndex) pos(off int64) (line, col int) {
	i := sort.Search(len(x.newlines), func(i int) bool { return x.newlines[i] >= off })
	if i == 0 {
		return 1, int(off) + 1
	}
	return i + 1, int(off - x.newlines[i-1])
}

type jsonReader struct {
	t   *Table
	dec *json.Decoder
	idx *lineIndex
	l   *diag.List
}

// readJSON walks the top-level array token by token and decodes one record
// at a time, so that only the current record is in memory.
func readJSON(t *Table, r io.Reader, l *diag.List) {
	idx := &lineIndex{r: r}
	jr := &jsonReader{t: t, dec: json.NewDecoder(idx), idx: idx, l: l}
	jr.dec.UseNumber()
	if err := jr.top(); err != nil {
		jr.fail(err)
	}
}

func (jr *jsonReader) fail(err error) {
	jr.t.Invalid = true
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := jr.idx.pos(max(se.Offset-1, 0))
		jr.l.Addf(diag.Pos{Path: jr.t.Path, Line: line, Col: col}, "invalid JSON: %v", se)
		return
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		line, _ := jr.idx.pos(jr.idx.n)
		jr.l.Addf(diag.Pos{Path: jr.t.Path, Line: line}, "invalid JSON: the file ends before the list of records is closed")
		return
	}
	var pe posError
	if errors.As(err, &pe) {
		jr.l.Add(pe.pos, pe.msg)
		return
	}
	jr.l.Addf(diag.Pos{Path: jr.t.Path}, "invalid JSON: %v", err)
}

type posError struct {
	pos diag.Pos
	msg string
}

func (e posError) Error() string { return e.msg }

func (jr *jsonReader) here() diag.Pos {
	line, col := jr.idx.pos(jr.dec.InputOffset() - 1)
	return diag.Pos{Path: jr.t.Path, Line: line, Col: col}
}

const jsonShape = `expected a list of records, [{"column": "value", ...}, ...], or {"records": [...]}`

// top reads either [record, ...] or {"records": [record, ...], ...}.
func (jr *jsonReader) top() error {
	tok, err := jr.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		return jr.records()
	case json.Delim('{'):
		found := false
		for jr.dec.More() {
			key, err := jr.dec.Token()
			if err != nil {
				return err
			}
			if key == "records" && !found {
				found = true
				if tok, err := jr.dec.Token(); err != nil {
					return err
				} else if tok != json.Delim('[') {
					return posError{jr.here(), "records must be a list of objects"}
				}
				if err := jr.records(); err != nil {
					return err
				}
				continue
			}
			var skip json.RawMessage
			if err := jr.dec.Decode(&skip); err != nil {
				return err
			}
		}
		if !found {
			return posError{diag.Pos{Path: jr.t.Path, Line: 1}, jsonShape}
		}
		_, err := jr.dec.Token()
		return err
	}
	return posError{jr.here(), jsonShape}
}

// records reads the elements of an array whose "[" has been consumed, and
// its closing "]".
func (jr *jsonReader) records() error {
	for jr.dec.More() {
		tok, err := jr.dec.Token()
		if err != nil {
			return err
		}
		if tok != json.Delim('{') {
			return posError{jr.here(), "each record must be an object of column names and values"}
		}
		start := jr.here()
		row := Row{Line: start.Line, Col: start.Col}
		if err := jr.record(&row); err != nil {
			return err
		}
		jr.t.Rows = append(jr.t.Rows, row)
	}
	_, err := jr.dec.Token()
	return err
}

func (jr *jsonReader) record(row *Row) error {
	for jr.dec.More() {
		after := jr.dec.InputOffset()
		tok, err := jr.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		end := jr.dec.InputOffset()
		start, ok := jr.idx.keyStart(after, end)
		if !ok {
			start = max(end-int64(len(strconv.Quote(key))), 0)
		}
		kl, kc := jr.idx.pos(start)
		var raw json.RawMessage
		if err := jr.dec.Decode(&raw); err != nil {
			// Decode's syntax error offsets do not count from the start
			// of the stream, so the error is placed at the value's key.
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return posError{diag.Pos{Path: jr.t.Path, Line: kl, Col: kc}, fmt.Sprintf("invalid JSON in the value of %q: %v", key, se)}
			}
			return err
		}
		vl, vc := jr.idx.pos(jr.dec.InputOffset() - int64(len(raw)))
		c := Cell{Name: key, Line: vl, Col: vc, KeyLine: kl, KeyCol: kc}
		if _, dup := row.Get(key); dup {
			jr.l.Addf(jr.t.KeyPos(c), "column %q is given twice in this record", key)
			continue
		}
		if err := jsonValue(raw, &c); err != nil {
			jr.l.Addf(jr.t.CellPos(c), "%s %v", key, err)
			continue
		}
		if !c.IsList && c.Value == "" {
			continue
		}
		row.Cells = append(row.Cells, c)
	}
	_, err := jr.dec.Token() // the closing "}"
	return err
}

// jsonValue reads a value that must be text, a number, a boolean, null or
// a list of those.
func jsonValue(raw json.RawMessage, c *Cell) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var items []any
		if err := json.Unmarshal(raw, &items); err != nil {
			return err
		}
		c.IsList = true
		c.List = []string{}
		for _, it := range items {
			s, err := jsonScalar(it)
			if err != nil {
				return fmt.Errorf("list items %v", err)
			}
			if s != "" {
				c.List = append(c.List, s)
			}
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	s, err := jsonScalar(v)
	c.Value = s
	return err
}

func jsonScalar(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		if !utf8.ValidString(x) {
			return "", errors.New("is not valid UTF-8")
		}
		return x, nil
	case json.Number:
		return x.String(), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return "", errors.New("must be text, a number or a list of them, not an object")
}
