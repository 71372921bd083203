package stack

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSSLayoutMatchesRealSS re-renders outputs recorded from iproute2's
// ss (piped, so in its compact layout) from their fields alone.
func TestSSLayoutMatchesRealSS(t *testing.T) {
	for _, name := range []string{"ss_tcp.txt", "ss_udp.txt", "ss_listen.txt"} {
		want, err := os.ReadFile("testdata/" + name)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
		rows := [][]string{headerRow()}
		for _, l := range lines[1:] {
			f := strings.Fields(l)
			require.Len(t, f, 5, l)
			rq, _ := strconv.Atoi(f[1])
			sq, _ := strconv.Atoi(f[2])
			peer, port := splitHostPort(f[4])
			rows = append(rows, ssRow(f[0], rq, sq, f[3], strings.TrimSuffix(peer, ":"), port))
		}
		assert.Equal(t, string(want), renderSS(rows), name)
	}
}

func TestSSOfAStack(t *testing.T) {
	p, afd := established(t, 3)
	must(t, p.c.Send(p.cfd, []byte("hello"), 0))
	p.w.Run(100)
	second := nbConnect(t, p) // waits in the accept queue
	p.w.Run(100)
	third := nbConnect(t, p)
	assert.Equal(t, "hello", string(p.s.Recv(afd, 10, 0).Data))
	must(t, p.s.Close(afd)) // server closes first: FIN-WAIT-2 here, CLOSE-WAIT there
	p.w.Run(100)
	_ = second
	_ = third
	port := func(fd int) string { return strconv.Itoa(int(p.c.Getsockname(fd).Addr.Port())) }

	assert.Equal(t, ""+
		"State      Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"+
		"LISTEN     2      5            0.0.0.0:80        0.0.0.0:*           \n"+
		"FIN-WAIT-2 0      0           10.0.0.2:80       10.0.0.1:"+port(p.cfd)+"       \n"+
		"ESTAB      0      0           10.0.0.2:80       10.0.0.1:"+port(second)+"       \n"+
		"ESTAB      0      0           10.0.0.2:80       10.0.0.1:"+port(third)+"       \n",
		p.s.SS(false))
	assert.Equal(t, ""+
		"State      Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n"+
		"CLOSE-WAIT 1      0           10.0.0.1:"+port(p.cfd)+"     10.0.0.2:80         \n"+
		"ESTAB      0      0           10.0.0.1:"+port(second)+"     10.0.0.2:80         \n"+
		"ESTAB      0      0           10.0.0.1:"+port(third)+"     10.0.0.2:80         \n",
		p.c.SS(false), "Recv-Q counts the unread FIN, as Linux does")

	u := must(t, p.s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, p.s.Bind(u, ap("0.0.0.0:53")))
	must(t, p.c.SendTo(must(t, p.c.Socket(AF_INET, SOCK_DGRAM, 0)), []byte("abc"), 0, ap("10.0.0.2:53")))
	p.w.Run(100)
	assert.Equal(t, ""+
		"State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n"+
		"UNCONN 3      0            0.0.0.0:53        0.0.0.0:*          \n",
		p.s.SS(true))
	assert.Equal(t, "State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n", New(1).Host("client").SS(true))
}

func TestSSShowsSynSentSynRecvAndTimeWait(t *testing.T) {
	p := listening(t, 3, 5)
	fd := nbConnect(t, p)
	assert.Contains(t, p.c.SS(false), "SYN-SENT 0      1 ")
	require.True(t, p.w.Step())
	assert.Contains(t, p.s.SS(false), "SYN-RECV 0      0 ")
	p.w.Run(100)
	afd := must(t, p.s.Accept(p.lfd))
	must(t, p.c.Close(fd))
	p.w.Run(100)
	must(t, p.s.Close(afd))
	p.w.Run(100)
	assert.Contains(t, p.c.SS(false), "TIME-WAIT 0      0 ")
}
