package websocket

import (
	"strconv"

	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/internal/text"
)

// acceptGUID is the fixed string RFC 6455 4.2.2 appends to the key.
const acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// Version is the only protocol version, sent in Sec-WebSocket-Version.
const Version = "13"

// AcceptKey computes Sec-WebSocket-Accept for a Sec-WebSocket-Key: the
// base64 of the SHA-1 of key and the GUID (RFC 6455 4.2.2 step 5.4).
func AcceptKey(key string) string {
	sum := sha1Sum([]byte(key + acceptGUID))
	return string(text.AppendBase64(nil, sum[:]))
}

// NewKey encodes 16 nonce bytes as a Sec-WebSocket-Key (RFC 6455 4.1);
// the engine draws them from its seed.
func NewKey(nonce [16]byte) string {
	return string(text.AppendBase64(nil, nonce[:]))
}

// validKey reports whether key is the base64 of 16 bytes, as a strict
// decoder reads it: 22 digits whose last 4 bits are zero, then "==".
func validKey(key string) bool {
	if len(key) != 24 || key[22:] != "==" {
		return false
	}
	for i := 0; i < 22; i++ {
		if text.Base64Index(key[i]) < 0 {
			return false
		}
	}
	return text.Base64Index(key[21])&0x0f == 0
}

// NewRequest returns the opening handshake a client sends (RFC 6455 4.1).
func NewRequest(host, target, key string) httpmsg.Message {
	return httpmsg.NewRequest("GET", target, httpmsg.Header{
		{Name: "Host", Value: host},
		{Name: "Upgrade", Value: "websocket"},
		{Name: "Connection", Value: "Upgrade"},
		{Name: "Sec-WebSocket-Key", Value: key},
		{Name: "Sec-WebSocket-Version", Value: Version},
	}, nil)
}

// HandshakeError is a refused opening handshake; Status is the HTTP status
// a server answers with (400, or 426 for another version, RFC 6455 4.4).
type HandshakeError struct {
	Status int
	Reason string
}

func (e *HandshakeError) Error() string { return "websocket: handshake: " + e.Reason }

func refuse(status int, reason string) *HandshakeError {
	return &HandshakeError{Status: status, Reason: reason}
}

// CheckRequest validates a client's opening handshake as a server must
// (RFC 6455 4.2.1) and returns its key.
func CheckRequest(req *httpmsg.Message) (key string, err error) {
	switch {
	case req.Response:
		return "", refuse(400, "not a request")
	case req.Method != "GET":
		return "", refuse(400, "method "+req.Method+", not GET")
	case req.Major == 1 && req.Minor < 1:
		return "", refuse(400, req.Proto()+" is older than HTTP/1.1")
	case !req.Header.Has("Host"):
		return "", refuse(400, "no Host field")
	case !req.Header.HasToken("Upgrade", "websocket"):
		return "", refuse(400, "Upgrade field does not name websocket")
	case !req.Header.HasToken("Connection", "Upgrade"):
		return "", refuse(400, "Connection field does not name Upgrade")
	}
	keys := req.Header.Values("Sec-WebSocket-Key")
	if len(keys) != 1 || !validKey(keys[0]) {
		return "", refuse(400, "Sec-WebSocket-Key must be one base64 16-byte nonce, got "+text.QuoteList(keys))
	}
	if versions := req.Header.Values("Sec-WebSocket-Version"); len(versions) != 1 || versions[0] != Version {
		return "", refuse(426, "Sec-WebSocket-Version "+text.QuoteList(versions)+", only "+Version+" is spoken")
	}
	return keys[0], nil
}

// AcceptResponse is the server's 101 answer to a handshake with key
// (RFC 6455 4.2.2).
func AcceptResponse(key string) httpmsg.Message {
	return httpmsg.NewResponse(101, httpmsg.Header{
		{Name: "Upgrade", Value: "websocket"},
		{Name: "Connection", Value: "Upgrade"},
		{Name: "Sec-WebSocket-Accept", Value: AcceptKey(key)},
	}, nil)
}

// RejectResponse is the server's answer to a refused handshake; a version
// mismatch names the version spoken (RFC 6455 4.4).
func RejectResponse(e *HandshakeError) httpmsg.Message {
	h := httpmsg.Header{{Name: "Content-Type", Value: "text/plain"}}
	if e.Status == 426 {
		h = append(h, httpmsg.Field{Name: "Sec-WebSocket-Version", Value: Version})
	}
	return httpmsg.NewResponse(e.Status, h, []byte(e.Reason+"\n"))
}

// CheckResponse validates the server's answer as a client must (RFC 6455
// 4.1, last list): 101, Upgrade and Connection, the right accept value, and
// no extension or subprotocol that was not asked for.
func CheckResponse(resp *httpmsg.Message, key string) error {
	switch {
	case !resp.Response:
		return refuse(0, "not a response")
	case resp.Status != 101:
		return refuse(0, "status "+strconv.Itoa(resp.Status)+", not 101")
	case !resp.Header.HasToken("Upgrade", "websocket"):
		return refuse(0, "Upgrade field does not name websocket")
	case !resp.Header.HasToken("Connection", "Upgrade"):
		return refuse(0, "Connection field does not name Upgrade")
	case resp.Header.Get("Sec-WebSocket-Accept") != AcceptKey(key):
		return refuse(0, "Sec-WebSocket-Accept "+strconv.Quote(resp.Header.Get("Sec-WebSocket-Accept"))+", want "+strconv.Quote(AcceptKey(key)))
	case resp.Header.Has("Sec-WebSocket-Extensions"):
		return refuse(0, "extension "+strconv.Quote(resp.Header.Get("Sec-WebSocket-Extensions"))+" was not requested")
	case resp.Header.Has("Sec-WebSocket-Protocol"):
		return refuse(0, "subprotocol "+strconv.Quote(resp.Header.Get("Sec-WebSocket-Protocol"))+" was not requested")
	}
	return nil
}
