package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The state says the link's real latency and loss, so the page's toolbar
// shows what the engine uses rather than its own defaults: the defaults,
// what net> latency and loss set, what undo takes back.
func TestStateSaysTheLinksLatencyAndLoss(t *testing.T) {
	s := New(1)
	assert.Equal(t, LinkState{Latency: 10 * time.Millisecond, Loss: "0%"}, s.State().Link)
	for _, line := range []string{"net> latency 50ms", "net> loss 12.5%"} {
		require.Nil(t, s.Exec(line).Err, line)
	}
	assert.Equal(t, LinkState{Latency: 50 * time.Millisecond, Loss: "12.5%"}, s.State().Link)
	require.Nil(t, s.Exec("net> loss client>server 5%").Err)
	assert.Equal(t, "5%", s.State().Link.Loss, "one direction set: client to server is the one shown")
	s.Undo()
	assert.Equal(t, "12.5%", s.State().Link.Loss)
}
