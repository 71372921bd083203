package httpapp

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/trace"
	"github.com/sockplay/sockplay/core/wire"
)

// rig is a world whose server runs the HTTP server on port 80.
type rig struct {
	t    *testing.T
	w    *stack.World
	c, s *stack.Host
	srv  *Server
	lfd  int
}

func newRig(t *testing.T, seed uint64, o ServerOptions) *rig {
	t.Helper()
	w := stack.New(seed)
	w.SetLabeler(NewLabeler().Label)
	r := &rig{t: t, w: w, c: w.Host("client"), s: w.Host("server")}
	r.lfd = must(t, r.s.Socket(stack.AF_INET, stack.SOCK_STREAM, 0))
	must(t, r.s.Bind(r.lfd, inet.MustParseAddrPort("0.0.0.0:80")))
	must(t, r.s.Listen(r.lfd, 16))
	r.srv = NewServer(r.lfd, o)
	r.s.Attach(r.srv)
	return r
}

func must(t *testing.T, res stack.Result) int {
	t.Helper()
	require.False(t, res.Blocked, "blocked: %s", res.On)
	require.Equal(t, errno.OK, res.Err)
	return res.Ret
}

// dial connects a new client socket to the server and returns its fd.
func (r *rig) dial() int {
	r.t.Helper()
	fd := must(r.t, r.c.Socket(stack.AF_INET, stack.SOCK_STREAM, 0))
	res := r.c.Connect(fd, inet.MustParseAddrPort("10.0.0.2:80"))
	require.True(r.t, res.Blocked)
	r.w.Run(100000)
	done := r.w.Completions()
	require.Len(r.t, done, 1)
	require.Equal(r.t, errno.OK, done[0].Result.Err)
	return fd
}

// client dials and attaches a client app to the new connection.
func (r *rig) client() *Client {
	r.t.Helper()
	fd := r.dial()
	cl, e := NewClient(r.c, fd, r.w.RandUint32)
	require.Equal(r.t, errno.OK, e)
	r.c.Attach(cl)
	return cl
}

// until runs the world, timers included, until cond holds or a bound on
// virtual time passes.
func (r *rig) until(limit time.Duration, cond func() bool) {
	r.t.Helper()
	end := r.w.Now() + limit
	for !cond() {
		r.w.Run(100000)
		if cond() {
			return
		}
		next := r.w.Now() + 10*time.Millisecond
		if next > end {
			require.FailNow(r.t, "condition not met", "virtual time %v", r.w.Now())
		}
		require.NoError(r.t, r.w.Wait(10*time.Millisecond))
	}
}

// get requests path and waits for its response.
func (r *rig) get(cl *Client, path string, minor int, connection string) Response {
	r.t.Helper()
	_, err := cl.Get(path, minor, connection)
	require.NoError(r.t, err)
	r.w.Settle()
	var resp Response
	r.until(time.Minute, func() bool {
		var ok bool
		resp, ok = cl.NextResponse()
		return ok
	})
	return resp
}

// state is the TCP state of fd on h.
func state(h *stack.Host, fd int) string {
	for _, si := range h.Sockets() {
		if si.FD == fd {
			return si.State
		}
	}
	return "no fd"
}

// sends are the packets host put on the wire with a payload, decoded.
type sent struct {
	ev  trace.Event
	tcp *wire.TCP
}

func payloadSends(w *stack.World, host string) []sent {
	var out []sent
	for _, ev := range w.Log().Events() {
		if ev.Kind != trace.Send || ev.From != host {
			continue
		}
		p, err := wire.Decode(ev.Bytes)
		if err != nil || p.TCP == nil {
			continue
		}
		out = append(out, sent{ev, p.TCP})
	}
	return out
}

func labels(w *stack.World, host string) []string {
	var out []string
	for _, s := range payloadSends(w, host) {
		if len(s.tcp.Payload) > 0 {
			out = append(out, s.ev.Label)
		}
	}
	return out
}

func hasFIN(w *stack.World, host string) (time.Duration, bool) {
	for _, s := range payloadSends(w, host) {
		if s.tcp.Flags&wire.FIN != 0 {
			return s.ev.Time, true
		}
	}
	return 0, false
}

func contains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
