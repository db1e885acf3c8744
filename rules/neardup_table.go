package rules

import (
	"cmp"
	"slices"
)

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

// ndRadixSort sorts entries by key. From 256 entries up, entries with the
// same key keep their order, as leaveOneOut needs: it makes the entries in
// norm-group order, one per key and norm group, so sorting by key and then
// norm group keeps that order and can sort in place. One pass of American
// flag sort on the top 16 bits, then each bucket, a handful of entries
// unless many titles share a key, is sorted on its own.
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
	ndFlagSort(es, 56)
}

// ndFlagSort sorts es, whose keys agree above bit shift+8, by key and
// norm group: American flag sort on 8 bits at a time, so the buckets
// being filled stay in cache. Small buckets are sorted by insertion; a
// big bucket of one key (a template slot) by norm group.
func ndFlagSort(es []ndEntry, shift int) {
	if len(es) <= 16 {
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && (es[j].key < es[j-1].key || es[j].key == es[j-1].key && es[j].m < es[j-1].m); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		return
	}
	if shift < 0 {
		slices.SortFunc(es, func(a, b ndEntry) int { return cmp.Compare(a.m, b.m) })
		return
	}
	var start [257]int
	for i := range es {
		start[es[i].key>>shift&0xff+1]++
	}
	if k := es[0].key >> shift & 0xff; start[k+1] == len(es) {
		ndFlagSort(es, shift-8) // one bucket: nothing to move
		return
	}
	for b := 1; b < len(start); b++ {
		start[b] += start[b-1]
	}
	next := [256]int(start[:256])
	for b := range next {
		for end := start[b+1]; next[b] < end; {
			i := next[b]
			t := es[i].key >> shift & 0xff
			if t == uint64(b) {
				next[b]++
				continue
			}
			j := next[t]
			es[i], es[j] = es[j], es[i]
			next[t]++
		}
	}
	for b := 0; b < 256; b++ {
		if start[b+1]-start[b] > 1 {
			ndFlagSort(es[start[b]:start[b+1]], shift-8)
		}
	}
}
