package search

import "hash/maphash"

// wordTable maps words to numbers by open addressing, keeping each
// word's hash beside it. Analyze hashes a word once and uses that hash
// twice: to count the word on its page and to find it in its language's
// table. With Go maps each step hashed the word again, and the two
// lookups were a third of the time indexing adds to a build.
type wordTable struct {
	slots []wordSlot // a power of two long; h == 0 marks an empty slot
	n     int
}

type wordSlot struct {
	h   uint64
	key string
	v   uint64
}

// wordSeed makes the hashes of one process; nothing outside it sees
// them.
var wordSeed = maphash.MakeSeed()

// hashWord returns w's hash, never 0.
func hashWord(w string) uint64 {
	if h := maphash.String(wordSeed, w); h != 0 {
		return h
	}
	return 1
}

func newWordTable(size int) wordTable {
	n := 16
	for n < size {
		n <<= 1
	}
	return wordTable{slots: make([]wordSlot, n)}
}

// slot returns the slot that holds key, or the empty slot where it would
// go. h is hashWord(key).
func (t *wordTable) slot(h uint64, key string) *wordSlot {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.h == 0 || s.h == h && s.key == key {
			return s
		}
	}
}

// get returns key's value.
func (t *wordTable) get(h uint64, key string) (uint64, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	s := t.slot(h, key)
	return s.v, s.h != 0
}

// put sets key's value. The table keeps key: the caller must not change
// the bytes behind it.
func (t *wordTable) put(h uint64, key string, v uint64) {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	s := t.slot(h, key)
	if s.h == 0 {
		*s = wordSlot{h: h, key: key}
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
	mask := uint64(len(t.slots) - 1)
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
