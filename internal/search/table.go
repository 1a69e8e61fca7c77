package search

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"strings"
)

// wordKey is a word as the tables compare it: its first 16 bytes as two
// little-endian numbers, zero-padded, and a hash of the whole word. No
// word holds a zero byte, so the padding tells the words apart: a word of
// at most 16 bytes (nearly every one) is compared by its key alone. A
// table's slot holds the key, so a lookup reads one slot and never the
// word's own bytes, which lie elsewhere in memory: in a site's vocabulary
// that was a second cache miss per lookup.
type wordKey struct {
	a, b uint64
	h    uint32 // never 0; longBit is set for a word over 16 bytes
}

// longBit marks the hash of a word over 16 bytes, whose key does not hold
// it all: only those are compared as strings.
const longBit = 1 << 31

// wordSeed makes the hashes of one process; nothing outside it sees
// them.
var (
	wordSeed     = maphash.MakeSeed()
	seedA, seedB = maphash.String(wordSeed, "a") | 1, maphash.String(wordSeed, "b") | 1
)

// keyOf returns w's key.
func keyOf(w string) wordKey {
	var buf [16]byte
	copy(buf[:], w)
	a, b := binary.LittleEndian.Uint64(buf[:8]), binary.LittleEndian.Uint64(buf[8:])
	if len(w) > 16 {
		return wordKey{a: a, b: b, h: uint32(maphash.String(wordSeed, w)) | longBit}
	}
	return shortKey(a, b)
}

// shortKey returns the key of the word of at most 16 bytes whose bytes,
// zero-padded, are a and b. One multiplication mixes all of them.
func shortKey(a, b uint64) wordKey {
	hi, lo := bits.Mul64(a^seedA, b^seedB)
	h := uint32(hi^lo) &^ longBit
	if h == 0 {
		h = 1
	}
	return wordKey{a: a, b: b, h: h}
}

// wordTable maps words to numbers by open addressing, each slot holding
// its word's key. Analyze finds a word's key once and uses it twice: to
// count the word on its page and to find it in its language's table.
// With Go maps each step hashed the word again, and the two lookups were
// a third of the time indexing adds to a build.
type wordTable struct {
	slots []wordSlot // a power of two long; h == 0 marks an empty slot
	n     int
	longs []string // the words over 16 bytes, which a key does not hold
}

type wordSlot struct {
	a, b uint64
	v    uint64
	h    uint32
	long uint32 // for a word over 16 bytes, 1 + its index in longs
}

func newWordTable(size int) wordTable {
	n := 16
	for n < size {
		n <<= 1
	}
	return wordTable{slots: make([]wordSlot, n)}
}

// slot returns the slot that holds w, or the empty slot where it would
// go. k is keyOf(w).
func (t *wordTable) slot(k wordKey, w string) *wordSlot {
	mask := uint32(len(t.slots) - 1)
	for i := k.h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.h == 0 || s.h == k.h && s.a == k.a && s.b == k.b && (s.long == 0 || t.isLong(s, w)) {
			return s
		}
	}
}

// isLong reports whether s holds w, a word over 16 bytes whose first 16
// bytes and hash are s's. It is kept out of slot so that slot's callers
// can inline slot: words that long are rare.
//
//go:noinline
func (t *wordTable) isLong(s *wordSlot, w string) bool { return t.longs[s.long-1] == w }

// get returns w's value.
func (t *wordTable) get(k wordKey, w string) (uint64, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	s := t.slot(k, w)
	return s.v, s.h != 0
}

// find returns the slot that holds w, or nil. It is get for the loop
// that looks up every word of a page, small enough to be inlined there,
// and only for a table made by newWordTable, which is never empty.
func (t *wordTable) find(k wordKey, w string) *wordSlot {
	if s := t.slot(k, w); s.h != 0 {
		return s
	}
	return nil
}

// put sets w's value.
func (t *wordTable) put(k wordKey, w string, v uint64) {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	s := t.slot(k, w)
	if s.h == 0 {
		*s = wordSlot{a: k.a, b: k.b, h: k.h}
		if k.h&longBit != 0 {
			t.longs = append(t.longs, strings.Clone(w)) // w may point into a page's text
			s.long = uint32(len(t.longs))
		}
		t.n++
	}
	s.v = v
}

// grow doubles the table, keeping it at most three quarters full: probes
// stay short for the words found (nearly every lookup), and the table of
// a site's vocabulary stays small enough to share a core's cache with
// the rendering that goes on beside the analysis.
func (t *wordTable) grow() {
	old := t.slots
	t.slots = make([]wordSlot, max(16, 2*len(old)))
	mask := uint32(len(t.slots) - 1)
	for _, s := range old {
		if s.h == 0 {
			continue
		}
		i := s.h & mask
		for t.slots[i].h != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}
