package netsim

import "math/rand/v2"

// Rand is a seeded pseudo-random source. PCG is pure integer arithmetic,
// so the same seed gives the same numbers natively and under wasm.
type Rand struct {
	pcg *rand.PCG // the state, kept apart so that Clone can copy it
	r   *rand.Rand
}

// NewRand returns a source for seed. Different streams of one seed are
// independent, so drawing ISNs never shifts which packets get lost.
func NewRand(seed, stream uint64) *Rand {
	pcg := rand.NewPCG(seed, stream)
	return &Rand{pcg: pcg, r: rand.New(pcg)}
}

// Uint32 returns a uniformly random 32-bit value.
func (r *Rand) Uint32() uint32 { return r.r.Uint32() }

// IntN returns a value in [0, n); 0 when n <= 0.
func (r *Rand) IntN(n int) int {
	if n <= 0 {
		return 0
	}
	return r.r.IntN(n)
}

// Chance reports true with probability p (clamped to [0, 1]).
func (r *Rand) Chance(p float64) bool {
	if p <= 0 {
		return false
	}
	if p >= 1 {
		return true
	}
	return r.r.Float64() < p
}

// Duration returns a value in [0, d); 0 when d <= 0.
func (r *Rand) Duration(d int64) int64 {
	if d <= 0 {
		return 0
	}
	return r.r.Int64N(d)
}
