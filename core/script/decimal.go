package script

import (
	"math"
	"math/bits"
)

// parseDecimal reads digits with at most one decimal point ("1.5", ".25",
// "300") as the nearest float64, ties to even, exactly as
// strconv.ParseFloat does: +Inf when too large. ok is false for anything
// else. strconv's general parser (exponents, hex, tables for speed) would
// cost the WebAssembly build several times these lines.
func parseDecimal(s string) (f float64, ok bool) {
	var n nat // every digit, the point ignored
	digits, fraction, point := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !point:
			point = true
		case '0' <= c && c <= '9':
			n = n.mulAdd(10, uint32(c-'0'))
			digits++
			if point {
				fraction++
			}
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	return n.ratioToFloat(fraction), true
}

// nat is a natural number, little-endian base 2^32, with no leading zero
// words (so zero is empty).
type nat []uint32

func (n nat) mulAdd(m, a uint32) nat {
	carry := uint64(a)
	for i, w := range n {
		p := uint64(w)*uint64(m) + carry
		n[i], carry = uint32(p), p>>32
	}
	if carry != 0 {
		n = append(n, uint32(carry))
	}
	return n
}

func (n nat) bitLen() int {
	if len(n) == 0 {
		return 0
	}
	return 32*(len(n)-1) + bits.Len32(n[len(n)-1])
}

func (n nat) shiftLeft(shift int) nat {
	words, s := shift/32, uint(shift%32)
	out := make(nat, len(n)+words+1)
	for i, w := range n {
		out[i+words] |= w << s
		if s > 0 {
			out[i+words+1] = w >> (32 - s)
		}
	}
	return out.norm()
}

// divSmall divides n by d in place and reports whether the remainder is
// non-zero.
func (n nat) divSmall(d uint32) (nat, bool) {
	var rem uint64
	for i := len(n) - 1; i >= 0; i-- {
		cur := rem<<32 | uint64(n[i])
		n[i], rem = uint32(cur/uint64(d)), cur%uint64(d)
	}
	return n.norm(), rem != 0
}

func (n nat) norm() nat {
	for len(n) > 0 && n[len(n)-1] == 0 {
		n = n[:len(n)-1]
	}
	return n
}

// ratioToFloat is n / 10^k rounded to the nearest float64, ties to even
// (IEEE 754 roundTiesToEven): with 10^k = 2^k·5^k, q = n·2^t / 5^k is
// computed to more bits than a float64 holds, the rest kept as a sticky
// bit, and rounded once.
func (n nat) ratioToFloat(k int) float64 {
	if len(n) == 0 {
		return 0
	}
	// 5^k has at most 2.33·k bits; t leaves q at least 56 bits.
	t := max(0, 56+(233*k+99)/100-n.bitLen())
	q, sticky := n.shiftLeft(t), false
	for range k {
		var r bool
		q, r = q.divSmall(5)
		sticky = sticky || r
	}
	// The value is q·2^-(t+k); its binary exponent is e2.
	e2 := q.bitLen() - 1 - t - k
	keep := 53
	if e2 < -1022 { // subnormal: fewer bits of precision
		keep = 53 - (-1022 - e2)
	}
	if keep < 0 { // below half the smallest subnormal
		return 0
	}
	drop := q.bitLen() - keep
	mant, half, rest := q.topBits(drop)
	if half && (rest || sticky || mant&1 == 1) {
		mant++
	}
	return math.Ldexp(float64(mant), drop-t-k)
}

// topBits is n without its low drop bits (which must leave at most 53),
// whether the highest dropped bit is set, and whether any other is.
func (n nat) topBits(drop int) (top uint64, half, rest bool) {
	bit := func(i int) bool { return i >= 0 && i/32 < len(n) && n[i/32]>>(i%32)&1 == 1 }
	for i := n.bitLen() - 1; i >= drop; i-- {
		top = top<<1 | uint64(n[i/32]>>(i%32)&1)
	}
	half = bit(drop - 1)
	for i := 0; i < drop-1 && !rest; i++ {
		rest = bit(i)
	}
	return top, half, rest
}
