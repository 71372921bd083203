package stack

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/netsim"
)

// streamer is an app that writes its data to fd, then shuts down its
// side, and reads everything the peer sends until end of stream.
type streamer struct {
	fd       int
	out      []byte
	sent     int
	shut     bool
	got      []byte
	eof      bool
	failures []errno.Errno
}

func (s *streamer) Run(now time.Duration, h *Host) {
	for s.sent < len(s.out) {
		r := h.Send(s.fd, s.out[s.sent:min(len(s.out), s.sent+7000)], 0)
		if r.Err == errno.EAGAIN {
			break
		}
		if r.Failed() {
			s.failures = append(s.failures, r.Err)
			return
		}
		s.sent += r.Ret
	}
	if s.sent == len(s.out) && !s.shut {
		s.shut = true
		if r := h.Shutdown(s.fd, SHUT_WR); r.Failed() {
			s.failures = append(s.failures, r.Err)
		}
	}
	for !s.eof {
		r := h.Recv(s.fd, 5000, 0)
		if r.Err == errno.EAGAIN {
			break
		}
		if r.Failed() {
			s.failures = append(s.failures, r.Err)
			return
		}
		if r.Ret == 0 {
			s.eof = true
		}
		s.got = append(s.got, r.Data...)
	}
}

func (s *streamer) Deadline() (time.Duration, bool) { return 0, false }

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestMegabyteEachWayUnderLossDuplicationReordering(t *testing.T) {
	const size = 1 << 20
	p, afd := established(t, 7)
	require.NoError(t, p.w.SetAllLinks(netsim.Link{
		Latency: 5 * time.Millisecond, Bandwidth: 100e6,
		Loss: 0.2, Duplicate: 0.05, Reorder: 0.1, ReorderDelay: 8 * time.Millisecond,
	}))
	up := &streamer{fd: p.cfd, out: randomBytes(1, size)}
	down := &streamer{fd: afd, out: randomBytes(2, size)}
	p.c.Attach(up)
	p.s.Attach(down)
	for i := 0; i < 200 && !(up.eof && down.eof); i++ {
		p.w.Run(100000)
		if !(up.eof && down.eof) {
			require.True(t, p.w.NextTimer() || len(p.w.InFlight()) > 0, "stuck: nothing left to happen")
		}
	}
	require.Empty(t, up.failures)
	require.Empty(t, down.failures)
	require.True(t, up.eof && down.eof)
	assert.True(t, bytes.Equal(up.out, down.got), "client→server stream intact (%d bytes)", len(down.got))
	assert.True(t, bytes.Equal(down.out, up.got), "server→client stream intact (%d bytes)", len(up.got))
	t.Logf("virtual time %v, %d trace events", p.w.Now(), len(p.w.Log().Events()))
}
