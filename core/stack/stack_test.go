package stack

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

func TestHandshakeDataClose(t *testing.T) {
	p, afd := established(t, 1)
	assert.Equal(t, 4, afd, "fds 0-2 are stdio, 3 is the listener")
	assert.Equal(t, 3, p.cfd)

	assert.Equal(t, 5, must(t, p.c.Send(p.cfd, []byte("hello"), 0)))
	p.w.Run(1000)
	r := p.s.Recv(afd, 100, 0)
	must(t, r)
	assert.Equal(t, "hello", string(r.Data))

	must(t, p.c.Close(p.cfd))
	p.w.Run(1000)
	r = p.s.Recv(afd, 100, 0)
	assert.Equal(t, 0, must(t, r), "end of stream")
	must(t, p.s.Close(afd))
	p.w.Run(1000)

	// The client closed first, so it waits in TIME-WAIT.
	socks := p.c.Sockets()
	require.Len(t, socks, 1)
	assert.Equal(t, -1, socks[0].FD)
	assert.Equal(t, "TIME-WAIT", socks[0].State)
	require.NoError(t, p.w.Wait(61e9))
	assert.Empty(t, p.c.Sockets())

	// The segments: SYN, SYN-ACK, ACK, data, ACK, FIN, ACK, FIN, ACK.
	var flags []string
	for _, e := range p.w.Log().Events() {
		if e.Kind == trace.Send {
			pkt, err := wire.Decode(e.Bytes)
			require.NoError(t, err)
			flags = append(flags, e.From+":"+flagString(pkt.TCP.Flags))
		}
	}
	assert.Equal(t, []string{
		"client:S", "server:SA", "client:A", "client:PA", "server:A",
		"client:FA", "server:A", "server:FA", "client:A",
	}, flags)
}

func flagString(f wire.TCPFlags) string {
	s := ""
	for _, x := range []struct {
		f wire.TCPFlags
		c string
	}{{wire.SYN, "S"}, {wire.FIN, "F"}, {wire.RST, "R"}, {wire.PSH, "P"}, {wire.ACK, "A"}} {
		if f&x.f != 0 {
			s += x.c
		}
	}
	return s
}

func TestConnectRefused(t *testing.T) {
	w := New(1)
	c := w.Host("client")
	fd := must(t, c.Socket(AF_INET, SOCK_STREAM, 0))
	r := c.Connect(fd, ap("10.0.0.2:81"))
	require.True(t, r.Blocked)
	assert.Equal(t, "connect(3): handshake in progress (SYN-SENT)", r.On)
	require.NotNil(t, c.Pending())
	w.Run(100)
	done := w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, errno.ECONNREFUSED, done[0].Result.Err)
	assert.Nil(t, c.Pending())
	_ = tcp.Closed
}
