package peerbench

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Both stacks do each workload completely: the benchmark compares equal
// work. At 1/100 of the size: 100 KB bulk, 10 connections, a crowd of
// 10, 100 rounds.
func TestWorkloadsMoveTheSameOnBothStacks(t *testing.T) {
	answer, err := httpServeAnswer()
	require.NoError(t, err)
	require.Greater(t, answer, 100, "http.serve's page")
	want := []Moved{{100_000, 1}, {100_000, 1}, {10 * 1000, 10}, {10 * int64(answer), 10}, {100, 1}}
	for i, wl := range Workloads(100) {
		t.Run(wl.Name, func(t *testing.T) {
			var m Meter
			got, err := wl.Sockplay(&m, 1)
			require.NoError(t, err)
			require.Equal(t, want[i], got, "sockplay")
			require.Positive(t, m.Taken.Objects)
			got, err = wl.Gvisor(&m, 1)
			require.NoError(t, err)
			require.Equal(t, want[i], got, "gVisor")
		})
	}
}

// sockplay's side is deterministic: the same seed does the same work,
// allocation for allocation.
func TestSockplaySideRepeats(t *testing.T) {
	for _, wl := range Workloads(100) {
		var a, b Meter
		_, err := wl.Sockplay(&a, 3)
		require.NoError(t, err)
		_, err = wl.Sockplay(&b, 3)
		require.NoError(t, err)
		require.Equal(t, a.Taken.Objects, b.Taken.Objects, wl.Name)
	}
}
