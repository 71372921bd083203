//go:build !js || pkt

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/pkt"
)

func TestPktReportJSONMatchesEncodingJSON(t *testing.T) {
	assertSameJSON(t, filled[pktReport]())
	assertSameJSON(t, pktReport{})
	src, err := os.ReadFile("../core/pkt/testdata/handshake.pkt")
	require.NoError(t, err)
	assertSameJSON(t, pktReport(pkt.Play("handshake.pkt", string(src), 1)))
}

func TestPktRunFromTheBridge(t *testing.T) {
	src, err := os.ReadFile("../core/pkt/testdata/handshake.pkt")
	require.NoError(t, err)
	b := realBridge()
	rep := value[pkt.Report](t, b.Call("pktRun", goArgs{"handshake.pkt", string(src)}))
	assert.True(t, rep.Pass)
	assert.Nil(t, rep.Err)
	assert.Equal(t, []string{"local", "192.0.2.1"}, rep.Hosts)
	assert.NotEmpty(t, rep.Events)

	bad := strings.Replace(string(src), "ack 2001 win 257", "ack 2001 win 257\n+0 > P. 2001:2002(1) ack 1", 1)
	rep = value[pkt.Report](t, b.Call("pktRun", goArgs{"bad.pkt", bad, "7"}))
	assert.False(t, rep.Pass)
	require.NotNil(t, rep.Err)
	assert.Equal(t, 19, rep.Err.Line)
	assert.Contains(t, rep.Err.Msg, "timing error")

	e := callError(t, b.Call("pktRun", goArgs{"x.pkt"}))
	assert.Contains(t, e.Message, "argument")
}
