package httpapp

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/stack"
)

// maxPieces is how many messages a label names before "+ N more".
const maxPieces = 3

// Labeler names the HTTP and WebSocket content of TCP segments by parsing
// each connection's byte stream in each direction as it is first sent.
// Whoever wrote the bytes (the apps or a hand-typed send) does not matter.
// Install its Label method with World.SetLabeler; one Labeler per world.
type Labeler struct {
	conns map[connKey]*connStreams
}

// connKey names a connection the same way from both ends.
type connKey struct {
	client, server       inet.AddrPort
	clientISS, serverISS uint32
}

// connStreams are the two directions of one connection.
type connStreams struct {
	requests, responses *stream
}

// NewLabeler returns a labeler that knows no connection yet.
func NewLabeler() *Labeler { return &Labeler{conns: map[connKey]*connStreams{}} }

// Label describes payload, sent on fd of h at offset off of its stream:
// "GET /index.html HTTP/1.1", "HTTP/1.1 200 OK (2896/1048576 bytes of
// body)", `WS text "tick 3"`, or "" when the bytes are not HTTP.
func (l *Labeler) Label(h *stack.Host, fd int, off uint32, payload []byte) string {
	id, ok := h.ConnID(fd)
	if !ok {
		return ""
	}
	// The side that connected is the HTTP client.
	fromClient := !id.Passive
	key := connKey{client: id.Local, server: id.Remote, clientISS: id.ISS, serverISS: id.IRS}
	if !fromClient {
		key = connKey{client: id.Remote, server: id.Local, clientISS: id.IRS, serverISS: id.ISS}
	}
	cs := l.conns[key]
	if cs == nil {
		cs = newConnStreams()
		l.conns[key] = cs
	}
	if fromClient {
		return cs.requests.label(int64(off), payload)
	}
	return cs.responses.label(int64(off), payload)
}

// joinPieces joins the descriptions of the messages a segment carries.
func joinPieces(pieces []string) string {
	if len(pieces) > maxPieces {
		more := len(pieces) - (maxPieces - 1)
		pieces = append(pieces[:maxPieces-1:maxPieces-1], strconv.Itoa(more)+" more")
	}
	return strings.Join(pieces, " + ")
}
