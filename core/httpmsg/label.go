package httpmsg

import "strconv"

// Label describes the message in flight for a segment label:
// "GET / HTTP/1.1 (partial head)", "HTTP/1.1 200 OK (1000/3000 bytes of
// body)", "HTTP/1.1 200 OK (1000 bytes of body so far)".
func (p Progress) Label() string {
	switch {
	case !p.InMessage:
		return ""
	case p.Message.Major == 0:
		return "HTTP (partial start line)"
	case !p.HeadDone:
		return p.Message.StartLine() + " (partial head)"
	case p.BodyLength >= 0:
		return p.Message.StartLine() + " (" + strconv.FormatInt(p.BodyRead, 10) + "/" + strconv.FormatInt(p.BodyLength, 10) + " bytes of body)"
	}
	return p.Message.StartLine() + " (" + strconv.FormatInt(p.BodyRead, 10) + " bytes of body so far)"
}
