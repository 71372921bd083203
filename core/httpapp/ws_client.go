package httpapp

import (
	"errors"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/sockplay/sockplay/core/websocket"
)

// WSEvent is what ws.recv returns: a message, or the end of the
// WebSocket (a close frame, or the connection failing).
type WSEvent struct {
	Opcode websocket.Opcode // OpText, OpBinary or OpClose
	Data   []byte
	Code   websocket.CloseCode // for OpClose
	Err    errno.Errno         // the connection failed instead
}

// wsClient is the client side of a WebSocket: frames go out masked with
// keys from the client's random source (RFC 6455 5.3).
type wsClient struct {
	c         *Client
	dec       *websocket.Decoder
	inbox     []WSEvent
	pongs     int
	closeSent bool
	end       *WSEvent // the close or failure that ended the WebSocket
	want      bool     // a call waits for something from the server
}

func newWSClient(c *Client) *wsClient {
	return &wsClient{c: c, dec: websocket.NewDecoder(websocket.Server, 0)}
}

func (w *wsClient) feed(b []byte) {
	if w.end != nil {
		return
	}
	frames, msgs, err := w.dec.Feed(b)
	for _, m := range msgs {
		w.inbox = append(w.inbox, WSEvent{Opcode: m.Opcode, Data: m.Data})
	}
	for _, f := range frames {
		switch f.Opcode {
		case websocket.OpPing:
			w.send(websocket.Pong(f.Payload))
		case websocket.OpPong:
			w.pongs++
		case websocket.OpClose:
			code := f.CloseCode()
			if !w.closeSent {
				// RFC 6455 5.5.1: answer a close with a close, echoing its code.
				if code == websocket.CloseNoStatus {
					w.send(websocket.Close(websocket.CloseNoStatus, ""))
				} else {
					w.send(websocket.Close(code, ""))
				}
			}
			w.end = &WSEvent{Opcode: websocket.OpClose, Code: code}
		}
	}
	if perr, ok := err.(*websocket.ProtocolError); ok && w.end == nil { // never wrapped
		w.send(websocket.Close(perr.Code, ""))
		w.end = &WSEvent{Opcode: websocket.OpClose, Code: perr.Code, Err: errno.ECONNABORTED}
	}
}

// send queues a frame masked with a fresh key; nothing follows a close.
func (w *wsClient) send(f websocket.Frame) error {
	if w.closeSent {
		return errClosing
	}
	v := w.c.rand()
	b, err := websocket.AppendFrame(w.c.out, f.WithMask([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}))
	if err != nil {
		return err
	}
	w.c.out = b
	if f.Opcode == websocket.OpClose {
		w.closeSent = true
	}
	return nil
}

var errClosing = errors.New("websocket: a close frame was sent; nothing may follow it")

func (w *wsClient) endOfStream() {
	if w.end == nil {
		// RFC 6455 7.1.5: closed without a close frame, code 1006.
		w.end = &WSEvent{Opcode: websocket.OpClose, Code: websocket.CloseAbnormal, Err: errno.ECONNRESET}
	}
}

func (w *wsClient) fail(e errno.Errno) {
	if w.end == nil {
		w.end = &WSEvent{Opcode: websocket.OpClose, Code: websocket.CloseAbnormal, Err: e}
	}
}

// WSSend queues a text or binary message as one masked frame.
func (c *Client) WSSend(op websocket.Opcode, data []byte) errno.Errno {
	return c.wsSend(websocket.Frame{Fin: true, Opcode: op, Payload: data})
}

// WSPing queues a ping; WSPongs counts the pongs that came back.
func (c *Client) WSPing(data []byte) errno.Errno { return c.wsSend(websocket.Ping(data)) }

// WSClose queues a close frame with code (RFC 6455 7.1.2).
func (c *Client) WSClose(code websocket.CloseCode) errno.Errno {
	return c.wsSend(websocket.Close(code, ""))
}

func (c *Client) wsSend(f websocket.Frame) errno.Errno {
	w := c.ws
	switch {
	case w == nil:
		return errno.ENOTCONN
	case c.broken != errno.OK:
		return c.broken
	case w.closeSent || c.eof && w.end != nil:
		return errno.EPIPE
	}
	if err := w.send(f); err != nil {
		return errno.EINVAL
	}
	return errno.OK
}

// WSPongs counts pongs received since the last call.
func (c *Client) WSPongs() int {
	if c.ws == nil {
		return 0
	}
	n := c.ws.pongs
	c.ws.pongs = 0
	return n
}

// WSNext takes the next message; once the WebSocket has ended every call
// returns the close (or failure) that ended it.
func (c *Client) WSNext() (WSEvent, bool) {
	w := c.ws
	if w == nil {
		return WSEvent{}, false
	}
	if len(w.inbox) > 0 {
		ev := w.inbox[0]
		w.inbox = w.inbox[1:]
		return ev, true
	}
	if w.end != nil {
		return *w.end, true
	}
	return WSEvent{}, false
}

// WSEnded reports whether the server's close (or a failure) ended the
// WebSocket, and how.
func (c *Client) WSEnded() (WSEvent, bool) {
	if c.ws == nil || c.ws.end == nil {
		return WSEvent{}, false
	}
	return *c.ws.end, true
}

// Await says whether a call is waiting for the server, so the client
// reads from the socket; otherwise WebSocket bytes stay in the socket's
// receive queue as they would under a blocking library.
func (c *Client) Await(on bool) {
	if c.ws != nil {
		c.ws.want = on
	}
}
