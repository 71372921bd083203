package httpmsg

import (
	"bytes"
	"strconv"
	"strings"
)

type state int

const (
	stateStartLine state = iota
	stateFieldLine
	stateLengthBody
	stateChunkSize
	stateChunkData
	stateChunkEnd
	stateTrailerLine
	stateUntilClose
	stateSwitched // the stream is no longer HTTP (101, CONNECT tunnel, Switch)
	stateEnded    // Finish was called
)

// Parser reads one direction of an HTTP/1.x connection: requests (client to
// server) or responses. Feed it the bytes as they arrive, split anywhere;
// messages come out as they complete, the same whatever the split.
type Parser struct {
	response bool
	limits   Limits
	methods  []string // methods of requests still awaiting a final response

	buf []byte // received, not yet consumed
	off int64  // stream offset of buf[0]

	state     state
	cur       Message
	headBytes int   // bytes of the current head or trailer section
	fields    int   // field lines in it
	remaining int64 // body or chunk bytes still to come
	excess    int64 // chunk framing overhead beyond data, as net/http counts it

	done []Message
	rest []byte // bytes after a protocol switch
	err  *Error
}

// NewRequestParser returns a parser for the client-to-server stream.
func NewRequestParser(l Limits) *Parser {
	return &Parser{limits: l.withDefaults()}
}

// NewResponseParser returns a parser for the server-to-client stream.
// Tell it each request's method with ExpectResponseTo.
func NewResponseParser(l Limits) *Parser {
	return &Parser{response: true, limits: l.withDefaults()}
}

// ExpectResponseTo queues the method of a request sent on the connection;
// responses are matched to requests in order (RFC 9112 9.3.2). With none
// queued a response is taken as answering GET.
func (p *Parser) ExpectResponseTo(method string) {
	p.methods = append(p.methods, method)
}

// Feed parses b, which continues the stream. It returns the messages that
// completed, and an error once the stream is malformed; the error sticks.
func (p *Parser) Feed(b []byte) ([]Message, error) {
	switch {
	case p.err != nil:
		return nil, p.err
	case p.state == stateEnded:
		return nil, newError(0, p.off, "data after end of stream")
	case p.state == stateSwitched:
		p.rest = append(p.rest, b...)
		return nil, nil
	}
	p.buf = append(p.buf, b...)
	for p.err == nil && p.step() {
	}
	done := p.done
	p.done = nil
	if p.err != nil {
		return done, p.err
	}
	return done, nil
}

// Finish tells the parser the peer closed its side: a body running until
// close completes; anything unfinished is an error.
func (p *Parser) Finish() ([]Message, error) {
	if p.err != nil {
		return nil, p.err
	}
	switch p.state {
	case stateEnded, stateSwitched:
		return nil, nil
	case stateUntilClose:
		p.complete()
	case stateStartLine:
		if len(p.buf) > 0 {
			p.fail(newError(400, p.off+int64(len(p.buf)), "unexpected EOF in start line"))
		}
	default:
		p.fail(newError(400, p.off+int64(len(p.buf)), "unexpected EOF in "+stateName(p.state)))
	}
	done := p.done
	p.done = nil
	if p.err != nil {
		return done, p.err
	}
	p.state = stateEnded
	return done, nil
}

// Switch stops parsing HTTP after the last complete message (the server
// accepted an Upgrade): bytes from there on are returned by Rest. Call it
// between messages; a partly received message is handed over as raw bytes.
func (p *Parser) Switch() {
	if p.state == stateSwitched || p.err != nil {
		return
	}
	p.rest = append(p.rest, p.buf...)
	p.buf = nil
	p.state = stateSwitched
}

// Switched reports whether the stream stopped being HTTP.
func (p *Parser) Switched() bool { return p.state == stateSwitched }

// Rest returns, and forgets, the bytes received after the protocol switch.
func (p *Parser) Rest() []byte {
	r := p.rest
	p.rest = nil
	return r
}

// Offset is the stream offset just past the bytes consumed into messages.
func (p *Parser) Offset() int64 { return p.off }

// Progress describes the message being received.
type Progress struct {
	InMessage  bool    // some of its bytes have arrived
	HeadDone   bool    // its head is parsed: Message has the start line and fields
	Message    Message // what is known so far, Body and Parts included; do not modify
	BodyRead   int64   // body bytes decoded so far
	BodyLength int64   // the declared Content-Length, -1 when unknown
	Buffered   int     // bytes received but not yet parsed (an unfinished line)
}

// Progress reports on the message in flight, for labels such as
// "HTTP/1.1 200 OK (1000/3000 bytes of body)".
func (p *Parser) Progress() Progress {
	inHead := p.state == stateStartLine || p.state == stateFieldLine
	pr := Progress{
		InMessage:  p.state != stateStartLine || len(p.buf) > 0,
		HeadDone:   !inHead && p.state != stateSwitched && p.state != stateEnded,
		BodyLength: -1,
		Buffered:   len(p.buf),
	}
	if p.state == stateSwitched || p.state == stateEnded {
		pr.InMessage, pr.Buffered = false, 0
		return pr
	}
	if p.state != stateStartLine {
		pr.Message = p.cur
	}
	if pr.HeadDone {
		pr.BodyRead = int64(len(p.cur.Body))
		if p.cur.Framing == LengthBody {
			pr.BodyLength = p.cur.ContentLength
		}
	}
	return pr
}

func (p *Parser) fail(e *Error) {
	if p.err == nil {
		p.err = e
	}
}

// consume moves n bytes of buf into the current message as part kind.
func (p *Parser) consume(n int, kind PartKind) {
	start, end := p.off, p.off+int64(n)
	if k := len(p.cur.Parts); k > 0 && p.cur.Parts[k-1].Kind == kind && p.cur.Parts[k-1].End == start {
		p.cur.Parts[k-1].End = end
	} else {
		p.cur.Parts = append(p.cur.Parts, Part{Kind: kind, Start: start, End: end})
	}
	p.cur.End = end
	p.off = end
	p.buf = p.buf[n:]
	if len(p.buf) == 0 {
		p.buf = nil
	}
}

func (p *Parser) complete() {
	p.done = append(p.done, p.cur)
	p.cur = Message{}
	p.state = stateStartLine
	if p.done[len(p.done)-1].Switch {
		p.Switch()
	}
}

// line returns the next line of buf without its line ending and the bytes
// it spans; ok is false until the line is complete. A line longer than max
// fails as soon as that is certain, so the outcome does not depend on how
// the stream was split. crlfOnly refuses a bare LF ending.
func (p *Parser) line(max int, crlfOnly bool, tooLong int, what string) (line []byte, n int, ok bool) {
	i := bytes.IndexByte(p.buf, '\n')
	if i < 0 {
		if len(p.buf) > max+1 {
			p.fail(newError(tooLong, p.off, what+" longer than "+strconv.Itoa(max)+" bytes"))
		}
		return nil, 0, false
	}
	line = p.buf[:i]
	bareLF := true
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line, bareLF = line[:len(line)-1], false
	}
	if len(line) > max {
		p.fail(newError(tooLong, p.off, what+" longer than "+strconv.Itoa(max)+" bytes"))
		return nil, 0, false
	}
	if bareLF && crlfOnly {
		// net/http accepts a bare LF in head lines (RFC 9112 2.2 allows it)
		// but not in chunked framing.
		p.fail(newError(400, p.off+int64(i), what+" ends with a bare LF"))
		return nil, 0, false
	}
	return line, i + 1, true
}

// step makes one move; it reports whether another may follow.
func (p *Parser) step() bool {
	switch p.state {
	case stateStartLine:
		return p.stepStartLine()
	case stateFieldLine:
		return p.stepFieldLine()
	case stateLengthBody, stateChunkData, stateUntilClose:
		return p.stepBodyData()
	case stateChunkSize:
		return p.stepChunkSize()
	case stateChunkEnd:
		return p.stepChunkEnd()
	case stateTrailerLine:
		return p.stepTrailerLine()
	}
	return false
}

func (p *Parser) stepStartLine() bool {
	if len(p.buf) == 0 {
		return false
	}
	tooLong := 400
	if !p.response {
		tooLong = 414
	}
	line, n, ok := p.line(p.limits.MaxLineBytes, false, tooLong, "start line")
	if !ok {
		return false
	}
	var m Message
	var err *Error
	if p.response {
		m, err = parseStatusLine(string(line), p.off)
	} else {
		m, err = parseRequestLine(string(line), p.off)
	}
	if err != nil {
		p.fail(err)
		return false
	}
	if n > p.limits.MaxHeaderBytes {
		p.fail(newError(431, p.off, "head larger than "+strconv.Itoa(p.limits.MaxHeaderBytes)+" bytes"))
		return false
	}
	m.Start, m.ContentLength = p.off, -1
	p.cur = m
	p.headBytes, p.fields = n, 0
	p.consume(n, PartHead)
	p.state = stateFieldLine
	return true
}

func (p *Parser) stepFieldLine() bool {
	line, n, ok := p.line(p.limits.MaxLineBytes, false, 431, "field line")
	if !ok {
		return false
	}
	if !p.addField(&p.cur.Header, line, n, p.limits.MaxHeaderBytes, "head") {
		return false
	}
	p.consume(n, PartHead)
	if len(line) == 0 {
		p.finishHead()
	}
	return p.err == nil
}

// addField checks a field line against the limits and appends it; an
// empty line (the end of the section) only counts toward the size.
func (p *Parser) addField(h *Header, line []byte, n, maxBytes int, section string) bool {
	if p.headBytes+n > maxBytes {
		p.fail(newError(431, p.off, section+" larger than "+strconv.Itoa(maxBytes)+" bytes"))
		return false
	}
	if len(line) == 0 {
		p.headBytes += n
		return true
	}
	f, err := parseFieldLine(line, p.off)
	if err != nil {
		p.fail(err)
		return false
	}
	if p.fields+1 > p.limits.MaxHeaderFields {
		p.fail(newError(431, p.off, "more than "+strconv.Itoa(p.limits.MaxHeaderFields)+" fields in "+section))
		return false
	}
	p.headBytes += n
	p.fields++
	*h = append(*h, f)
	return true
}

// parseFieldLine splits field-line = field-name ":" OWS field-value OWS
// (RFC 9112 5).
func parseFieldLine(line []byte, off int64) (Field, *Error) {
	if line[0] == ' ' || line[0] == '\t' {
		// RFC 9112 5.2: obs-fold is refused rather than unfolded.
		return Field{}, newError(400, off, "obsolete line folding in "+strconv.Quote(string(line)))
	}
	colon := bytes.IndexByte(line, ':')
	if colon < 0 {
		return Field{}, newError(400, off, "field line without colon "+strconv.Quote(string(line)))
	}
	name, value := string(line[:colon]), trimOWS(string(line[colon+1:]))
	if strings.HasSuffix(name, " ") || strings.HasSuffix(name, "\t") {
		// RFC 9112 5.1: whitespace before the colon must be rejected.
		return Field{}, newError(400, off, "whitespace between field name and colon in "+strconv.Quote(string(line)))
	}
	if !isToken(name) {
		return Field{}, newError(400, off, "invalid field name "+strconv.Quote(name))
	}
	for i := 0; i < len(value); i++ {
		if !isFieldValueByte(value[i]) {
			return Field{}, newError(400, off, "invalid byte "+strconv.QuoteRune(rune(value[i]))+" in field "+name)
		}
	}
	return Field{Name: name, Value: value}, nil
}

func (p *Parser) finishHead() {
	m := &p.cur
	if m.Response {
		m.RequestMethod = "GET"
		if len(p.methods) > 0 {
			m.RequestMethod = p.methods[0]
		}
	}
	if err := frame(m, p.limits, m.Start); err != nil {
		p.fail(err)
		return
	}
	if m.Response && (m.Status >= 200 || m.Status == 101) && len(p.methods) > 0 {
		p.methods = p.methods[1:]
	}
	switch m.Framing {
	case NoBody:
		p.complete()
	case LengthBody:
		p.remaining = m.ContentLength
		p.state = stateLengthBody
		if p.remaining == 0 {
			p.complete()
		}
	case ChunkedBody:
		p.excess = 0
		p.state = stateChunkSize
	case UntilCloseBody:
		p.state = stateUntilClose
	}
}

// stepBodyData takes body bytes: Content-Length bytes, chunk data, or
// everything until close.
func (p *Parser) stepBodyData() bool {
	if len(p.buf) == 0 {
		return false
	}
	n := len(p.buf)
	if p.state != stateUntilClose && int64(n) > p.remaining {
		n = int(p.remaining)
	}
	if p.state == stateUntilClose && int64(len(p.cur.Body)+n) > p.limits.MaxBodyBytes {
		p.fail(newError(413, p.off, "body over the "+strconv.FormatInt(p.limits.MaxBodyBytes, 10)+" byte limit"))
		return false
	}
	p.cur.Body = append(p.cur.Body, p.buf[:n]...)
	kind := PartBody
	if p.state == stateChunkData {
		kind = PartChunkData
	}
	p.consume(n, kind)
	p.remaining -= int64(n)
	switch {
	case p.state == stateLengthBody && p.remaining == 0:
		p.complete()
	case p.state == stateChunkData && p.remaining == 0:
		p.state = stateChunkEnd
	}
	return true
}

// stateName names what was being read, for "unexpected EOF in ...".
func stateName(s state) string {
	switch s {
	case stateFieldLine:
		return "head"
	case stateLengthBody:
		return "body"
	case stateTrailerLine:
		return "trailer"
	}
	return "chunked body"
}
