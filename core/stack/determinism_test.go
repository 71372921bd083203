package stack

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/netsim"
)

// session plays a fixed scenario with loss, duplication and reordering
// and returns the trace as JSON and the wire capture.
func session(t *testing.T, seed uint64) ([]byte, []byte) {
	p, afd := established(t, seed)
	require.NoError(t, p.w.SetAllLinks(netsim.Link{Latency: 7 * time.Millisecond, Loss: 0.15, Duplicate: 0.1, Reorder: 0.2, ReorderDelay: 10 * time.Millisecond}))
	up := &streamer{fd: p.cfd, out: randomBytes(3, 60000)}
	down := &streamer{fd: afd, out: randomBytes(4, 30000)}
	p.c.Attach(up)
	p.s.Attach(down)
	for i := 0; i < 50 && !(up.eof && down.eof); i++ {
		p.w.Run(10000)
		p.w.NextTimer()
	}
	require.True(t, up.eof && down.eof)
	u := must(t, p.c.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, p.c.SendTo(u, []byte("ping"), 0, ap("10.0.0.2:7")))
	require.NoError(t, p.w.Wait(2*time.Minute))
	events, err := json.Marshal(p.w.Log().Events())
	require.NoError(t, err)
	var capture []byte
	for _, r := range p.w.WireCapture() {
		capture = append(capture, r.Data...)
	}
	return events, capture
}

func TestSameSeedSameTrace(t *testing.T) {
	e1, c1 := session(t, 11)
	e2, c2 := session(t, 11)
	assert.Equal(t, string(e1), string(e2), "byte-identical trace")
	assert.Equal(t, c1, c2)
	e3, _ := session(t, 12)
	assert.NotEqual(t, string(e1), string(e3), "another seed, another story")
}
