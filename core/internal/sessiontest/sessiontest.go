// Package sessiontest holds what the tests that drive random sessions
// share (session's fuzzer, goal's property test): the socket calls such
// sessions are made of. Only tests import it.
package sessiontest

// Calls are a server's and a client's socket calls around one connection
// (the server's s listens on port 80 and accepts a, the client's c
// connects to it), to be run in any order: valid in some, wrong in others
// (wrong states, closed fds). Each test adds lines of its own. The order
// stays: a fuzz corpus names lines by their index.
var Calls = []string{
	"server> s = socket(AF_INET, SOCK_STREAM)", "server> bind(s, 0.0.0.0:80)", "server> listen(s, 1)",
	"server> a = accept(s)", "client> c = socket(AF_INET, SOCK_STREAM)", "client> connect(c, server:80)",
	"client> send(c, \"hello\")", "server> send(a, \"x\" * 3000)", "server> recv(a, 100)", "client> recv(c, 5000)",
	"client> close(c)", "server> close(a)", "client> shutdown(c, SHUT_WR)",
}
