package stack

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

func eventsOf(w *World, kind trace.Kind) []trace.Event {
	var out []trace.Event
	for _, e := range w.Log().Events() {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

func TestAddHost(t *testing.T) {
	w := New(1)
	h, err := w.AddHost("db", inet.MustParseAddr("10.0.0.3"))
	require.NoError(t, err)
	assert.Equal(t, "db", h.Name())
	assert.Equal(t, h, w.HostByAddr(inet.MustParseAddr("10.0.0.3")))
	for _, bad := range []struct {
		name, addr string
	}{
		{"db", "10.0.0.4"}, {"other", "10.0.0.1"}, {"net", "10.0.0.5"}, {"", "10.0.0.5"},
		{"9lives", "10.0.0.5"}, {"x y", "10.0.0.5"}, {"lo", "127.0.0.1"}, {"any", "0.0.0.0"},
		{"mc", "224.0.0.1"}, {"bc", "255.255.255.255"},
	} {
		_, err := w.AddHost(bad.name, inet.MustParseAddr(bad.addr))
		assert.Error(t, err, "%s %s", bad.name, bad.addr)
	}
	_, err = w.AddHost("nothing", inet.Addr{})
	assert.Error(t, err)
	assert.Len(t, w.Hosts(), 3)

	// A third host talks to the server like any other.
	s := w.Host("server")
	l := must(t, s.Socket(AF_INET, SOCK_STREAM, 0))
	must(t, s.Listen(l, 1))
	port := s.Getsockname(l).Addr.Port()
	fd := must(t, h.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	fails(t, errno.EINPROGRESS, h.Connect(fd, inet.AddrPortFrom(ServerAddr(), port)))
	w.Run(100)
	r := s.Accept(l)
	must(t, r)
	assert.Equal(t, "10.0.0.3", r.Addr.Addr().String())
}

func TestStepDeliversOnePacketAndFiresTimersOnTheWay(t *testing.T) {
	p := listening(t, 1, 5)
	assert.False(t, p.w.Step(), "nothing in flight")
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	flight := p.w.InFlight()
	require.Len(t, flight, 1)
	assert.Equal(t, Flight{ID: 1, From: "client", To: "server", SentAt: 0, ArriveAt: 10 * time.Millisecond, Bytes: flight[0].Bytes}, flight[0])
	require.True(t, p.w.Step())
	assert.Equal(t, 10*time.Millisecond, p.w.Now())
	require.Len(t, p.w.InFlight(), 1, "the SYN-ACK")
	assert.Equal(t, 2, p.w.InFlight()[0].ID)

	// Hold the SYN-ACK back past the client's 1 s SYN timer: stepping to
	// it fires that timer first. The resent SYN arrives at 1.01 s, when the
	// server's SYN-ACK timer is due too: the packet goes first.
	require.NoError(t, p.w.Delay(2, 3*time.Second))
	require.True(t, p.w.Step())
	assert.Equal(t, 1010*time.Millisecond, p.w.Now(), "the retransmitted SYN arrives first")
	var fired []string
	for _, e := range eventsOf(p.w, trace.Fire) {
		fired = append(fired, e.Host+" "+e.Timer)
	}
	assert.Equal(t, []string{"client retransmit"}, fired)
}

func TestRunStopsAtItsBound(t *testing.T) {
	p := listening(t, 1, 5)
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	r := p.w.Run(2)
	assert.Equal(t, RunResult{Events: 2, Quiet: false}, r)
	r = p.w.Run(100)
	assert.True(t, r.Quiet)
	assert.Equal(t, 1, r.Events, "the final ACK")
	assert.Equal(t, RunResult{Quiet: true}, p.w.Run(100))
}

func TestRunLeavesTimeWaitAndKeepaliveToWait(t *testing.T) {
	p, afd := established(t, 1)
	must(t, p.c.Setsockopt(p.cfd, SOL_SOCKET, SO_KEEPALIVE, IntOpt(1)))
	must(t, p.c.Setsockopt(p.cfd, IPPROTO_TCP, TCP_KEEPIDLE, IntOpt(10)))
	must(t, p.c.Setsockopt(p.cfd, IPPROTO_TCP, TCP_KEEPINTVL, IntOpt(2)))
	must(t, p.c.Setsockopt(p.cfd, IPPROTO_TCP, TCP_KEEPCNT, IntOpt(3)))
	// A segment from the server restarts the idle clock with keepalive on.
	must(t, p.s.Send(afd, []byte("x"), 0))
	p.w.Run(100)
	now := p.w.Now()
	assert.True(t, p.w.Run(100).Quiet)
	assert.Equal(t, now, p.w.Now(), "run does not wait for keepalive")
	var kinds []string
	for _, tm := range p.w.Timers() {
		kinds = append(kinds, tm.Kind)
	}
	assert.Contains(t, kinds, "keepalive")

	// Cut the link: three unanswered probes after 10 s idle end it.
	require.NoError(t, p.w.SetLinkBoth("client", "server", lossy(1)))
	r := p.c.Recv(p.cfd, 10, 0)
	assert.Equal(t, "x", string(r.Data))
	require.True(t, p.c.Recv(p.cfd, 10, 0).Blocked)
	require.NoError(t, p.w.Wait(20*time.Second))
	done := p.w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, errno.ETIMEDOUT, done[0].Result.Err)
}

func TestNextTimerAdvancesToTheEarliestTimer(t *testing.T) {
	p, afd := established(t, 1)
	assert.False(t, p.w.NextTimer(), "nothing armed")
	must(t, p.c.Close(p.cfd))
	must(t, p.s.Close(afd))
	p.w.Run(100)
	// Both closed at once (simultaneous close): both wait in TIME-WAIT.
	timers := p.w.Timers()
	require.Len(t, timers, 2)
	assert.Equal(t, "time-wait", timers[0].Kind)
	assert.Equal(t, timers[0].At, timers[1].At)
	require.True(t, p.w.NextTimer())
	assert.Equal(t, timers[0].At, p.w.Now())
	assert.Empty(t, p.c.Sockets())
	assert.Empty(t, p.s.Sockets()[1:])
}

func TestWait(t *testing.T) {
	w := New(1)
	require.NoError(t, w.Wait(1500*time.Millisecond))
	assert.Equal(t, 1500*time.Millisecond, w.Now())
	assert.Error(t, w.Wait(-time.Second))
	assert.Equal(t, 1500*time.Millisecond, w.Now())
}

func TestPacketControl(t *testing.T) {
	p := listening(t, 1, 5)
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	// Deliver the SYN at once; duplicate the SYN-ACK; corrupt the copy.
	require.NoError(t, p.w.DeliverNow(1))
	assert.Equal(t, time.Duration(0), p.w.Now())
	dup, err := p.w.Duplicate(2)
	require.NoError(t, err)
	assert.Equal(t, 3, dup)
	off, err := p.w.Corrupt(dup)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, off, 20)
	p.w.Run(100)
	assert.Nil(t, p.c.Pending())
	assert.Equal(t, 1, p.c.Dropped(), "the corrupted copy was discarded")
	drops := eventsOf(p.w, trace.Drop)
	require.Len(t, drops, 1)
	assert.Equal(t, "bad tcp checksum", drops[0].Text[:len("bad tcp checksum")])
	assert.Equal(t, "client", drops[0].Host)
	require.Len(t, eventsOf(p.w, trace.Corrupt), 1)
	require.Len(t, eventsOf(p.w, trace.Dup), 1)

	// Dropping a packet by hand; unknown IDs are errors that change nothing.
	must(t, p.c.Send(p.cfd, []byte("x"), 0))
	id := p.w.InFlight()[0].ID
	require.NoError(t, p.w.Drop(id))
	assert.Empty(t, p.w.InFlight())
	for _, f := range []func() error{
		func() error { return p.w.Drop(id) },
		func() error { return p.w.DeliverNow(id) },
		func() error { return p.w.Delay(id, time.Second) },
		func() error { _, err := p.w.Duplicate(99); return err },
		func() error { _, err := p.w.Corrupt(99); return err },
	} {
		assert.ErrorIs(t, f(), netsim.ErrNoPacket)
	}
	// The retransmission delivers it.
	p.w.Run(100)
	assert.Equal(t, "x", string(p.s.Recv(must(t, p.s.Accept(p.lfd)), 10, 0).Data))
}

func TestLinkSettings(t *testing.T) {
	w := New(1)
	assert.Error(t, w.SetLink("client", "nobody", netsim.Link{}))
	assert.Error(t, w.SetLinkBoth("client", "server", netsim.Link{Loss: 2}))
	require.NoError(t, w.SetLink("client", "server", netsim.Link{Latency: time.Second}))
	assert.Equal(t, time.Second, w.Link("client", "server").Latency)
	assert.Equal(t, 10*time.Millisecond, w.Link("server", "client").Latency)
	require.NoError(t, w.SetAllLinks(netsim.Link{Latency: 3 * time.Millisecond}))
	assert.Equal(t, 3*time.Millisecond, w.Link("client", "server").Latency)
	assert.Equal(t, time.Duration(0), w.Link("client", "client").Latency, "loopback stays instantaneous")
}

func TestCaptures(t *testing.T) {
	p, afd := established(t, 1)
	must(t, p.s.Send(afd, []byte("hi"), 0))
	p.w.Run(100)
	wireRecs := p.w.WireCapture()
	client := p.c.Capture()
	server := p.s.Capture()
	require.Len(t, wireRecs, 5) // SYN, SYN-ACK, ACK, data, ACK
	assert.Len(t, client, 5)
	assert.Len(t, server, 5)
	// The client's capture shows its SYN at 0 and the SYN-ACK when it arrived.
	assert.Equal(t, time.Duration(0), client[0].Time)
	assert.Equal(t, 20*time.Millisecond, client[1].Time)
	assert.Equal(t, 10*time.Millisecond, server[0].Time)
	var buf bytes.Buffer
	require.NoError(t, wire.WritePcap(&buf, client))
	back, err := wire.ReadPcap(&buf)
	require.NoError(t, err)
	assert.Equal(t, client, back)
	// Captures are copies.
	client[0].Data[0] = 0
	assert.NotEqual(t, byte(0), p.c.Capture()[0].Data[0])
}

func TestTraceEventsCarryHostFDAndStates(t *testing.T) {
	p, _ := established(t, 1)
	var states []string
	for _, e := range eventsOf(p.w, trace.State) {
		states = append(states, e.Host+":"+e.From+">"+e.To)
	}
	assert.Equal(t, []string{
		"server:CLOSED>LISTEN", "client:CLOSED>SYN-SENT", "server:LISTEN>SYN-RECEIVED",
		"client:SYN-SENT>ESTABLISHED", "server:SYN-RECEIVED>ESTABLISHED",
	}, states)
	for _, e := range eventsOf(p.w, trace.State) {
		if e.Host == "client" {
			assert.Equal(t, 3, e.FD)
		}
	}
	timers := eventsOf(p.w, trace.TimerSet)
	require.NotEmpty(t, timers)
	assert.Equal(t, "retransmit", timers[0].Timer)
	assert.Equal(t, time.Second, timers[0].At)
	for i, e := range p.w.Log().Events() {
		assert.Equal(t, i, e.Index)
	}
	sends := eventsOf(p.w, trace.Send)
	require.Len(t, sends, 3)
	assert.Equal(t, []int{1, 2, 3}, []int{sends[0].Packet, sends[1].Packet, sends[2].Packet})
}

// app accepts one connection and echoes what it reads, waking at a
// deadline to count ticks.
type echoApp struct {
	l, fd  int
	ticks  int
	wakeAt time.Duration
}

func (a *echoApp) Run(now time.Duration, h *Host) {
	if now >= a.wakeAt {
		a.ticks++
		a.wakeAt = now + time.Second
	}
	if a.fd < 0 {
		r := h.Accept(a.l)
		if r.Failed() {
			return
		}
		a.fd = r.Ret
	}
	for {
		r := h.Recv(a.fd, 100, 0)
		if r.Failed() || r.Ret == 0 {
			return
		}
		h.Send(a.fd, bytes.ToUpper(r.Data), 0)
	}
}

func (a *echoApp) Deadline() (time.Duration, bool) { return a.wakeAt, true }

func TestAppRunsOnEventsAndDeadlines(t *testing.T) {
	p := listening(t, 1, 5)
	app := &echoApp{l: p.lfd, fd: -1, wakeAt: time.Second}
	id := p.s.Attach(app)
	assert.Equal(t, -1, app.fd, "nothing to accept yet, and no blocking")
	assert.Nil(t, p.s.Pending())
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	p.w.Run(100)
	assert.Equal(t, 4, app.fd)
	must(t, p.c.Send(p.cfd, []byte("shout"), 0))
	p.w.Run(100)
	assert.Equal(t, "SHOUT", string(p.c.Recv(p.cfd, 10, 0).Data))

	require.NoError(t, p.w.Wait(3500*time.Millisecond))
	assert.Equal(t, 3, app.ticks, "woken at 1, 2 and 3 s")
	assert.Contains(t, p.w.Timers(), Timer{Host: "server", FD: -1, Kind: "app", At: 4 * time.Second})
	p.s.Detach(id)
	require.NoError(t, p.w.Wait(3*time.Second))
	assert.Equal(t, 3, app.ticks)
}

func TestAppCallsDoNotBlockEvenWhenTheUserIs(t *testing.T) {
	p := listening(t, 1, 5)
	u := must(t, p.s.Socket(AF_INET, SOCK_DGRAM, 0))
	must(t, p.s.Bind(u, ap("0.0.0.0:53")))
	require.True(t, p.s.Recv(u, 10, 0).Blocked, "the user blocks the server")
	app := &echoApp{l: p.lfd, fd: -1, wakeAt: time.Hour}
	p.s.Attach(app)
	require.True(t, p.c.Connect(p.cfd, ap("10.0.0.2:80")).Blocked)
	p.w.Run(100)
	assert.Equal(t, 5, app.fd, "the app accepted while the user's recv blocked")
	assert.NotNil(t, p.s.Pending())
}

func TestLabeler(t *testing.T) {
	p, afd := established(t, 1)
	var offsets []uint32
	p.w.SetLabeler(func(h *Host, fd int, off uint32, payload []byte) string {
		offsets = append(offsets, off)
		return h.Name() + " fd " + itoa(fd) + ": " + string(payload)
	})
	must(t, p.c.Send(p.cfd, []byte("GET /"), 0))
	require.Len(t, p.w.InFlight(), 1)
	assert.Equal(t, "client fd 3: GET /", p.w.InFlight()[0].Label)
	p.w.Run(100)
	must(t, p.c.Send(p.cfd, []byte("more"), 0))
	p.w.Run(100)
	assert.Equal(t, []uint32{0, 5}, offsets)
	var labels []string
	for _, e := range eventsOf(p.w, trace.Deliver) {
		if e.Label != "" {
			labels = append(labels, e.Label)
		}
	}
	assert.Equal(t, []string{"client fd 3: GET /", "client fd 3: more"}, labels)
	_ = afd
}

func TestLoopbackTCP(t *testing.T) {
	w := New(1)
	h := w.Host("server")
	l := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	must(t, h.Bind(l, ap("127.0.0.1:8080")))
	must(t, h.Listen(l, 1))
	c := must(t, h.Socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0))
	fails(t, errno.EINPROGRESS, h.Connect(c, ap("0.0.0.0:8080")), "INADDR_ANY means this host")
	w.Run(100)
	a := must(t, h.Accept(l))
	assert.Equal(t, "127.0.0.1:8080", h.Getpeername(c).Addr.String())
	assert.Equal(t, "127.0.0.1", h.Getpeername(a).Addr.Addr().String())
	assert.Equal(t, time.Duration(0), w.Now(), "loopback takes no time")

	// The host's own address works too; a connect to a closed port is refused.
	d := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	require.True(t, h.Connect(d, ap("10.0.0.2:9")).Blocked)
	w.Run(100)
	done := w.Completions()
	require.Len(t, done, 1)
	assert.Equal(t, errno.ECONNREFUSED, done[0].Result.Err)
}
