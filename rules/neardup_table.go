package rules

import "slices"

// Data structures of the near-duplicate detector.

// ndTable is an open-addressing hash table from uint64 keys to int32
// values; key and value share a slot, so a probe touches one cache line.
type ndTable struct {
	slots []ndSlot
	mask  uint64
	// bits is a one-hash Bloom filter of the keys, small enough to stay
	// in cache: most lookups of keys that are not there stop here.
	bits  []uint64
	bmask uint64
}

type ndSlot struct {
	key uint64
	val int32
}

func newNDTable(n int) ndTable {
	f := newNDTableSize(n)
	return ndTable{slots: make([]ndSlot, f.slots), mask: uint64(f.slots - 1),
		bits: make([]uint64, f.bits/64), bmask: uint64(f.bits - 1)}
}

// newNDTableSize is the size of a table for n keys: slots, and bits of
// the filter.
func newNDTableSize(n int) (f struct{ slots, bits int }) {
	f.slots = 16
	for f.slots < 2*n {
		f.slots <<= 1
	}
	f.bits = 1 << 12
	for f.bits < 8*n {
		f.bits <<= 1
	}
	return f
}

// reset empties t for n keys, keeping its memory when it is big enough.
// Lookups do not depend on the size.
func (t *ndTable) reset(n int) {
	if f := newNDTableSize(n); len(t.slots) < f.slots || len(t.bits)*64 < f.bits {
		*t = newNDTable(n)
		return
	}
	clear(t.slots)
	clear(t.bits)
}

func ndFixKey(k uint64) uint64 {
	if k == 0 {
		return 0x8000000000000000
	}
	return k
}

// put inserts k → v unless k is present; it returns the value held and
// whether v was inserted.
func (t *ndTable) put(k uint64, v int32) (int32, bool) {
	k = ndFixKey(k)
	b := k & t.bmask
	t.bits[b>>6] |= 1 << (b & 63)
	for i := (k * 0x9e3779b97f4a7c15) >> 32 & t.mask; ; i = (i + 1) & t.mask {
		switch sl := &t.slots[i]; sl.key {
		case 0:
			sl.key, sl.val = k, v
			return v, true
		case k:
			return sl.val, false
		}
	}
}

func (t *ndTable) get(k uint64) (int32, bool) {
	k = ndFixKey(k)
	if b := k & t.bmask; t.bits[b>>6]&(1<<(b&63)) == 0 {
		return 0, false
	}
	for i := (k * 0x9e3779b97f4a7c15) >> 32 & t.mask; ; i = (i + 1) & t.mask {
		switch sl := &t.slots[i]; sl.key {
		case 0:
			return 0, false
		case k:
			return sl.val, true
		}
	}
}

// ndSortSmall sorts a title's few word ids.
func ndSortSmall(a []uint32) {
	if len(a) > 24 {
		slices.Sort(a)
		return
	}
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// ndRadixSort sorts entries by key (LSD, 16 bits a pass).
func ndRadixSort(es []ndEntry) {
	if len(es) < 256 {
		slices.SortFunc(es, func(a, b ndEntry) int {
			switch {
			case a.key < b.key:
				return -1
			case a.key > b.key:
				return 1
			}
			return 0
		})
		return
	}
	tmp := make([]ndEntry, len(es))
	src, dst := es, tmp
	var count [1 << 16]int
	for shift := uint(0); shift < 64; shift += 16 {
		clear(count[:])
		for i := range src {
			count[(src[i].key>>shift)&0xffff]++
		}
		sum := 0
		for i := range count {
			c := count[i]
			count[i] = sum
			sum += c
		}
		for i := range src {
			b := (src[i].key >> shift) & 0xffff
			dst[count[b]] = src[i]
			count[b]++
		}
		src, dst = dst, src
	}
	// An even number of passes: the result is back in es.
}
