package netsim

import (
	"fmt"
	"math"
	"time"
)

// Link holds the settings of one direction between two hosts.
type Link struct {
	Latency   time.Duration // one-way propagation delay
	Bandwidth int64         // bits per second; 0 means unlimited (no serialisation delay)
	Loss      float64       // probability in [0, 1] that a packet is lost
	Duplicate float64       // probability in [0, 1] that a packet arrives twice
	Reorder   float64       // probability in [0, 1] that a packet is held back
	// ReorderDelay bounds the extra random delay of a held-back packet,
	// long enough for later packets to overtake it.
	ReorderDelay time.Duration
}

// DefaultLink is a quiet LAN-like link: 10 ms each way, nothing lost;
// reordering, once switched on, holds packets back by up to 20 ms.
func DefaultLink() Link {
	return Link{Latency: 10 * time.Millisecond, ReorderDelay: 20 * time.Millisecond}
}

// Validate reports the first setting out of range.
func (l Link) Validate() error {
	switch {
	case l.Latency < 0:
		return fmt.Errorf("latency %v is negative", l.Latency)
	case l.Bandwidth < 0:
		return fmt.Errorf("bandwidth %d is negative", l.Bandwidth)
	case !probability(l.Loss):
		return fmt.Errorf("loss %v is not a probability in [0, 1]", l.Loss)
	case !probability(l.Duplicate):
		return fmt.Errorf("duplication %v is not a probability in [0, 1]", l.Duplicate)
	case !probability(l.Reorder):
		return fmt.Errorf("reordering %v is not a probability in [0, 1]", l.Reorder)
	case l.ReorderDelay < 0:
		return fmt.Errorf("reorder delay %v is negative", l.ReorderDelay)
	}
	return nil
}

func probability(p float64) bool { return !math.IsNaN(p) && p >= 0 && p <= 1 }

// serialisation is how long n bytes occupy the link at its bandwidth.
func (l Link) serialisation(n int) time.Duration {
	if l.Bandwidth <= 0 {
		return 0
	}
	return time.Duration(int64(n) * 8 * int64(time.Second) / l.Bandwidth)
}
