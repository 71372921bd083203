package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/trace"
)

// A note that names sequence numbers also says them counted from each
// side's ISN, as the arrows do: "segment at 1 lost", not for the
// random absolute number.
func TestNotesSayRelativeNumbersToo(t *testing.T) {
	var script string
	for _, ex := range examples.All() {
		if ex.Name == "09-fast-retransmit" {
			script = ex.Script
		}
	}
	require.NotEmpty(t, script)
	s := New(1)
	for _, line := range strings.Split(script, "\n") {
		if strings.TrimSpace(line) != "" {
			require.Nil(t, s.Exec(line).Err, line)
		}
	}
	var fast, retransmit *trace.Event
	for _, e := range s.Trace(0) {
		if e.Kind != trace.Note {
			continue
		}
		if strings.Contains(e.Text, "SACKed above it") {
			fast = &e
		}
		if strings.HasPrefix(e.Text, "retransmit ") && !strings.Contains(e.Text, "timer") {
			retransmit = &e
		}
	}
	require.NotNil(t, fast)
	require.NotNil(t, retransmit)
	assert.Regexp(t, `^segment at 1 lost \(3 segments SACKed above it\): fast retransmit, ssthresh \d+ segments$`, fast.Relative)
	assert.NotEqual(t, fast.Text, fast.Relative, "the absolute text keeps the wire's numbers")
	assert.Equal(t, "retransmit 1:1449 (1448 bytes)", retransmit.Relative)
}
