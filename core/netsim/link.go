package netsim

import (
	"errors"
	"math"
	"strconv"
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
		return errors.New("latency " + l.Latency.String() + " is negative")
	case l.Bandwidth < 0:
		return errors.New("bandwidth " + strconv.FormatInt(l.Bandwidth, 10) + " is negative")
	case !probability(l.Loss):
		return errors.New("loss " + strconv.FormatFloat(l.Loss, 'g', -1, 64) + " is not a probability in [0, 1]")
	case !probability(l.Duplicate):
		return errors.New("duplication " + strconv.FormatFloat(l.Duplicate, 'g', -1, 64) + " is not a probability in [0, 1]")
	case !probability(l.Reorder):
		return errors.New("reordering " + strconv.FormatFloat(l.Reorder, 'g', -1, 64) + " is not a probability in [0, 1]")
	case l.ReorderDelay < 0:
		return errors.New("reorder delay " + l.ReorderDelay.String() + " is negative")
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
