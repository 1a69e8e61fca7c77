package render

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Numbers in the page's language. Counts and shares are written with the
// digits and separators of the page's language, from the CLDR data of
// golang.org/x/text: 10,000 in English and Chinese, 10 000 in French and
// Russian, 10.000 in Spanish. Years, dates, ISO codes and document symbols
// never pass through here: a template formats a value only by calling
// number or percent on it.
//
// The CLDR data in golang.org/x/text is release 32; three later changes to
// CLDR that concern the six UN languages are applied on top of it:
//
//   - French groups digits with U+202F NARROW NO-BREAK SPACE, and puts the
//     same space before "%" (CLDR 34, ticket CLDR-11423); x/text has U+00A0.
//     Canadian French kept U+00A0 (CLDR-16215).
//   - Spanish leaves numbers of four digits ungrouped, 1234 but 10.000
//     (minimumGroupingDigits 2 in es.xml; Latin American Spanish has 1,
//     CLDR-14054). x/text does not apply minimumGroupingDigits.
//   - Arabic ("ar" without a region) writes Western digits by default, 1,234
//     (CLDR 46, ticket CLDR-17553, which made latn the default numbering
//     system of ar.xml and kept arab for the regional locales that had it);
//     x/text's data still has Arabic-Indic digits for "ar". This also matches
//     the dates and document symbols on the same page, which are written in
//     Western digits.
//
// A site chooses other digits with number.system in i18n/LANG.yaml, naming
// a CLDR numbering system: "arab" gives ١٬٢٣٤ in Arabic.

// Number is a number written for the page. It prints as its text under any
// fmt verb, so that it can fill a %d as well as a %s in a translation.
type Number struct{ text string }

func (n Number) String() string { return n.text }

// Format writes the text whatever the verb.
func (n Number) Format(f fmt.State, verb rune) { io.WriteString(f, n.text) }

// numberFormat holds what writing numbers in one language takes.
type numberFormat struct {
	printer  *message.Printer
	minGroup int  // CLDR minimumGroupingDigits: 2 leaves 1234 ungrouped
	narrow   bool // write U+00A0 as U+202F (French)
}

var numberFormats sync.Map // lang + "\x00" + system -> *numberFormat

// numberFormatFor returns the format of lang, with the numbering system
// system ("" for the language's default).
func numberFormatFor(lang, system string) *numberFormat {
	key := lang + "\x00" + system
	if f, ok := numberFormats.Load(key); ok {
		return f.(*numberFormat)
	}
	tag := language.Make(lang)
	if system == "" && tag.String() == "ar" {
		system = "latn"
	}
	if system != "" {
		if t, err := language.Parse(lang + "-u-nu-" + system); err == nil {
			tag = t
		}
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	f := &numberFormat{printer: message.NewPrinter(tag), minGroup: 1}
	switch base.String() {
	case "fr":
		f.narrow = region.String() != "CA"
	case "es":
		if region.String() == "ES" {
			f.minGroup = 2
		}
	}
	v, _ := numberFormats.LoadOrStore(key, f)
	return v.(*numberFormat)
}

func (f *numberFormat) finish(s string) Number {
	if f.narrow {
		s = strings.ReplaceAll(s, "\u00a0", "\u202f")
	}
	return Number{s}
}

// integer writes a whole number.
func (f *numberFormat) integer(n int64) Number {
	var opts []number.Option
	if f.minGroup > 1 && n > -10000 && n < 10000 {
		opts = append(opts, number.NoSeparator())
	}
	return f.finish(f.printer.Sprint(number.Decimal(n, opts...)))
}

// decimal writes x with at most digits digits after the decimal separator.
func (f *numberFormat) decimal(x float64, digits int) Number {
	opts := []number.Option{number.MaxFractionDigits(digits)}
	if f.minGroup > 1 && math.Abs(x) < 10000 {
		opts = append(opts, number.NoSeparator())
	}
	return f.finish(f.printer.Sprint(number.Decimal(x, opts...)))
}

// percent writes the share x (0.46 for 46 %) rounded to a whole percent.
func (f *numberFormat) percent(x float64) Number {
	return f.finish(f.printer.Sprint(number.Percent(x, number.MaxFractionDigits(0))))
}

// numbers is the renderer's format: its language, and the numbering system
// its translation file names, if any.
func (r *Renderer) numbers() *numberFormat {
	system := ""
	if r.i18n.Has("number.system") {
		system = strings.TrimSpace(r.i18n.T("number.system"))
	}
	return numberFormatFor(r.lang, system)
}

// number is the template function: a whole number, or a fraction with at
// most DIGITS decimals (2 unless given), in the page's language.
func (r *Renderer) number(v any, digits ...int) (Number, error) {
	f := r.numbers()
	if n, ok := toInt(v); ok {
		return f.integer(n), nil
	}
	if x, ok := toFloat(v); ok {
		d := 2
		if len(digits) > 0 {
			d = max(digits[0], 0)
		}
		return f.decimal(x, d), nil
	}
	return Number{}, fmt.Errorf("number: cannot format %T %v; years, dates and codes are written as they are", v, v)
}

// percent is the template function: PART as a share of WHOLE, rounded to a
// whole percent, in the page's language; "" when WHOLE is 0.
func (r *Renderer) percent(part, whole any) (Number, error) {
	p, ok1 := toFloat(part)
	w, ok2 := toFloat(whole)
	if !ok1 || !ok2 {
		return Number{}, fmt.Errorf("percent: needs two numbers, got %T and %T", part, whole)
	}
	if w == 0 {
		return Number{}, nil
	}
	return r.numbers().percent(p / w), nil
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint:
		return int64(n), true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		if n <= math.MaxInt64 {
			return int64(n), true
		}
	}
	return 0, false
}

func toFloat(v any) (float64, bool) {
	if n, ok := toInt(v); ok {
		return float64(n), true
	}
	switch x := v.(type) {
	case float32:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}
