package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGraphWritesSVG draws every kind of graph of the bulk transfer and
// checks each is well-formed SVG holding what it should.
func TestGraphWritesSVG(t *testing.T) {
	script, err := os.ReadFile("../../examples/scripts/17-bulk-under-loss.sock")
	require.NoError(t, err)
	for kind, want := range map[string][]string{
		"stevens":    {"<circle", "retransmit-fast", "(lost)", "10.0.0.2:80 → 10.0.0.1:34884"},
		"tcptrace":   {"<title>ACK</title>", "<title>receive window</title>", "<title>SACK ", "#d62728"},
		"cwnd":       {"<title>cwnd</title>", "<title>ssthresh</title>", "<title>slow-start</title>", "<title>recovery</title>", "<title>congestion-avoidance</title>"},
		"throughput": {"<title>sent</title>", "<title>goodput</title>", "bits per second"},
		"rtt":        {"<title>SRTT</title>", "<title>RTO</title>", "<title>sample "},
	} {
		var out, errOut bytes.Buffer
		require.Equal(t, 0, run([]string{"graph", "--kind", kind, "-"}, bytes.NewReader(script), &out, &errOut), errOut.String())
		svg := out.String()
		dec := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, kind)
		}
		assert.True(t, strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg"`), kind)
		for _, w := range want {
			assert.Contains(t, svg, w, kind)
		}
	}
}

func TestGraphRefusesBadArguments(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, run([]string{"graph", "--kind", "pie", "-"}, strings.NewReader(""), &out, &errOut))
	assert.Contains(t, errOut.String(), "--kind is one of")
	errOut.Reset()
	assert.Equal(t, 1, run([]string{"graph", "--conn", "3", "-"}, strings.NewReader("# nothing\n"), &out, &errOut))
	assert.Equal(t, "sockplay: no TCP connection 3 (the script has 0)\n", errOut.String())
}

func TestTicksAreRound(t *testing.T) {
	assert.Equal(t, []float64{0, 1, 2, 3, 4}, ticks(0, 4.1))
	assert.Equal(t, []float64{0.02, 0.04, 0.06, 0.08, 0.1}, ticks(0.015, 0.1))
	assert.Equal(t, []float64{0, 200000, 400000, 600000, 800000, 1e6}, ticks(0, 1.1e6))
}
