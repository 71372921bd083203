package wire

// Reason is the class of a decoding problem, phrased the way a packet
// inspector shows it.
type Reason string

const (
	TruncatedIP       Reason = "truncated ip header"
	BadIPVersion      Reason = "bad ip version"
	BadIPHeaderLength Reason = "bad ip header length"
	BadIPTotalLength  Reason = "bad ip total length"
	BadIPChecksum     Reason = "bad ip checksum"
	IPFragment        Reason = "ip fragment"

	TruncatedTCP     Reason = "truncated tcp header"
	BadTCPDataOffset Reason = "bad tcp data offset"
	BadTCPChecksum   Reason = "bad tcp checksum"
	BadOptionLength  Reason = "bad option length"

	TruncatedUDP   Reason = "truncated udp header"
	BadUDPLength   Reason = "bad udp length"
	BadUDPChecksum Reason = "bad udp checksum"

	TruncatedICMP   Reason = "truncated icmp header"
	BadICMPChecksum Reason = "bad icmp checksum"
)

// Problem is one thing wrong with a packet's bytes. It is the error Decode
// returns; Inspect returns all of them.
type Problem struct {
	Reason Reason
	Detail string // specifics, e.g. "got 0x1234, want 0xabcd"; may be empty
}

func (p Problem) Error() string {
	if p.Detail == "" {
		return string(p.Reason)
	}
	return string(p.Reason) + ": " + p.Detail
}

// Is makes errors.Is(err, Problem{Reason: r}) match on the reason alone.
func (p Problem) Is(target error) bool {
	t, ok := target.(Problem)
	return ok && t.Reason == p.Reason
}

func newProblem(r Reason, detail string) Problem {
	return Problem{Reason: r, Detail: detail}
}

// HasChecksumProblem reports whether problems include a bad checksum, the
// case a packet inspector marks specially.
func HasChecksumProblem(problems []Problem) bool {
	for _, p := range problems {
		switch p.Reason {
		case BadIPChecksum, BadTCPChecksum, BadUDPChecksum, BadICMPChecksum:
			return true
		}
	}
	return false
}
