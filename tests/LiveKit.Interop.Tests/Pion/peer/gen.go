package main

import "encoding/binary"

// The deterministic test messages that the C#, Go and JavaScript sides of the data channel tests all generate
// the same way; tests/LiveKit.Interop.Tests/DataChannels/README.md is the one description of the algorithm and
// its pinned first values (MessageGeneratorPins.cs), which the harness tests check this file against.

// mulberry32Increment is the constant mulberry32 adds to its state before every output.
const mulberry32Increment = 0x6D2B79F5

// indexMultiplier spreads message indices over the seed space (2^32 / golden ratio).
const indexMultiplier = 0x9E3779B9

// mulberry32 advances state and returns its next output.
func mulberry32(state *uint32) uint32 {
	*state += mulberry32Increment
	t := *state
	t = (t ^ (t >> 15)) * (t | 1)
	t ^= t + (t^(t>>7))*(t|61)
	return t ^ (t >> 14)
}

// messageShape says which messages a stream holds: message i comes from the generator state
// seed ^ (i * 0x9E3779B9); its first output picks the size in [minSize, maxSize], the following outputs give
// the bytes, four per output, little-endian; a tagged message then has its first four bytes replaced by i
// (little-endian), so that a receiver of an unordered or lossy channel knows which message it holds.
type messageShape struct {
	Seed    uint32 `json:"seed"`
	MinSize int    `json:"minSize"`
	MaxSize int    `json:"maxSize"`
	Tagged  bool   `json:"tagged"`
}

// valid says what is wrong with the shape, or "" if nothing is.
func (s messageShape) valid() string {
	switch {
	case s.MinSize < 1:
		return "minSize must be at least 1"
	case s.MaxSize < s.MinSize:
		return "maxSize must be at least minSize"
	case s.Tagged && s.MinSize < 4:
		return "tagged messages need minSize of at least 4"
	}
	return ""
}

// size is the size of message index.
func (s messageShape) size(index uint32) int {
	state := s.Seed ^ (index * indexMultiplier)
	return s.MinSize + int(mulberry32(&state)%uint32(s.MaxSize-s.MinSize+1))
}

// message writes message index into buf (grown if too small) and returns it.
func (s messageShape) message(index uint32, buf []byte) []byte {
	state := s.Seed ^ (index * indexMultiplier)
	size := s.MinSize + int(mulberry32(&state)%uint32(s.MaxSize-s.MinSize+1))
	if cap(buf) < size {
		buf = make([]byte, size)
	}
	buf = buf[:size]
	var word [4]byte
	for i := 0; i < size; i += 4 {
		binary.LittleEndian.PutUint32(word[:], mulberry32(&state))
		copy(buf[i:], word[:])
	}
	if s.Tagged {
		binary.LittleEndian.PutUint32(buf, index)
	}
	return buf
}

// matches says whether data is message index, without building the message.
func (s messageShape) matches(index uint32, data []byte) bool {
	state := s.Seed ^ (index * indexMultiplier)
	size := s.MinSize + int(mulberry32(&state)%uint32(s.MaxSize-s.MinSize+1))
	if len(data) != size {
		return false
	}
	var word [4]byte
	for i := 0; i < size; i += 4 {
		binary.LittleEndian.PutUint32(word[:], mulberry32(&state))
		n := size - i
		if n > 4 {
			n = 4
		}
		for k := 0; k < n; k++ {
			expected := word[k]
			if s.Tagged && i == 0 {
				expected = byte(index >> (8 * k))
			}
			if data[i+k] != expected {
				return false
			}
		}
	}
	return true
}

// fnv1a32 is the 32-bit FNV-1a hash of data, the check value the harness tests compare across languages.
func fnv1a32(data []byte) uint32 {
	h := uint32(0x811C9DC5)
	for _, b := range data {
		h ^= uint32(b)
		h *= 0x01000193
	}
	return h
}
