package stack

import (
	"bytes"
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/limits"
)

// allocated is how many bytes f allocates: a measure of memory, not of
// time, so it does not depend on the machine's speed.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Issue 16: recv allocated the length asked for, so recv(c,
// 9223372036854775807, MSG_DONTWAIT) panicked in makeslice and recv(c,
// 68719476736) ran out of memory. Linux allocates nothing for the length
// and clamps it at MAX_RW_COUNT; a negative int is a huge size_t (this
// kernel returned the 5 queued bytes for recv(fd, buf, (size_t)-1, ...)).
func TestRecvAllocatesWhatArrivesNotWhatIsAsked(t *testing.T) {
	p, afd := established(t, 1)
	for _, n := range []int{math.MaxInt64, 68719476736, -1, limits.RW + 1} {
		var r Result
		used := allocated(func() { r = p.s.Recv(afd, n, MSG_DONTWAIT) })
		fails(t, errno.EAGAIN, r, "nothing queued")
		assert.Less(t, used, uint64(16<<10), "len %d", n)

		must(t, p.c.Send(p.cfd, []byte("hello"), 0))
		p.w.Run(100)
		used = allocated(func() { r = p.s.Recv(afd, n, MSG_DONTWAIT) })
		require.Equal(t, "hello", string(r.Data), "len %d", n)
		assert.Less(t, used, uint64(16<<10), "len %d", n)
	}
	// A blocking recv of a huge length returns what is there.
	must(t, p.c.Send(p.cfd, []byte("abc"), 0))
	p.w.Run(100)
	r := p.s.Recv(afd, math.MaxInt64, 0)
	assert.Equal(t, "abc", string(r.Data))
}

func TestUDPRecvWithHugeLength(t *testing.T) {
	w := New(1)
	s, c := w.Host("server"), w.Host("client")
	u := must(t, s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, s.Bind(u, ap("0.0.0.0:9")))
	v := must(t, c.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, c.SendTo(v, []byte("dg"), 0, ap("10.0.0.2:9")))
	w.Run(10)
	r := s.RecvFrom(u, math.MaxInt64, MSG_DONTWAIT)
	require.Equal(t, "dg", string(r.Data))
	must(t, c.SendTo(v, []byte("dg"), 0, ap("10.0.0.2:9")))
	w.Run(10)
	assert.Equal(t, "dg", string(s.Recv(u, -1, 0).Data))
}

// Issue 16: a blocked recv(a, 100000000, MSG_WAITALL) allocated its 100 MB
// buffer again on every retry. It grows with the data now.
func TestBlockedWaitallRecvGrowsWithTheData(t *testing.T) {
	p, afd := established(t, 1)
	const asked, sent = 10_000_000, 1 << 20
	r := p.s.Recv(afd, asked, MSG_WAITALL)
	require.True(t, r.Blocked)
	payload := bytes.Repeat([]byte("x"), sent)
	used := allocated(func() {
		p.c.Send(p.cfd, payload, 0) // blocks the client until all is queued
		p.w.Run(100_000)
	})
	// The engine's own work (segments, trace) costs a few MB; before, each
	// of some 700 retries allocated what was still missing of 10 MB.
	assert.Less(t, used, uint64(64<<20))
	assert.Greater(t, used, uint64(sent), "it did move the data")
	require.NotNil(t, p.s.Pending(), "still waiting for the rest")
	assert.Equal(t, "recv", p.s.Pending().Op)
}

// Send copies what fits: a non-blocking send of 16 MiB into a 16 KiB
// buffer copies 16 KiB, not the whole payload first.
func TestSendCopiesWhatFits(t *testing.T) {
	p, _ := established(t, 1)
	payload := bytes.Repeat([]byte("x"), 16<<20)
	var r Result
	used := allocated(func() { r = p.c.Send(p.cfd, payload, MSG_DONTWAIT) })
	require.Greater(t, r.Ret, 0)
	assert.Less(t, r.Ret, 1<<20)
	assert.Less(t, used, uint64(4<<20))
}

func TestHostsAreBounded(t *testing.T) {
	w := New(1)
	for i := len(w.Hosts()); i < limits.Hosts; i++ {
		_, err := w.AddHost("h"+itoa(i), inet.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)}))
		require.NoError(t, err)
	}
	_, err := w.AddHost("one-more", inet.AddrFrom4([4]byte{10, 2, 0, 1}))
	assert.ErrorContains(t, err, "at most 256 hosts")
}
