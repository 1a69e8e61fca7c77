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
// that would be a second cache miss per lookup.
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
// its word's key. Analyze finds a word's key as it reads the word and
// looks it up in its language's table at once; a word the language does
// not know yet is counted in the page's table by the same key. A Go map
// would hash the word again for each lookup.
//
// Words of up to 8 bytes, four words in five of a page's, have a table
// of their own, whose slots are half the size: the key's first 8 bytes
// are the whole key, and the value. The tables are read for every word
// of every page, beside the rendering that shares the core's cache, and
// the smaller they are the more of them stays in the cache.
type wordTable struct {
	short  []shortSlot // words of up to 8 bytes; a power of two long; a == 0 marks an empty slot
	nshort int
	slots  []wordSlot // longer words; a power of two long; h == 0 marks an empty slot
	n      int
	longs  []string // the words over 16 bytes, which a key does not hold
}

type shortSlot struct{ a, v uint64 }

type wordSlot struct {
	a, b uint64
	v    uint64
	h    uint32
	long uint32 // for a word over 16 bytes, 1 + its index in longs
}

// newWordTable returns a table with room for about size words of each
// kind before it grows.
func newWordTable(size int) wordTable {
	n := 16
	for n < size {
		n <<= 1
	}
	return wordTable{short: make([]shortSlot, n), slots: make([]wordSlot, n)}
}

// isShort reports whether k is the key of a word of up to 8 bytes: the
// last 8 bytes of a longer word's key are not 0.
func (k wordKey) isShort() bool { return k.b == 0 }

// getShort returns the value of the word of up to 8 bytes whose key is
// k. It is small enough to be inlined in the loop over a page's words.
func (t *wordTable) getShort(k wordKey) (uint64, bool) {
	mask := uint32(len(t.short) - 1)
	for i := k.h & mask; ; i = (i + 1) & mask {
		s := &t.short[i]
		if s.a == k.a {
			return s.v, true
		}
		if s.a == 0 {
			return 0, false
		}
	}
}

// slot returns the slot that holds w, a word of over 8 bytes, or the
// empty slot where it would go. k is keyOf(w).
func (t *wordTable) slot(k wordKey, w string) *wordSlot {
	mask := uint32(len(t.slots) - 1)
	for i := k.h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.h == 0 || s.h == k.h && s.a == k.a && s.b == k.b && (s.long == 0 || t.longs[s.long-1] == w) {
			return s
		}
	}
}

// getLong returns the value of w, a word of over 8 bytes. k is keyOf(w).
func (t *wordTable) getLong(k wordKey, w string) (uint64, bool) {
	s := t.slot(k, w)
	return s.v, s.h != 0
}

// get returns w's value. k is keyOf(w).
func (t *wordTable) get(k wordKey, w string) (uint64, bool) {
	if k.isShort() {
		return t.getShort(k)
	}
	return t.getLong(k, w)
}

// put sets w's value. k is keyOf(w).
func (t *wordTable) put(k wordKey, w string, v uint64) {
	if k.isShort() {
		t.putShort(k, v)
		return
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.slots = grow(t.slots, func(s wordSlot) uint32 { return s.h })
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

func (t *wordTable) putShort(k wordKey, v uint64) {
	if 4*(t.nshort+1) > 3*len(t.short) {
		t.short = grow(t.short, func(s shortSlot) uint32 { return shortKey(s.a, 0).h })
	}
	mask := uint32(len(t.short) - 1)
	i := k.h & mask
	for t.short[i].a != 0 && t.short[i].a != k.a {
		i = (i + 1) & mask
	}
	if t.short[i].a == 0 {
		t.nshort++
	}
	t.short[i] = shortSlot{a: k.a, v: v}
}

// grow returns slots in a table twice the size, which keeps it at most
// three quarters full: probes stay short for the words found (nearly
// every lookup), and the table of a site's vocabulary stays small enough
// to share a core's cache with the rendering that goes on beside the
// analysis. hash is a slot's hash; the zero slot is empty.
func grow[S comparable](slots []S, hash func(S) uint32) []S {
	var empty S
	out := make([]S, max(16, 2*len(slots)))
	mask := uint32(len(out) - 1)
	for _, s := range slots {
		if s == empty {
			continue
		}
		i := hash(s) & mask
		for out[i] != empty {
			i = (i + 1) & mask
		}
		out[i] = s
	}
	return out
}
