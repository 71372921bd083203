// Package httpmsg parses and builds HTTP/1.x messages (RFC 9112) as pure
// byte-level code: an incremental Parser that takes a TCP byte stream in
// arbitrary pieces and yields requests or responses, with the stream offsets
// of every part so the engine can label each segment with what it carries.
//
// Acceptance follows Go's net/http (http.ReadRequest, http.ReadResponse) and
// is never looser: where this package is stricter, README.md lists the case
// and the RFC rule behind it.
package httpmsg
