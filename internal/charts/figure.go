package charts

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Figure is a drawn chart and the numbers behind it.
type Figure struct {
	ID    string // unique on its page; every id inside SVG starts with it
	Kind  string // map, step, bars, heatmap or timeline
	Title string
	Desc  string
	SVG   string // one <svg> element; all text in it is escaped
	Table Table
}

// Table is a figure's numbers as rows of text; the first cell of each row
// names it.
type Table struct {
	Head []string
	Num  []bool // which columns hold numbers, for right alignment
	Rows [][]string
}

// Slot is a place in the palette: a colour and, for the categorical
// slots, a pattern, so that categories stay apart in greyscale print.
type Slot int

// The palette. K0–K5 follow the Okabe–Ito colours (blue, orange,
// vermillion, sky blue, bluish green, reddish purple), which readers with
// any common colour-vision deficiency can tell apart; Q0–Q4 are a cool
// ramp of lightness for shares of a whole; W0–W4 a warm one, light to
// dark, for ordered levels such as risk, so that a figure can show risk
// and treaty status side by side without sharing a colour.
const (
	KNone Slot = iota
	K0
	K1
	K2
	K3
	K4
	K5
	Q0
	Q1
	Q2
	Q3
	Q4
	W0
	W1
	W2
	W3
	W4
)

// Class is the CSS class that colours the slot.
func (s Slot) Class() string {
	switch {
	case s >= K0 && s <= K5:
		return "k" + strconv.Itoa(int(s-K0))
	case s >= Q0 && s <= Q4:
		return "q" + strconv.Itoa(int(s-Q0))
	case s >= W0 && s <= W4:
		return "w" + strconv.Itoa(int(s-W0))
	}
	return "kx"
}

// Ramp returns the sequential slot for a share between 0 and 1, in five
// even steps.
func Ramp(share float64) Slot {
	i := int(share * 5)
	return Q0 + Slot(min(max(i, 0), 4))
}

// Category is one class of things a figure tells apart, in legend order.
type Category struct {
	Label string
	Slot  Slot
}

// svg collects markup. Attribute values and text go through esc.
//
// A right-to-left figure is drawn as its left-to-right layout mirrored:
// every horizontal position goes through x (or left, for a box), so time
// and bars run from the right and labels sit at the right, while the
// <svg> carries direction="rtl", so that text is set right to left and a
// text-anchor keeps its meaning at the mirrored place ("end" is the left
// edge of right-to-left text). Text whose first strong character is not
// right-to-left (numbers, years, codes, Latin names) is isolated as
// left-to-right (text), so that "A/RES/60/1" or "Model Treaty…" keeps its
// order inside Arabic.
type svg struct {
	strings.Builder
	sized  int     // set before open: the width attribute, 0 for none
	rtl    bool    // mirror the layout and set text right to left
	mirror float64 // the sum of the drawing's left and right edges
}

// canvas starts a drawing whose horizontal extent is [x0, x0+w], right to
// left if rtl.
func canvas(rtl bool, x0, w float64) svg {
	return svg{rtl: rtl, mirror: 2*x0 + w}
}

// x places a horizontal position of the left-to-right layout.
func (b *svg) x(v float64) float64 {
	if b.rtl {
		return b.mirror - v
	}
	return v
}

// left is the left edge of a box that spans [v, v+w] in the left-to-right
// layout.
func (b *svg) left(v, w float64) float64 {
	if b.rtl {
		return b.mirror - v - w
	}
	return v
}

// Unicode's directional isolates: LRI opens a left-to-right run, PDI
// closes it.
const (
	lri = "\u2066"
	pdi = "\u2069"
)

// text escapes s as an element's text; in a right-to-left figure, text
// that does not start right to left is isolated as left to right.
func (b *svg) text(s string) string {
	if !b.rtl || s == "" || startsRTL(s) {
		return esc(s)
	}
	return lri + esc(s) + pdi
}

// startsRTL reports whether the first strong character of s is of a
// right-to-left script.
func startsRTL(s string) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// f writes format as fmt.Fprintf would. The drawing code only puts strings
// in %s and ints in %d, which f writes directly: a timeline draws hundreds
// of marks, and fmt's reflection cost a third of its time. Anything else
// goes to fmt.
func (b *svg) f(format string, args ...any) {
	if !plainVerbs(format, args) {
		fmt.Fprintf(b, format, args...)
		return
	}
	for _, a := range args {
		i := strings.IndexByte(format, '%')
		b.WriteString(format[:i])
		switch v := a.(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		}
		format = format[i+2:]
	}
	b.WriteString(format)
}

// plainVerbs reports whether format's verbs are all %s and %d, one for
// each argument, each %s given a string and each %d an int.
func plainVerbs(format string, args []any) bool {
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		if i+1 == len(format) || n == len(args) {
			return false
		}
		switch a := args[n]; format[i+1] {
		case 's':
			if _, ok := a.(string); !ok {
				return false
			}
		case 'd':
			if _, ok := a.(int); !ok {
				return false
			}
		default:
			return false
		}
		n++
		i++
	}
	return n == len(args)
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

func esc(s string) string { return escaper.Replace(s) }

// open writes the <svg> element with its accessible name and description.
// A figure whose parts are links takes role="group", not "img": an img's
// children are hidden from assistive technology, and its links with them.
// Text is sized in user units, so it scales with the figure.
func (b *svg) open(id, kind, title, desc string, w, h int, font int, links bool) {
	b.openBox(id, kind, title, desc, [4]int{0, 0, w, h}, font, links)
}

func (b *svg) openBox(id, kind, title, desc string, box [4]int, font int, links bool) {
	role := "img"
	if links {
		role = "group"
	}
	width := ""
	if b.sized > 0 {
		width = ` width="` + strconv.Itoa(b.sized) + `"`
	}
	dir := ""
	if b.rtl {
		dir = ` direction="rtl"`
	}
	b.f(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" viewBox="%d %d %d %d"%s font-size="%d"%s role="%s" aria-labelledby="%s-t %s-d">`,
		kind, box[0], box[1], box[2], box[3], width, font, dir, role, id, id)
	b.f(`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(desc))
}

func (b *svg) close() { b.WriteString("</svg>") }

// patterns writes one pattern per slot used, size units square: the
// slot's colour under lines or dots that tell it apart in greyscale.
// Colours come from the classes, so dark mode and print restyle them.
func (b *svg) patterns(id string, size int, slots []Slot) {
	b.WriteString("<defs>")
	seen := map[Slot]bool{}
	for _, s := range slots {
		if seen[s] {
			continue
		}
		seen[s] = true
		b.f(`<pattern id="%s-%s" width="%d" height="%d" patternUnits="userSpaceOnUse"><rect class="%s" width="%d" height="%d"/>`,
			id, s.Class(), size, size, s.Class(), size, size)
		if m := patternMarks(s, size); m != "" {
			b.WriteString(m)
		}
		b.WriteString("</pattern>")
	}
	b.WriteString("</defs>")
}

// patternMarks draws the texture of a slot: none for K0 (solid), the
// neutral slot and the cool ramp (whose cells carry their numbers);
// hatching one way, crossed, dots, horizontal and vertical lines for the
// other categories. The warm ramp's steps take vertical, horizontal and
// back-slanted lines and dots, none of them a texture that the treaty
// statuses (K0–K3) use, so that a state's timeline, which shows both,
// keeps every period apart in greyscale.
func patternMarks(s Slot, n int) string {
	h := n / 2
	switch s {
	case W4:
		s = K5
	case W3:
		s = K4
	case W2:
		return fmt.Sprintf(`<path class="hatch" d="M0 0L%d %dM%d %dL%d %d"/>`, n, n, h, -h, n+h, h)
	case W1:
		s = K3
	}
	switch s {
	case K1:
		return fmt.Sprintf(`<path class="hatch" d="M0 %dL%d 0M%d %dL%d %d"/>`, n, n, -h, h, h, -h)
	case K2:
		return fmt.Sprintf(`<path class="hatch" d="M0 0L%d %dM0 %dL%d 0"/>`, n, n, n, n)
	case K3:
		return fmt.Sprintf(`<circle class="dot" cx="%d" cy="%d" r="%s"/>`, h, h, num(float64(n)/5))
	case K4:
		return fmt.Sprintf(`<path class="hatch" d="M0 %dH%d"/>`, h, n)
	case K5:
		return fmt.Sprintf(`<path class="hatch" d="M%d 0V%d"/>`, h, n)
	}
	return ""
}

// fill is the attribute value that paints a shape with a slot's pattern.
func fill(id string, s Slot) string { return "url(#" + id + "-" + s.Class() + ")" }

// num formats a coordinate with at most one decimal, without a trailing
// ".0", so that output is short and does not depend on float printing.
func num(v float64) string {
	return strconv.FormatFloat(float64(int64(v*10+sgn(v)*0.5))/10, 'f', -1, 64)
}

func sgn(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// textWidth estimates the width of a regular-weight label (class "lbl")
// in user units at a font size, for layout. SVG text cannot be measured
// without a browser, so each character is given its script's average
// advance; see advance.
func textWidth(s string, size float64) float64 {
	return estimate(s, size, 1)
}

// boldWidth estimates the width of a bold label (class "val", weight 600
// in charts.css).
func boldWidth(s string, size float64) float64 {
	return estimate(s, size, boldFactor)
}

const (
	// boldFactor widens bold glyphs: DejaVu Sans Bold is 10% to 13%
	// wider than its regular weight in Latin, Cyrillic and digits, and 20%
	// in Arabic, whose advance allows for the rest.
	boldFactor = 1.15
	// widthMargin covers fonts wider than the averages and the kerning
	// and shaping that the estimate ignores.
	widthMargin = 1.05
)

// estimate sums the advances of s's characters at a font size; weight
// widens all but full-width glyphs, which are 1 em in every weight.
func estimate(s string, size, weight float64) float64 {
	em := 0.0
	for _, r := range s {
		a, full := advance(r)
		if !full {
			a *= weight
		}
		em += a
	}
	return em * size * widthMargin
}

// advance is a character's average width in em in a regular-weight
// sans-serif, by script. The figures are a little above those of DejaVu
// Sans, the widest of the fonts that system-ui falls back to, measured in
// Chromium: Latin lower case 0.56, upper case 0.67; Cyrillic 0.67 and
// 0.77; digits 0.64; Arabic letters 0.5 to 0.6, a final yeh or feh the
// widest. full reports a full-width glyph (CJK ideographs, kana, Hangul,
// full-width forms), which is 1 em in every font and weight.
func advance(r rune) (em float64, full bool) {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0, false // harakat, shadda and joiners sit on their base letter
	case isFullWidth(r):
		return 1, true
	case unicode.IsSpace(r) || strings.ContainsRune(".,:;'’!|/()[]-", r):
		return 0.36, false
	case r == '%':
		return 0.84, false
	case unicode.IsDigit(r):
		return 0.64, false
	case unicode.Is(unicode.Arabic, r):
		return 0.64, false
	case unicode.Is(unicode.Cyrillic, r) && unicode.IsUpper(r):
		return 0.78, false
	case unicode.Is(unicode.Cyrillic, r):
		return 0.68, false
	case unicode.IsUpper(r):
		return 0.7, false
	}
	return 0.58, false
}

// isFullWidth reports whether r is drawn 1 em wide: East Asian scripts
// and the full-width forms of Latin letters and punctuation.
func isFullWidth(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK punctuation: 、。「」
		(r >= 0xff01 && r <= 0xff60) || // full-width forms: ，（）％
		(r >= 0xffe0 && r <= 0xffe6)
}

// truncate shortens a label to at most n characters, with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// legend draws a row of swatches and labels from (x, y), wrapping at
// width, and returns the height it took.
func (b *svg) legend(id string, cats []Category, counts []string, x, y, width float64, size float64) float64 {
	const sw = 12
	cx, cy := x, y
	line := size + 8
	b.f(`<g class="leg">`)
	for i, c := range cats {
		label := c.Label
		if counts != nil {
			label += " (" + counts[i] + ")"
		}
		w := sw + 6 + textWidth(label, size) + 16
		if cx > x && cx+w > x+width {
			cx, cy = x, cy+line
		}
		b.f(`<rect x="%s" y="%s" width="%d" height="%d" fill="%s" class="sw"/>`, num(b.left(cx, sw)), num(cy), sw, sw, fill(id, c.Slot))
		b.f(`<text class="lbl" x="%s" y="%s">%s</text>`, num(b.x(cx+sw+6)), num(cy+sw-2), b.text(label))
		cx += w
	}
	b.WriteString("</g>")
	return cy - y + line
}

func slotsOf(cats []Category) []Slot {
	out := make([]Slot, len(cats))
	for i, c := range cats {
		out[i] = c.Slot
	}
	return out
}
