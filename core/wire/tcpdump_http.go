package wire

import "strings"

// httpMethods are the request names tcpdump's http_print recognises
// (print-http.c), WebDAV's included.
var httpMethods = []string{
	"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY",
	"BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK",
	"REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN",
	"PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND",
	"BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE",
	"RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL",
}

// maxToken is tcpdump's MAX_TOKEN: longer words are not commands.
const maxToken = 128

// httpText follows txtproto_print as http_print calls it: "HTTP", then the
// first line when the payload starts a request or a response. b is the
// captured payload, length the payload length the headers claim.
func httpText(w *strings.Builder, b []byte, length int) {
	show := false
	if token, next := fetchToken(b, 0, length); next != 0 {
		for _, m := range httpMethods {
			if strings.EqualFold(token, m) {
				show = true
				break
			}
		}
		// A response has its status code as the second word.
		token, next = fetchToken(b, next, length)
		if next != 0 && len(token) == 3 && isDigit(token[0]) && isDigit(token[1]) && isDigit(token[2]) {
			show = true
		}
	}
	w.WriteString("HTTP")
	if show {
		printTextLine(w, ": ", b, length)
	}
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isPrintable(c byte) bool { return ' ' <= c && c <= '~' }

// fetchToken reads the word starting at i and skips the blanks after it.
// It returns 0 for next when there is no usable word, as tcpdump does.
func fetchToken(b []byte, i, length int) (token string, next int) {
	start := i
	for ; i < length; i++ {
		if i >= len(b) || b[i] >= 0x80 {
			return "", 0
		}
		c := b[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			break
		}
		if !isPrintable(c) || i-start+2 > maxToken+1 {
			return "", 0
		}
	}
	if i == start {
		return "", 0
	}
	token = string(b[start:i])
	for ; i < length && i < len(b); i++ {
		c := b[i]
		if c == '\r' || c == '\n' || !isPrintable(c) || c != ' ' {
			break
		}
	}
	return token, i
}

// printTextLine prints the first line of b after prefix, if it is
// printable text ending in LF or CRLF; a line running to the end of the
// payload prints as truncated.
func printTextLine(w *strings.Builder, prefix string, b []byte, length int) {
	for i := 0; i < length; i++ {
		if i >= len(b) {
			// Past the capture: tcpdump's GET_U_1 gives up mid-line.
			trunc(w, "http")
			return
		}
		switch c := b[i]; {
		case c == '\n':
			w.WriteString(prefix + string(b[:i]))
			return
		case c == '\r':
			if i+1 >= length {
				return
			}
			if i+1 >= len(b) {
				trunc(w, "http")
				return
			}
			if b[i+1] == '\n' {
				w.WriteString(prefix + string(b[:i]))
			}
			return
		case !isPrintable(c) && c != '\t':
			return
		}
	}
	w.WriteString(prefix + string(b[:min(length, len(b))]))
	trunc(w, "http")
}
