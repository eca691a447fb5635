package main

import "fmt"

// verifySearchWindow is how far around the lowest missing index an untagged message is looked for when it is not
// the one expected next (to tell a late or repeated message from a corrupt one).
const verifySearchWindow = 64

// verifier checks received messages against the generator (gen.go), as MessageVerifier.cs and peer.js do: a
// tagged message names its index; an untagged one is expected to be the lowest index not yet received, else it
// is looked for among the indices near it. Each identified message is new (distinct), or a duplicate, and a new
// one is out of order when a higher index arrived before it.
type verifier struct {
	shape        messageShape
	count        uint32
	seen         []bool
	lowest       uint32 // the lowest index not received yet
	highest      int64  // the highest index received, -1 before any
	received     uint64
	distinct     uint64
	mismatches   uint64
	outOfOrder   uint64
	duplicates   uint64
	unknown      uint64
	firstProblem string
}

func newVerifier(shape messageShape, count uint32) *verifier {
	return &verifier{shape: shape, count: count, seen: make([]bool, count), highest: -1}
}

// accept checks one received message and returns its index, or -1 when it is none of the expected ones.
func (v *verifier) accept(data []byte) int64 {
	v.received++
	index, ok := v.identify(data)
	if !ok {
		return -1
	}
	if v.seen[index] {
		v.duplicates++
		v.problem(fmt.Sprintf("message #%d is a repeat of index %d", v.received, index))
		return int64(index)
	}
	v.seen[index] = true
	v.distinct++
	if int64(index) < v.highest {
		v.outOfOrder++
		v.problem(fmt.Sprintf("message #%d is index %d, after index %d", v.received, index, v.highest))
	} else {
		v.highest = int64(index)
	}
	for v.lowest < v.count && v.seen[v.lowest] {
		v.lowest++
	}
	return int64(index)
}

func (v *verifier) identify(data []byte) (uint32, bool) {
	if v.shape.Tagged {
		if len(data) < 4 {
			v.mismatches++
			v.problem(fmt.Sprintf("message #%d has %d bytes, too few for a tag", v.received, len(data)))
			return 0, false
		}
		index := uint32(data[0]) | uint32(data[1])<<8 | uint32(data[2])<<16 | uint32(data[3])<<24
		if index >= v.count {
			v.unknown++
			v.problem(fmt.Sprintf("message #%d is tagged %d, beyond the %d expected", v.received, index, v.count))
			return 0, false
		}
		if !v.shape.matches(index, data) {
			v.mismatches++
			v.problem(fmt.Sprintf("message #%d, tagged %d, differs from it (%d bytes, expected %d)",
				v.received, index, len(data), v.shape.size(index)))
			return 0, false
		}
		return index, true
	}
	if v.lowest < v.count && v.shape.matches(v.lowest, data) {
		return v.lowest, true
	}
	for j := v.lowest + 1; j < v.count && j <= v.lowest+verifySearchWindow; j++ {
		if v.shape.matches(j, data) {
			return j, true
		}
	}
	for d := uint32(1); d <= verifySearchWindow && d <= v.lowest; d++ {
		if v.shape.matches(v.lowest-d, data) {
			return v.lowest - d, true
		}
	}
	if v.lowest >= v.count {
		v.unknown++
		v.problem(fmt.Sprintf("message #%d (%d bytes) came after all %d expected", v.received, len(data), v.count))
		return 0, false
	}
	v.mismatches++
	v.problem(fmt.Sprintf("message #%d (%d bytes) is not index %d (%d bytes) nor one near it",
		v.received, len(data), v.lowest, v.shape.size(v.lowest)))
	return 0, false
}

func (v *verifier) problem(text string) {
	if v.firstProblem == "" {
		v.firstProblem = text
	}
}
