package netsim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The packets in flight stay in arrival order, ties by ID, through
// reordering, duplication, delays and removals: the order the next
// arrival is taken from without sorting.
func TestInFlightStaysInArrivalOrder(t *testing.T) {
	n := New(7)
	require.NoError(t, n.SetDefaultLink(Link{Latency: 10 * time.Millisecond, Reorder: 0.3, ReorderDelay: 25 * time.Millisecond, Duplicate: 0.2}))
	pick := NewRand(7, 1)
	for step := range 3000 {
		switch k := pick.IntN(10); {
		case k < 5:
			n.Send("client", "server", []byte{byte(step)})
		case k == 5 && len(n.inFlight) > 0:
			_, err := n.Delay(n.inFlight[pick.IntN(len(n.inFlight))].ID, time.Duration(pick.IntN(40))*time.Millisecond)
			require.NoError(t, err)
		case k == 6 && len(n.inFlight) > 0:
			_, err := n.Duplicate(n.inFlight[pick.IntN(len(n.inFlight))].ID)
			require.NoError(t, err)
		case k == 7 && len(n.inFlight) > 0:
			_, err := n.Take(n.inFlight[pick.IntN(len(n.inFlight))].ID)
			require.NoError(t, err)
		default:
			require.NoError(t, n.AdvanceTo(n.Now()+time.Duration(pick.IntN(8))*time.Millisecond))
			for {
				if _, ok := n.PopDue(); !ok {
					break
				}
			}
		}
		got := n.InFlight()
		for i := 1; i < len(got); i++ {
			a, b := got[i-1], got[i]
			require.True(t, a.ArriveAt < b.ArriveAt || a.ArriveAt == b.ArriveAt && a.ID < b.ID, "step %d: %d before %d", step, a.ID, b.ID)
		}
		if next, ok := n.Next(); ok {
			require.Equal(t, got[0].ID, next.ID)
			at, _ := n.NextArrival()
			require.Equal(t, got[0].ArriveAt, at)
		}
	}
}
