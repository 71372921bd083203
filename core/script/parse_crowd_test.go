package script

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCrowdParsesAndFormatsBack(t *testing.T) {
	line := mustParse(t, `net> crowd 1000 from 10.1.0.0/16 over 2s run c = socket(AF_INET, SOCK_STREAM);connect(c, server:80) ; send(c, "x" * 1024); close(c)  # a crowd`)
	cmd := line.Stmt.(*Command)
	assert.Equal(t, "crowd", cmd.Name)
	require.Len(t, cmd.Args, 3)
	assert.EqualValues(t, 1000, cmd.Args[0].(*Int).Value)
	assert.Equal(t, "10.1.0.0", cmd.Args[1].(*Prefix).Addr.String())
	assert.Equal(t, 16, cmd.Args[1].(*Prefix).Bits)
	assert.Equal(t, 2*time.Second, cmd.Args[2].(*Duration).Value)
	require.Len(t, cmd.Script, 4)
	assert.Equal(t, "c", cmd.Script[0].Target.Name)
	assert.Equal(t, "send", cmd.Script[2].Call.Name)
	assert.Equal(t, `net> crowd 1000 from 10.1.0.0/16 over 2s run c = socket(AF_INET, SOCK_STREAM); connect(c, server:80); send(c, "x" * 1024); close(c)  # a crowd`, Format(line))
	assert.Equal(t, Format(line), Format(mustParse(t, Format(line))))

	short := mustParse(t, "net> crowd 3 from 10.9.0.0/24 run c = socket(AF_INET, SOCK_STREAM)")
	assert.Equal(t, "net> crowd 3 from 10.9.0.0/24 run c = socket(AF_INET, SOCK_STREAM)", Format(short))
}

func TestCrowdHelpAndSemicolonsElsewhere(t *testing.T) {
	page, err := Help("crowd")
	require.NoError(t, err)
	assert.Contains(t, page, crowdUsage)
	_, err = ParseLine("client> close(c); close(d)")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "one statement per line")
	_, err = ParseLine("client> connect(c, 10.0.0.2/24)")
	require.Error(t, err, "a network is no address")
}

func TestParseLoop(t *testing.T) {
	l := mustParse(t, `net> loop server run a = accept(s); recv(a, 1024); close(a)`)
	cmd := l.Stmt.(*Command)
	assert.Equal(t, "loop", cmd.Name)
	assert.Equal(t, "server", cmd.Args[0].(*Name).Name)
	require.Len(t, cmd.Script, 3)
	assert.Equal(t, "net> loop server run a = accept(s); recv(a, 1024); close(a)", Format(l))
	for line, msg := range map[string]string{
		"net> loop 3 run close(3)":         "expected the host that runs the loop",
		"net> loop server close(3)":        "expected `run`",
		"net> loop server run":             "expected a socket call",
		"net> loop server run http.get(a)": "takes socket calls",
	} {
		assert.Contains(t, parseError(t, line).Error(), msg, line)
	}
}
