package text

import "time"

// ParseDuration reads a Go duration such as "200ms", "1.5s", "-2m" or
// "1h30m" and reports whether it is one. It accepts exactly what
// time.ParseDuration accepts, with the same value (a test and a fuzz
// target compare the two); written out because ParseDuration and its
// error quoting cost the WebAssembly build some 10 KB.
func ParseDuration(s string) (time.Duration, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "0" {
		return 0, true
	}
	if s == "" {
		return 0, false
	}
	const limit = 1 << 63 // one past the largest Duration
	var total uint64
	for s != "" {
		if s[0] != '.' && !isDecimalDigit(s[0]) {
			return 0, false
		}
		whole, rest, ok := leadingWhole(s)
		if !ok {
			return 0, false
		}
		hasWhole := len(rest) != len(s)
		s = rest
		var frac uint64
		scale, hasFrac := 1.0, false
		if s != "" && s[0] == '.' {
			s = s[1:]
			frac, scale, rest = leadingFraction(s)
			hasFrac = len(rest) != len(s)
			s = rest
		}
		if !hasWhole && !hasFrac {
			return 0, false
		}
		i := 0
		for i < len(s) && s[i] != '.' && !isDecimalDigit(s[i]) {
			i++
		}
		unit, known := durationUnit(s[:i])
		if !known {
			return 0, false
		}
		s = s[i:]
		if whole > limit/unit {
			return 0, false
		}
		v := whole * unit
		if frac > 0 {
			// As ParseDuration: float64 so that "0.1s" and friends round alike.
			v += uint64(float64(frac) * (float64(unit) / scale))
			if v > limit {
				return 0, false
			}
		}
		total += v
		if total > limit {
			return 0, false
		}
	}
	if neg {
		return -time.Duration(total), true // total = 1<<63 wraps to the smallest Duration, as in time
	}
	if total > limit-1 {
		return 0, false
	}
	return time.Duration(total), true
}

func isDecimalDigit(c byte) bool { return '0' <= c && c <= '9' }

// leadingWhole reads the digits at the start of s; ok is false when they
// do not fit below 1<<63.
func leadingWhole(s string) (x uint64, rest string, ok bool) {
	i := 0
	for ; i < len(s) && isDecimalDigit(s[i]); i++ {
		if x > 1<<63/10 {
			return 0, "", false
		}
		x = x*10 + uint64(s[i]-'0')
		if x > 1<<63 {
			return 0, "", false
		}
	}
	return x, s[i:], true
}

// leadingFraction reads the digits after a decimal point, keeping as many
// as fit: x/scale is their value.
func leadingFraction(s string) (x uint64, scale float64, rest string) {
	i, scale, full := 0, 1.0, false
	for ; i < len(s) && isDecimalDigit(s[i]); i++ {
		if full {
			continue
		}
		if x > (1<<63-1)/10 {
			full = true
			continue
		}
		y := x*10 + uint64(s[i]-'0')
		if y > 1<<63 {
			full = true
			continue
		}
		x = y
		scale *= 10
	}
	return x, scale, s[i:]
}

// durationUnit is the length of a unit in nanoseconds.
func durationUnit(name string) (uint64, bool) {
	switch name {
	case "ns":
		return uint64(time.Nanosecond), true
	case "us", "µs", "μs": // U+00B5 and U+03BC, as ParseDuration
		return uint64(time.Microsecond), true
	case "ms":
		return uint64(time.Millisecond), true
	case "s":
		return uint64(time.Second), true
	case "m":
		return uint64(time.Minute), true
	case "h":
		return uint64(time.Hour), true
	}
	return 0, false
}
