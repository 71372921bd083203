package httpmsg

import (
	"bytes"
	"strconv"
)

// maxChunkExcess is net/http's bound on chunk framing beyond the data it
// carries (many tiny chunks with long extensions), kept so this parser
// never accepts what net/http refuses.
const maxChunkExcess = 16 << 10

// maxTrailerBytes matches net/http, which needs the whole trailer section
// in its 4 KiB read buffer.
const maxTrailerBytes = 4096

// stepChunkSize reads chunk-size [chunk-ext] CRLF (RFC 9112 7.1).
func (p *Parser) stepChunkSize() bool {
	line, n, ok := p.line(maxChunkLineBytes, true, 400, "chunk-size line")
	if !ok {
		return false
	}
	size, err := parseChunkSize(line, p.off)
	if err != nil {
		p.fail(err)
		return false
	}
	p.excess += int64(n) - 16 - 2*int64(size)
	p.excess = max(p.excess, 0)
	if p.excess > maxChunkExcess {
		p.fail(newError(400, p.off, "chunked encoding contains too much non-data"))
		return false
	}
	if size == 0 {
		p.consume(n, PartLastChunk)
		p.headBytes, p.fields = 0, 0
		p.state = stateTrailerLine
		return true
	}
	if size > uint64(p.limits.MaxBodyBytes-int64(len(p.cur.Body))) {
		p.fail(newError(413, p.off, "body over the "+strconv.FormatInt(p.limits.MaxBodyBytes, 10)+" byte limit"))
		return false
	}
	p.consume(n, PartChunkSize)
	p.remaining = int64(size)
	p.state = stateChunkData
	return true
}

// parseChunkSize reads 1*HEXDIG (at most 16 digits, as net/http) and an
// optional extension after ";", which is ignored but must not hold control
// bytes.
func parseChunkSize(line []byte, off int64) (uint64, *Error) {
	if i := bytes.IndexByte(line, '\r'); i >= 0 {
		return 0, newError(400, off+int64(i), "CR inside chunk-size line")
	}
	digits, ext := line, []byte(nil)
	if semicolon := bytes.IndexByte(line, ';'); semicolon >= 0 {
		digits, ext = line[:semicolon], line[semicolon+1:]
	}
	if len(digits) == 0 {
		return 0, newError(400, off, "empty chunk size")
	}
	if len(digits) > 16 {
		return 0, newError(400, off, "chunk size "+strconv.Quote(string(digits))+" too large")
	}
	var size uint64
	for _, c := range digits {
		if !isHex(c) {
			return 0, newError(400, off, "invalid chunk size "+strconv.Quote(string(digits)))
		}
		size = size<<4 | uint64(hexValue(c))
	}
	for i, c := range ext {
		if !isFieldValueByte(c) {
			return 0, newError(400, off+int64(len(digits)+1+i), "invalid byte "+strconv.QuoteRune(rune(c))+" in chunk extension")
		}
	}
	return size, nil
}

func hexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// stepChunkEnd checks the CRLF closing a chunk's data.
func (p *Parser) stepChunkEnd() bool {
	if len(p.buf) < 2 {
		return false
	}
	if p.buf[0] != '\r' || p.buf[1] != '\n' {
		p.fail(newError(400, p.off, "chunk data not followed by CRLF"))
		return false
	}
	p.consume(2, PartChunkEnd)
	p.state = stateChunkSize
	return true
}

// stepTrailerLine reads the trailer section (RFC 9112 7.1.2); its lines
// must end in CRLF, as net/http requires.
func (p *Parser) stepTrailerLine() bool {
	line, n, ok := p.line(p.limits.MaxLineBytes, true, 431, "trailer line")
	if !ok {
		return false
	}
	if !p.addField(&p.cur.Trailer, line, n, min(p.limits.MaxHeaderBytes, maxTrailerBytes), "trailer") {
		return false
	}
	p.consume(n, PartTrailer)
	if len(line) == 0 {
		p.complete()
	}
	return true
}
