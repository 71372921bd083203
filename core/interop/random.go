package interop

import (
	"math/rand/v2"
	"sync"
)

// seededSource is a thread-safe math/rand.Source (gVisor's RandSource must
// be) drawn from a seed, so port choice, hashing and the like repeat.
type seededSource struct {
	mu  sync.Mutex
	pcg *rand.PCG
}

func newSeededSource(seed uint64) *seededSource {
	return &seededSource{pcg: rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)}
}

// Int63 implements math/rand.Source.
func (s *seededSource) Int63() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int64(s.pcg.Uint64() >> 1)
}

// Seed implements math/rand.Source.
func (s *seededSource) Seed(seed int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pcg.Seed(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)
}

// seededReader stands in for gVisor's secure RNG (ISNs, timestamp offsets,
// SYN cookie secrets): not secure, but repeatable.
type seededReader struct {
	mu     sync.Mutex
	chacha *rand.ChaCha8
}

func newSeededReader(seed uint64) *seededReader {
	var key [32]byte
	for i := range key {
		key[i] = byte(seed >> (8 * (i % 8)))
	}
	key[31] ^= 0x5a // differ from a plain seed repetition
	return &seededReader{chacha: rand.NewChaCha8(key)}
}

// Read implements io.Reader.
func (r *seededReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.chacha.Read(p)
}
