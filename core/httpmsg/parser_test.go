package httpmsg

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPartsOfChunkedResponseAndNext(t *testing.T) {
	head := crlf("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n")
	body := crlf("3;x\nabc\n0\nT: 1\n\n")
	next := crlf("HTTP/1.1 204 No Content\n\n")
	p := NewResponseParser(Limits{})
	msgs, err := p.Feed([]byte(head + body + next))
	require.NoError(t, err)
	require.Len(t, msgs, 2)

	h := int64(len(head))
	assert.Equal(t, []Part{
		{PartHead, 0, h},
		{PartChunkSize, h, h + 5},
		{PartChunkData, h + 5, h + 8},
		{PartChunkEnd, h + 8, h + 10},
		{PartLastChunk, h + 10, h + 13},
		{PartTrailer, h + 13, h + 21},
	}, msgs[0].Parts)
	assert.Equal(t, int64(0), msgs[0].Start)
	assert.Equal(t, h+21, msgs[0].End)
	assert.Equal(t, "abc", string(msgs[0].Body))
	assert.Equal(t, Header{{"T", "1"}}, msgs[0].Trailer)
	assert.Equal(t, ChunkedBody, msgs[0].Framing)

	end := int64(len(head + body + next))
	assert.Equal(t, []Part{{PartHead, h + 21, end}}, msgs[1].Parts)
	assert.Equal(t, end, p.Offset())
	assert.Equal(t, "HTTP/1.1 204 No Content", msgs[1].StartLine())
}

func TestProgressThroughLengthBody(t *testing.T) {
	p := NewResponseParser(Limits{})
	assert.False(t, p.Progress().InMessage)

	msgs, err := p.Feed([]byte("HTTP/1.1 200 OK\r\nContent-Le"))
	require.NoError(t, err)
	assert.Empty(t, msgs)
	pr := p.Progress()
	assert.True(t, pr.InMessage)
	assert.False(t, pr.HeadDone)
	assert.Equal(t, "HTTP/1.1 200 OK", pr.Message.StartLine())
	assert.Equal(t, len("Content-Le"), pr.Buffered)

	_, err = p.Feed([]byte("ngth: 3000\r\n\r\n" + strings.Repeat("x", 1000)))
	require.NoError(t, err)
	pr = p.Progress()
	assert.True(t, pr.HeadDone)
	assert.Equal(t, int64(1000), pr.BodyRead)
	assert.Equal(t, int64(3000), pr.BodyLength)
	assert.Equal(t, PartBody, pr.Message.Parts[len(pr.Message.Parts)-1].Kind)

	msgs, err = p.Feed([]byte(strings.Repeat("y", 2000)))
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.Len(t, msgs[0].Body, 3000)
	assert.False(t, p.Progress().InMessage)
}

func TestProgressUnknownLengthForChunked(t *testing.T) {
	p := NewRequestParser(Limits{})
	_, err := p.Feed([]byte(crlf("POST / HTTP/1.1\nHost: s\nTransfer-Encoding: chunked\n\n5\nhel")))
	require.NoError(t, err)
	pr := p.Progress()
	assert.Equal(t, int64(3), pr.BodyRead)
	assert.Equal(t, int64(-1), pr.BodyLength)
}

func TestUntilCloseEndsAtFinish(t *testing.T) {
	p := NewResponseParser(Limits{})
	msgs, err := p.Feed([]byte("HTTP/1.0 200 OK\r\n\r\nabc"))
	require.NoError(t, err)
	assert.Empty(t, msgs)
	msgs, err = p.Feed([]byte("def"))
	require.NoError(t, err)
	assert.Empty(t, msgs)
	msgs, err = p.Finish()
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.Equal(t, "abcdef", string(msgs[0].Body))
	assert.Equal(t, UntilCloseBody, msgs[0].Framing)
	assert.True(t, msgs[0].Close)

	_, err = p.Feed([]byte("x"))
	assert.ErrorContains(t, err, "after end of stream")
	msgs, err = p.Finish()
	assert.NoError(t, err)
	assert.Empty(t, msgs)
}

func TestSwitchAfter101KeepsTheRest(t *testing.T) {
	p := NewResponseParser(Limits{})
	p.ExpectResponseTo("GET")
	msgs, err := p.Feed([]byte(crlf("HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n\n") + "\x81\x02hi"))
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.True(t, msgs[0].Switch)
	assert.True(t, p.Switched())
	assert.Equal(t, "\x81\x02hi", string(p.Rest()))
	msgs, err = p.Feed([]byte("\x88\x00"))
	require.NoError(t, err)
	assert.Empty(t, msgs)
	assert.Equal(t, "\x88\x00", string(p.Rest()))
	assert.Empty(t, p.Rest())
	msgs, err = p.Finish()
	assert.NoError(t, err)
	assert.Empty(t, msgs)
}

func TestRequestSideSwitch(t *testing.T) {
	p := NewRequestParser(Limits{})
	msgs, err := p.Feed([]byte(crlf("GET /chat HTTP/1.1\nHost: s\nUpgrade: websocket\nConnection: Upgrade\n\n") + "\x81\x82"))
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.True(t, msgs[0].Header.HasToken("Connection", "upgrade"))
	assert.False(t, p.Switched())
	p.Switch()
	assert.True(t, p.Switched())
	assert.Equal(t, "\x81\x82", string(p.Rest()))
}

func TestInterimResponsesKeepTheMethod(t *testing.T) {
	p := NewResponseParser(Limits{})
	p.ExpectResponseTo("HEAD")
	p.ExpectResponseTo("GET")
	msgs, err := p.Feed([]byte(crlf("HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\nContent-Length: 5\n\nHTTP/1.1 200 OK\nContent-Length: 2\n\nok")))
	require.NoError(t, err)
	require.Len(t, msgs, 3)
	assert.Equal(t, "HEAD", msgs[0].RequestMethod)
	assert.Equal(t, "HEAD", msgs[1].RequestMethod)
	assert.Empty(t, msgs[1].Body)
	assert.Equal(t, int64(5), msgs[1].ContentLength)
	assert.Equal(t, "GET", msgs[2].RequestMethod)
	assert.Equal(t, "ok", string(msgs[2].Body))
}

func TestLimits(t *testing.T) {
	cases := []struct {
		name   string
		limits Limits
		stream string
		status int
	}{
		{"request line", Limits{MaxLineBytes: 16}, "GET /" + strings.Repeat("a", 20) + " HTTP/1.1\r\n\r\n", 414},
		{"request line unfinished", Limits{MaxLineBytes: 16}, "GET /" + strings.Repeat("a", 20), 414},
		{"status line", Limits{MaxLineBytes: 16}, "HTTP/1.1 200 " + strings.Repeat("O", 20) + "\r\n\r\n", 400},
		{"field line", Limits{MaxLineBytes: 30}, "GET / HTTP/1.1\r\nX: " + strings.Repeat("v", 40) + "\r\n\r\n", 431},
		{"head size", Limits{MaxHeaderBytes: 40}, "GET / HTTP/1.1\r\nX-One: 1\r\nX-Two: 2\r\nX-Three: 3\r\n\r\n", 431},
		{"field count", Limits{MaxHeaderFields: 2}, "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 431},
		{"declared body", Limits{MaxBodyBytes: 10}, "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", 413},
		{"chunked body", Limits{MaxBodyBytes: 10}, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n", 413},
		{"until close body", Limits{MaxBodyBytes: 10}, "HTTP/1.1 200 OK\r\n\r\n" + strings.Repeat("z", 11), 413},
		{"chunk line", Limits{}, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;" + strings.Repeat("e", 5000) + "\r\n", 400},
		{"trailer size", Limits{}, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + strings.Repeat("X-T: 1234567890\r\n", 300) + "\r\n", 431},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p *Parser
			if strings.HasPrefix(c.stream, "HTTP/") {
				p = NewResponseParser(c.limits)
			} else {
				p = NewRequestParser(c.limits)
			}
			_, err := p.Feed([]byte(c.stream))
			var perr *Error
			require.ErrorAs(t, err, &perr)
			assert.Equal(t, c.status, perr.Status, perr.Reason)
			// The error sticks.
			_, again := p.Feed([]byte("GET / HTTP/1.1\r\n\r\n"))
			assert.Same(t, perr, again)
			_, fin := p.Finish()
			assert.Same(t, perr, fin)
		})
	}
}

func TestLimitsHoldAtEverySplit(t *testing.T) {
	stream := []byte("GET / HTTP/1.1\r\nX-Long: " + strings.Repeat("v", 40) + "\r\nX-More: 1\r\n\r\n")
	for _, limits := range []Limits{{MaxLineBytes: 30}, {MaxHeaderBytes: 50}, {MaxLineBytes: 30, MaxHeaderBytes: 50}} {
		want, wantErr := parseWith(limits, [][]byte{stream})
		require.Error(t, wantErr)
		for i := range stream {
			got, err := parseWith(limits, [][]byte{stream[:i], stream[i:]})
			require.Equal(t, wantErr, err, "split at %d", i)
			require.Equal(t, want, got)
		}
	}
}

func parseWith(l Limits, pieces [][]byte) ([]Message, error) {
	p := NewRequestParser(l)
	var all []Message
	for _, b := range pieces {
		ms, err := p.Feed(b)
		all = append(all, ms...)
		if err != nil {
			return all, err
		}
	}
	ms, err := p.Finish()
	return append(all, ms...), err
}

func TestErrorStatusAndPosition(t *testing.T) {
	cases := []struct {
		stream string
		status int
		offset int64
		reason string
	}{
		{"GET / HTTP/3.0\r\n\r\n", 505, 6, "unsupported HTTP version"},
		{"GET /%zz HTTP/1.1\r\n\r\n", 400, 4, "invalid request target"},
		{"GET / HTTP/1.1\r\nA: 1\r\nB : 2\r\n\r\n", 400, 22, "whitespace between field name and colon"},
		{"GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n", 400, 22, "obsolete line folding"},
		{"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501, 0, "unsupported transfer coding"},
		{"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400, 0, "both Transfer-Encoding and Content-Length"},
	}
	for _, c := range cases {
		_, err := NewRequestParser(Limits{}).Feed([]byte(c.stream))
		var perr *Error
		require.ErrorAs(t, err, &perr, c.stream)
		assert.Equal(t, c.status, perr.Status, c.stream)
		assert.Equal(t, c.offset, perr.Offset, c.stream)
		assert.Contains(t, perr.Reason, c.reason)
		assert.Contains(t, err.Error(), "at byte")
	}
}

func TestKeepAlive(t *testing.T) {
	cases := []struct {
		stream string
		keep   bool
	}{
		{"GET / HTTP/1.1\r\n\r\n", true},
		{"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false},
		{"GET / HTTP/1.1\r\nConnection: keep-alive, CLOSE\r\n\r\n", false},
		{"GET / HTTP/1.0\r\n\r\n", false},
		{"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true},
		{"GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", false},
	}
	for _, c := range cases {
		msgs, err := NewRequestParser(Limits{}).Feed([]byte(c.stream))
		require.NoError(t, err)
		require.Len(t, msgs, 1)
		assert.Equal(t, c.keep, msgs[0].KeepAlive(), c.stream)
	}
}

func TestHeaderLookups(t *testing.T) {
	h := Header{{"Accept", "a"}, {"accept", "b"}, {"Connection", "Upgrade , keep-alive"}}
	assert.Equal(t, "a", h.Get("ACCEPT"))
	assert.Equal(t, []string{"a", "b"}, h.Values("accept"))
	assert.True(t, h.Has("connection"))
	assert.False(t, h.Has("Host"))
	assert.Equal(t, "", h.Get("Host"))
	assert.True(t, h.HasToken("Connection", "upgrade"))
	assert.True(t, h.HasToken("Connection", "Keep-Alive"))
	assert.False(t, h.HasToken("Connection", "close"))
}

func TestProgressLabels(t *testing.T) {
	p := NewRequestParser(Limits{})
	assert.Equal(t, "", p.Progress().Label())
	_, err := p.Feed([]byte("POST /up HT"))
	require.NoError(t, err)
	assert.Equal(t, "HTTP (partial start line)", p.Progress().Label())
	_, err = p.Feed([]byte("TP/1.1\r\nHost: s\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nab"))
	require.NoError(t, err)
	assert.Equal(t, "POST /up HTTP/1.1 (2 bytes of body so far)", p.Progress().Label())
}

func TestNames(t *testing.T) {
	assert.Equal(t, "chunk-data", PartChunkData.String())
	assert.Equal(t, "part 99", PartKind(99).String())
	assert.Equal(t, "chunked", ChunkedBody.String())
	assert.Equal(t, "until-close", UntilCloseBody.String())
	assert.Equal(t, "none", NoBody.String())
}

func TestChunkSizeLine(t *testing.T) {
	size, err := parseChunkSize([]byte("1a;name=\"v w\""), 100)
	require.Nil(t, err)
	assert.Equal(t, uint64(26), size)

	size, err = parseChunkSize([]byte("ff;"), 100)
	require.Nil(t, err, "an empty extension")
	assert.Equal(t, uint64(255), size)

	_, err = parseChunkSize([]byte("5;a\x01"), 100)
	require.NotNil(t, err)
	assert.Equal(t, int64(103), err.Offset, "the control byte's offset")

	_, err = parseChunkSize([]byte(";a"), 100)
	require.NotNil(t, err)
	assert.Equal(t, "empty chunk size", err.Reason)

	_, err = parseChunkSize([]byte("5\x01"), 100)
	require.NotNil(t, err, "no semicolon: the byte is part of the size")
	assert.Contains(t, err.Reason, "invalid chunk size")
}
