package httpapp

import (
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/websocket"
)

// wsServer is the server side of a WebSocket on /push: it pushes "tick N"
// every period, echoes the client's messages, answers pings and closes
// when the client does (RFC 6455).
type wsServer struct {
	dec      *websocket.Decoder
	every    time.Duration
	started  bool
	nextTick time.Duration
	ticks    int
	frames   []websocket.Frame // received, not yet handled
	msgs     []websocket.Message
	failure  *websocket.ProtocolError
	// closeSent: our close frame is queued; closing: the TCP connection
	// should close once it is out (the server closes first, RFC 6455 7.1.1).
	closeSent bool
	closing   bool
}

func newWSServer(every time.Duration) *wsServer {
	return &wsServer{dec: websocket.NewDecoder(websocket.Client, 0), every: every}
}

// feed decodes client bytes; they are handled once the 101 is out.
func (w *wsServer) feed(b []byte) {
	if w.failure != nil || w.closeSent {
		return
	}
	frames, msgs, err := w.dec.Feed(b)
	w.frames = append(w.frames, frames...)
	w.msgs = append(w.msgs, msgs...)
	if perr, ok := err.(*websocket.ProtocolError); ok { // the decoder's errors are never wrapped
		w.failure = perr
	}
}

// run handles what arrived and pushes the ticks that are due, appending
// the frames to send to out.
func (w *wsServer) run(now time.Duration, out []byte) []byte {
	if !w.started {
		w.started, w.nextTick = true, now+w.every
	}
	for _, m := range w.msgs {
		out = w.send(out, websocket.Frame{Fin: true, Opcode: m.Opcode, Payload: m.Data})
	}
	w.msgs = nil
	for _, f := range w.frames {
		switch f.Opcode {
		case websocket.OpPing:
			out = w.send(out, websocket.Pong(f.Payload))
		case websocket.OpClose:
			code := f.CloseCode()
			if code == websocket.CloseNoStatus {
				out = w.send(out, websocket.Close(websocket.CloseNoStatus, ""))
			} else {
				out = w.send(out, websocket.Close(code, ""))
			}
			w.closeSent, w.closing = true, true
		}
	}
	w.frames = nil
	if w.failure != nil && !w.closeSent {
		// RFC 6455 7.1.7: fail the connection with the error's close code.
		out = w.send(out, websocket.Close(w.failure.Code, ""))
		w.closeSent, w.closing = true, true
	}
	for !w.closeSent && now >= w.nextTick {
		w.ticks++
		out = w.send(out, websocket.Text("tick "+strconv.Itoa(w.ticks)))
		w.nextTick += w.every
	}
	return out
}

// send appends an unmasked frame, as a server sends them (RFC 6455 5.1).
func (w *wsServer) send(out []byte, f websocket.Frame) []byte {
	if w.closeSent {
		return out // nothing may follow a close frame (RFC 6455 5.5.1)
	}
	b, err := websocket.AppendFrame(out, f)
	if err != nil {
		return out
	}
	return b
}

func (w *wsServer) wake() (time.Duration, bool) {
	if w.closeSent || !w.started {
		return 0, false
	}
	return w.nextTick, true
}
