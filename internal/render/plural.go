package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Plural strings. A string that holds a count may give one text per CLDR
// plural category of its language instead of one text:
//
//	data.records:
//	  one: "%d запись"
//	  few: "%d записи"
//	  many: "%d записей"
//	  other: "%d записи"
//
// The category is chosen by the CLDR cardinal rule of the language the
// text is taken from (golang.org/x/text/feature/plural, CLDR 32), for the
// first argument that is a count: a whole number, or a Number written by
// the number template function or a figure's count. "other" is required;
// a category a string lacks falls back to it. A form may leave the count
// out ("دولة واحدة", "دولتان"): the remaining arguments then fill its verbs
// in order.

// pluralNames are the CLDR plural categories as the i18n files name them.
var pluralNames = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// pluralOrder lists the categories in CLDR's order.
var pluralOrder = []string{"zero", "one", "two", "few", "many", "other"}

// translation is one interface string: a text, or texts by plural category.
type translation struct {
	text  string
	forms map[plural.Form]string // nil for a plain text; holds Other
}

// operand is a number as the CLDR plural rules see it: its integer
// digits, the number of its visible fraction digits and those digits.
type operand struct{ i, v, f int }

// pick returns the text of m for a count of n in lang; ok is false when
// there is no count to choose by.
func (m translation) pick(lang string, n operand, ok bool) string {
	if m.forms == nil {
		return m.text
	}
	if ok {
		if s, has := m.forms[pluralForm(lang, n)]; has {
			return s
		}
	}
	return m.forms[plural.Other]
}

// pluralForm is the CLDR cardinal category of n in lang.
func pluralForm(lang string, n operand) plural.Form {
	return plural.Cardinal.MatchPlural(language.Make(lang), n.i%10_000_000, n.v, n.v, n.f%10_000_000, n.f%10_000_000)
}

// PluralCategories lists the plural categories that whole numbers take in
// lang, in CLDR order: "one" and "other" in English, "one", "few", "many"
// and "other" in Russian, all six in Arabic, "other" alone in Chinese.
// r2p check lists a plural string that lacks one of them.
func PluralCategories(lang string) []string {
	seen := map[plural.Form]bool{plural.Other: true}
	for n := range 1200 {
		seen[pluralForm(lang, operand{i: n})] = true
	}
	seen[pluralForm(lang, operand{i: 1_000_000})] = true
	var out []string
	for _, name := range pluralOrder {
		if seen[pluralNames[name]] {
			out = append(out, name)
		}
	}
	return out
}

// countOf finds the count among a string's arguments: the first whole
// number or written Number. It returns the argument's index, -1 if none.
func (t *i18n) countOf(args []any) (operand, int) {
	for i, a := range args {
		if n, ok := toInt(a); ok {
			if n < 0 {
				n = -n
			}
			return operand{i: int(n % 1_000_000_000)}, i
		}
		if num, ok := a.(Number); ok {
			if op, ok := parseOperand(num.text, t.decimalSep()); ok {
				return op, i
			}
		}
	}
	return operand{}, -1
}

// decimalSep is the decimal separator of the renderer's language, as its
// numbers are written: a Number carries only its text, so its value is
// read back from the digits on either side of it.
func (t *i18n) decimalSep() string {
	t.sepOnce.Do(func() {
		system := ""
		if m, ok := t.strings[t.lang]["number.system"]; ok {
			system = strings.TrimSpace(m.text)
		}
		s := numberFormatFor(t.lang, system).decimal(1.5, 1).text
		t.sep = strings.TrimFunc(s, unicode.IsDigit)
	})
	return t.sep
}

// parseOperand reads a written number: digits of any script, grouping
// separators between them, and the decimal separator sep. Text with no
// digit (an empty share) is not a count.
func parseOperand(s, sep string) (operand, bool) {
	var n operand
	digits, frac := 0, false
	for i := 0; i < len(s); {
		if sep != "" && strings.HasPrefix(s[i:], sep) && digits > 0 {
			frac = true
			i += len(sep)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		d, ok := digitValue(r)
		if !ok {
			continue
		}
		digits++
		if frac {
			n.v++
			n.f = (n.f*10 + d) % 1_000_000_000
		} else {
			n.i = (n.i*10 + d) % 1_000_000_000
		}
	}
	return n, digits > 0
}

// digitValue is the value of a decimal digit of any script. Unicode puts
// every script's digits in runs of ten, 0 to 9, so a digit's value is its
// distance from the start of its run of digits, modulo ten.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if !unicode.IsDigit(r) {
		return 0, false
	}
	start := r
	for unicode.IsDigit(start - 1) {
		start--
	}
	return int(r-start) % 10, true
}

// sprintf fills a translation's verbs. A plural form that leaves the count
// out has one verb fewer than there are arguments: the count is dropped,
// so the other arguments fill the verbs the form has.
func sprintf(format string, args []any, count int) string {
	if count >= 0 && !strings.Contains(format, "%[") && verbs(format) == len(args)-1 {
		args = append(append([]any{}, args[:count]...), args[count+1:]...)
	}
	return fmt.Sprintf(format, args...)
}

// verbs counts the formatting verbs of format (%% is not one).
func verbs(format string) int {
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			i++
			continue
		}
		n++
	}
	return n
}
