package tcp

// Sequence-number comparisons modulo 2^32 (RFC 9293 section 3.4): a is
// "before" b when b-a, read as a signed 32-bit number, is positive.

func seqLT(a, b uint32) bool  { return int32(a-b) < 0 }
func seqLEQ(a, b uint32) bool { return int32(a-b) <= 0 }
func seqGT(a, b uint32) bool  { return int32(a-b) > 0 }
func seqGEQ(a, b uint32) bool { return int32(a-b) >= 0 }

// seqInWindow reports lo ≤ x < lo+size.
func seqInWindow(x, lo, size uint32) bool { return x-lo < size }

func seqMax(a, b uint32) uint32 {
	if seqGT(a, b) {
		return a
	}
	return b
}

// seqRange is the half-open sequence space [Left, Right).
type seqRange struct{ Left, Right uint32 }

func (r seqRange) size() uint32 { return r.Right - r.Left }
