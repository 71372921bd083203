package script

import (
	"testing"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var echoCall = CallSpec{
	Name:     "echo.serve",
	Params:   []Param{{Name: "fd", Kind: KindFD, Doc: "a listening socket"}},
	Keywords: []Param{{Name: "delay", Kind: KindDuration, Doc: "wait before echoing"}},
	Summary:  "echo every byte back",
	Detail:   "Accepts connections and sends back what arrives.",
	Returns:  "0",
	Errors:   []ErrorCase{{errno.EBADF, "fd is not open"}},
	Example:  "server> echo.serve(s, delay=10ms)",
}

func TestCatalogueWith(t *testing.T) {
	_, err := ParseLine("server> echo.serve(s)")
	require.Error(t, err, "the default catalogue does not know the call")

	cat, err := Default().With(echoCall)
	require.NoError(t, err)
	line, err := cat.ParseLine("server> echo.serve(s, delay=10ms)")
	require.NoError(t, err)
	assert.Equal(t, "echo.serve", line.Stmt.(*CallStmt).Call.Name)

	_, err = cat.ParseLine("server> echo.serve(s, delay=10)")
	assert.EqualError(t, err, "col 29: delay of echo.serve must be a duration such as 5s, not `10`")
	_, err = cat.ParseStatement("server", "echo.srve(s)")
	assert.EqualError(t, err, "col 1: unknown call `echo.srve`; did you mean `echo.serve`?")

	page, err := cat.Help("echo.serve")
	require.NoError(t, err)
	assert.Contains(t, page, "echo.serve(fd[, delay=DURATION]) — echo every byte back")
	index, err := cat.Help("")
	require.NoError(t, err)
	assert.Contains(t, index, "echo.* calls:")

	_, got := cat.Complete("server> echo.", 13, []string{"client", "server"}, nil)
	assert.Equal(t, []string{"echo.serve("}, got)

	_, ok := Default().Lookup("echo.serve")
	assert.False(t, ok, "With leaves the original catalogue alone")
}

func TestNewCatalogueRejectsBadTables(t *testing.T) {
	_, err := Default().With(socketCalls[0])
	assert.EqualError(t, err, "script: call socket is defined twice")

	bad := echoCall
	bad.Name = "echo serve"
	_, err = NewCatalogue([]CallSpec{bad})
	assert.EqualError(t, err, `script: bad call name "echo serve"`)

	bad = echoCall
	bad.Params = []Param{{Name: "a", Kind: KindInt, Optional: true}, {Name: "b", Kind: KindInt}}
	_, err = NewCatalogue([]CallSpec{bad})
	assert.EqualError(t, err, "script: echo.serve: required parameter b follows an optional one")

	bad = echoCall
	bad.Params = []Param{{Name: "a"}}
	_, err = NewCatalogue([]CallSpec{bad})
	assert.EqualError(t, err, "script: echo.serve: parameter a has no kind")

	bad = echoCall
	bad.Keywords = []Param{{Name: "", Kind: KindInt}}
	_, err = NewCatalogue([]CallSpec{bad})
	assert.EqualError(t, err, `script: echo.serve: bad keyword ""`)

	bad = echoCall
	bad.Detail = ""
	_, err = NewCatalogue([]CallSpec{bad})
	assert.EqualError(t, err, "script: echo.serve: summary, detail and returns are required for its help page")
}

func TestSignatures(t *testing.T) {
	want := map[string]string{
		"socket":     "socket(domain, type[, protocol])",
		"bind":       "bind(fd, addr)",
		"accept":     "accept(fd)",
		"sendto":     "sendto(fd, data, flags, addr)",
		"poll":       "poll(fds, timeout)",
		"http.serve": "http.serve(fd[, version=1.1][, idle=DURATION][, max=N])",
	}
	for name, sig := range want {
		spec, ok := Default().Lookup(name)
		require.True(t, ok, name)
		assert.Equal(t, sig, spec.Signature())
	}
	assert.Equal(t, "f([a][, k=N])", (&CallSpec{Name: "f", Params: []Param{{Name: "a", Optional: true}}, Keywords: []Param{{Name: "k", Kind: KindInt}}}).Signature())
	assert.Equal(t, "f([k=N])", (&CallSpec{Name: "f", Keywords: []Param{{Name: "k", Kind: KindInt}}}).Signature())
}

func TestTheIssuesCallsAreAllThere(t *testing.T) {
	for _, name := range []string{"socket", "bind", "listen", "accept", "connect", "send", "recv", "read", "write",
		"sendto", "recvfrom", "shutdown", "close", "setsockopt", "getsockopt", "getsockname", "getpeername", "fcntl", "poll",
		"http.serve", "http.get", "ws.connect", "ws.send"} {
		_, ok := Default().Lookup(name)
		assert.True(t, ok, name)
	}
	assert.Equal(t, "http", (&CallSpec{Name: "http.serve"}).Library())
	assert.Equal(t, "", (&CallSpec{Name: "bind"}).Library())
}

func TestUnknownVariable(t *testing.T) {
	line := mustParse(t, "server> poll([{s, POLLIN}, {cc, POLLOUT}], timeout)")
	cc := line.Stmt.(*CallStmt).Call.Args[0].(*List).Elems[1].(*Struct).Fields[0].(*Var)
	assert.Equal(t, "col 29: no variable `cc` on server; did you mean `c`?", UnknownVariable(cc, "server", []string{"s", "c", "timeout"}).Error())
	assert.Equal(t, "col 29: no variable `cc` on server; this host has no variables yet; make one with cc = socket(AF_INET, SOCK_STREAM)",
		UnknownVariable(cc, "server", nil).Error())
	assert.Equal(t, "col 29: no variable `cc` on server; this host's variables are aa, listener, zz",
		UnknownVariable(cc, "server", []string{"zz", "listener", "aa"}).Error())
}

func TestCheckSkipsCommands(t *testing.T) {
	assert.NoError(t, Default().Check(mustParse(t, "net> step")))
	assert.NoError(t, Default().Check(nil))
	line := mustParse(t, "server> bind(s, *:80)")
	line.Stmt.(*CallStmt).Call.Args = nil
	assert.EqualError(t, Default().Check(line), "col 21: bind takes 2 arguments: bind(fd, addr); fd is missing")
}

func TestConstants(t *testing.T) {
	want := map[string]int64{
		"AF_INET": 2, "SOCK_STREAM": 1, "SOCK_DGRAM": 2, "IPPROTO_TCP": 6, "IPPROTO_UDP": 17,
		"SHUT_RD": 0, "SHUT_WR": 1, "SHUT_RDWR": 2, "SOL_SOCKET": 1, "SO_REUSEADDR": 2, "SO_KEEPALIVE": 9,
		"SO_LINGER": 13, "SO_RCVBUF": 8, "SO_SNDBUF": 7, "SO_ERROR": 4, "SO_TYPE": 3, "TCP_NODELAY": 1,
		"TCP_MAXSEG": 2, "TCP_KEEPIDLE": 4, "TCP_KEEPINTVL": 5, "TCP_KEEPCNT": 6, "TCP_USER_TIMEOUT": 18,
		"F_GETFL": 3, "F_SETFL": 4, "O_NONBLOCK": 2048, "SOCK_NONBLOCK": 2048, "POLLIN": 1, "POLLPRI": 2,
		"POLLOUT": 4, "POLLERR": 8, "POLLHUP": 16, "POLLNVAL": 32, "POLLRDHUP": 0x2000, "MSG_PEEK": 2,
		"MSG_DONTWAIT": 0x40, "MSG_WAITALL": 0x100, "MSG_NOSIGNAL": 0x4000,
	}
	for name, v := range want {
		c, ok := LookupConstant(name)
		require.True(t, ok, name)
		assert.Equal(t, v, c.Value, name)
	}
	seen := map[string]bool{}
	for _, c := range Constants() {
		assert.False(t, seen[c.Name], "%s twice", c.Name)
		seen[c.Name] = true
		assert.True(t, looksLikeConstant(c.Name), c.Name)
	}
	assert.False(t, looksLikeConstant("S"))
	assert.False(t, looksLikeConstant("Sock"))
	assert.True(t, looksLikeConstant("FD"))
}
