package search

import (
	"cmp"
	"strings"
	"unicode/utf8"
)

// digits is the alphabet of the compact strings in the index files: 64
// characters that need no escaping in JSON or JavaScript. The client has
// the same string.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// digitValue maps each character of digits to its value.
var digitValue = func() (v [256]uint8) {
	for i := range digits {
		v[digits[i]] = uint8(i)
	}
	return v
}()

// appendVarint writes v as base-32 digits, most significant first; every
// digit but the last is offset by 32 so the reader knows to go on. Gaps
// between neighbouring doc ids are mostly small, so a posting costs one
// character for its gap and one for its score.
func appendVarint(b []byte, v uint32) []byte {
	var tmp [7]byte
	i := len(tmp) - 1
	tmp[i] = digits[v&31]
	for v >>= 5; v > 0; v >>= 5 {
		i--
		tmp[i] = digits[32+v&31]
	}
	return append(b, tmp[i:]...)
}

// varintLen is the length of appendVarint's v.
func varintLen(v uint32) int {
	n := 1
	for v >>= 5; v > 0; v >>= 5 {
		n++
	}
	return n
}

// putVarint writes appendVarint's v at b[i:] and returns the index after
// it.
func putVarint(b []byte, i int, v uint32) int {
	n := varintLen(v)
	b[i+n-1] = digits[v&31]
	for k := i + n - 2; k >= i; k-- {
		v >>= 5
		b[k] = digits[32+v&31]
	}
	return i + n
}

// appendFixed writes v in exactly width base-64 digits.
func appendFixed(b []byte, v, width int) []byte {
	for i := width - 1; i >= 0; i-- {
		b = append(b, digits[(v>>(6*i))&63])
	}
	return b
}

// decodeVarint reads one appendVarint value from s at i and returns it
// with the index after it. Test code and the size benchmark use it to
// play the client's part.
func decodeVarint(s string, i int) (uint32, int) {
	var v uint32
	for {
		d := uint32(strings.IndexByte(digits, s[i]))
		i++
		if d < 32 {
			return v<<5 | d, i
		}
		v = v<<5 | (d - 32)
	}
}

// less16 orders strings as JavaScript compares them, by UTF-16 code
// units, so the client's binary search over shard boundaries agrees with
// the order in which they were cut.
func less16(a, b string) bool { return cmp16(a, b) < 0 }

// cmp16 compares strings by UTF-16 code units. Byte order differs from it
// only between supplementary characters and U+E000..U+FFFF, so it
// compares bytes and decodes only the runes where the strings first
// differ: sorting a site's words is then as quick as sorting bytes.
func cmp16(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n {
		return cmp.Compare(len(a), len(b))
	}
	if a[i] < utf8.RuneSelf || b[i] < utf8.RuneSelf {
		return cmp.Compare(a[i], b[i])
	}
	for i > 0 && !utf8.RuneStart(a[i]) {
		i-- // the bytes before i are the same in both
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			if ua, ub := unit16(ra), unit16(rb); ua != ub {
				return cmp.Compare(ua, ub)
			}
			return cmp.Compare(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// unit16 is the first UTF-16 code unit of r.
func unit16(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}
