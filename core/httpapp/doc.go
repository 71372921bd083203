// Package httpapp runs HTTP and WebSocket over sockplay's virtual TCP: a
// server app that answers from a small built-in site (Server), a client
// app behind the session's http.* and ws.* calls (Client), and a labeler
// that names what every TCP segment carries by parsing each connection's
// byte stream (Labeler). Both apps use only the host's ordinary socket
// calls, so every byte they move is a real segment in the trace.
package httpapp
