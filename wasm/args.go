package main

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
)

// Args are the arguments of one JavaScript call, read by position.
type Args interface {
	Len() int
	String(i int) (string, error)
	Number(i int) (float64, error) // a JavaScript number
	Bool(i int) (bool, error)
}

// intArg reads an integer argument that must be a whole JavaScript number.
func intArg(a Args, i int) (int, error) {
	f, err := a.Number(i)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("argument %d: %v is not an integer", i+1, f)
	}
	return int(f), nil
}

// seedArg reads a seed given as a number or, for the full 64-bit range,
// as a decimal string.
func seedArg(a Args, i int) (uint64, error) {
	if s, err := a.String(i); err == nil {
		seed, perr := strconv.ParseUint(s, 10, 64)
		if perr != nil {
			return 0, fmt.Errorf("argument %d: seed %q is not a number from 0 to 2^64-1", i+1, s)
		}
		return seed, nil
	}
	f, err := a.Number(i)
	if err != nil {
		return 0, err
	}
	if f < 0 || f != math.Trunc(f) || f > 1<<53 {
		return 0, fmt.Errorf("argument %d: seed %v is not a whole number from 0 to 2^53 (pass a string for larger seeds)", i+1, f)
	}
	return uint64(f), nil
}

// byteOffset converts a cursor counted in UTF-16 code units, as JavaScript
// counts, into a byte offset into the UTF-8 string s, as Go counts.
func byteOffset(s string, units int) int {
	if units <= 0 {
		return 0
	}
	n := 0
	for i, r := range s {
		if n >= units {
			return i
		}
		n += utf16.RuneLen(r)
	}
	return len(s)
}

// unitOffset converts a byte offset into s back to UTF-16 code units.
func unitOffset(s string, bytes int) int {
	if bytes <= 0 {
		return 0
	}
	n := 0
	for i, r := range s {
		if i >= bytes {
			return n
		}
		n += utf16.RuneLen(r)
	}
	return n
}
