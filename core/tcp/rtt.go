package tcp

import "time"

// clockGranularity is G of RFC 6298: timestamps tick in milliseconds.
const clockGranularity = time.Millisecond

// rttEstimator is RFC 6298's SRTT/RTTVAR/RTO.
type rttEstimator struct {
	srtt, rttvar time.Duration
	minRTT       time.Duration // the smallest sample (Linux's windowed min_rtt, for TSO sizing)
	sampled      bool
	rto          time.Duration // current RTO, including backoff
}

// sample feeds one round-trip measurement (RFC 6298 section 2.2/2.3) and
// recomputes the RTO, which also ends any backoff (section 5.7).
func (e *rttEstimator) sample(r, lo, hi time.Duration) {
	if r < 0 {
		return
	}
	if !e.sampled || r < e.minRTT {
		e.minRTT = r
	}
	if !e.sampled {
		e.srtt, e.rttvar, e.sampled = r, r/2, true
	} else {
		diff := e.srtt - r
		if diff < 0 {
			diff = -diff
		}
		e.rttvar = (3*e.rttvar + diff) / 4
		e.srtt = (7*e.srtt + r) / 8
	}
	e.rto = clampDuration(e.srtt+max(clockGranularity, 4*e.rttvar), lo, hi)
}

// backoff doubles the RTO (RFC 6298 section 5.5), bounded by hi.
func (e *rttEstimator) backoff(hi time.Duration) {
	e.rto = min(2*e.rto, hi)
}

func clampDuration(d, lo, hi time.Duration) time.Duration {
	return min(max(d, lo), hi)
}
