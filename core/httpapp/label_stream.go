package httpapp

import (
	"sort"

	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/websocket"
)

// stream is one direction of a connection as the labeler follows it:
// HTTP messages, then WebSocket frames once a 101 switched protocols.
type stream struct {
	response bool
	peer     *stream
	fed      int64  // stream bytes parsed so far
	prefix   []byte // the stream's first bytes, to tell HTTP from other data
	dead     bool   // not HTTP (or no longer parseable): new bytes get no label
	http     *httpmsg.Parser
	ws       *websocket.Decoder
	wsBase   int64 // stream offset of the decoder's first byte
	items    []item
	given    map[int64]given // labels handed out, by segment start
}

// given is a label handed out for the segment [start, end).
type given struct {
	end   int64
	label string
}

const prefixLen = 8

// newConnStreams returns the two streams of a connection, each knowing
// the other: responses follow the requests' methods, and a 101 switches both.
func newConnStreams() *connStreams {
	cs := &connStreams{requests: newStream(false), responses: newStream(true)}
	cs.requests.peer, cs.responses.peer = cs.responses, cs.requests
	return cs
}

func newStream(response bool) *stream {
	s := &stream{response: response, given: map[int64]given{}}
	if response {
		s.http = httpmsg.NewResponseParser(httpmsg.Limits{})
	} else {
		s.http = httpmsg.NewRequestParser(httpmsg.Limits{})
	}
	return s
}

// label describes the segment [off, off+len(payload)). A retransmission
// of the same range gets the label the first transmission got.
func (s *stream) label(off int64, payload []byte) string {
	end := off + int64(len(payload))
	if g, ok := s.given[off]; ok && g.end == end {
		return g.label
	}
	if end > s.fed {
		if off > s.fed {
			s.dead = true // a gap: the first transmission was not seen
		} else {
			s.feed(payload[s.fed-off:])
		}
	}
	l := s.describe(off, end)
	s.given[off] = given{end, l}
	return l
}

func (s *stream) feed(b []byte) {
	if len(s.prefix) < prefixLen {
		s.prefix = append(s.prefix, b[:min(len(b), prefixLen-len(s.prefix))]...)
	}
	s.fed += int64(len(b))
	if s.dead {
		return
	}
	if s.ws != nil {
		s.feedWS(b)
		return
	}
	msgs, err := s.http.Feed(b)
	for i := range msgs {
		s.addMessage(&msgs[i])
	}
	if err != nil {
		s.dead = true
	}
}

func (s *stream) addMessage(m *httpmsg.Message) {
	s.items = append(s.items, httpItem(m, true))
	if !s.response {
		s.peer.http.ExpectResponseTo(m.Method)
		return
	}
	if !m.Switch {
		return
	}
	if m.Status != 101 || !m.Header.HasToken("Upgrade", "websocket") {
		s.dead, s.peer.dead = true, true // a tunnel or another protocol
		return
	}
	s.switchToWS(websocket.Server)
	s.peer.switchToWS(websocket.Client)
}

// switchToWS continues the stream as WebSocket frames sent by sender.
func (s *stream) switchToWS(sender websocket.Role) {
	if s.ws != nil || s.dead {
		return
	}
	s.http.Switch()
	s.wsBase = s.http.Offset()
	s.ws = websocket.NewDecoder(sender, 0)
	if rest := s.http.Rest(); len(rest) > 0 {
		s.feedWS(rest)
	}
}

func (s *stream) feedWS(b []byte) {
	frames, _, err := s.ws.Feed(b)
	for i := range frames {
		s.items = append(s.items, wsItem(&frames[i], s.wsBase))
	}
	if err != nil {
		s.dead = true
	}
}

// describe names every message or frame overlapping [a, b).
func (s *stream) describe(a, b int64) string {
	var pieces []string
	i := sort.Search(len(s.items), func(i int) bool { return s.items[i].end > a })
	for ; i < len(s.items) && s.items[i].start < b; i++ {
		pieces = append(pieces, s.items[i].describe(a, b))
	}
	if it, ok := s.inProgress(); ok && it.start < b {
		pieces = append(pieces, it.describe(a, b))
	}
	return joinPieces(pieces)
}

// inProgress is the message or frame being received, as far as known.
func (s *stream) inProgress() (item, bool) {
	if s.dead {
		return item{}, false
	}
	if s.ws != nil {
		p := s.ws.Progress()
		if !p.InFrame {
			return item{}, false
		}
		start := s.wsBase
		if n := len(s.items); n > 0 && s.items[n-1].end > start {
			start = s.items[n-1].end
		}
		if !p.HeaderDone {
			return item{start: start, name: "WS (partial frame header)", partial: true}, true
		}
		f := p.Frame
		f.Start += s.wsBase
		f.PayloadStart += s.wsBase
		it := wsItem(&f, 0)
		it.payloadLen, it.complete = int64(p.PayloadLength), false
		return it, true
	}
	p := s.http.Progress()
	if !p.InMessage {
		return item{}, false
	}
	if p.Message.Major == 0 {
		if !s.looksHTTP() {
			return item{}, false
		}
		return item{start: s.http.Offset(), name: "HTTP (partial start line)", partial: true}, true
	}
	it := httpItem(&p.Message, false)
	it.headDone = p.HeadDone
	return it, true
}

// looksHTTP: a start line not yet complete is labelled only on a stream
// that has carried HTTP already or begins like an HTTP message.
func (s *stream) looksHTTP() bool {
	if len(s.items) > 0 {
		return true
	}
	if s.response {
		const v = "HTTP/1."
		n := min(len(s.prefix), len(v))
		return string(s.prefix[:n]) == v[:n]
	}
	for i, c := range s.prefix {
		if c == ' ' {
			return i > 0
		}
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}
