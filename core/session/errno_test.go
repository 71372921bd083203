package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/trace"
)

// A call that runs and fails names its errno, so a page can colour it as a
// failure without reading the printed text; a success names none.
func TestFailedCallsNameTheirErrno(t *testing.T) {
	s := New(1)
	for _, line := range []string{
		"client> c = socket(AF_INET, SOCK_STREAM)",
		"client> connect(c, server:80)", // blocks: nothing listens yet
	} {
		o := s.Exec(line)
		require.Nil(t, o.Err, line)
		assert.Empty(t, o.Errno, line)
	}

	o := s.Exec("net> run")
	require.Len(t, o.Late, 1)
	assert.Equal(t, "ECONNREFUSED", o.Late[0].Errno, o.Late[0].Text)
	var result *trace.Event
	for i, e := range o.Events {
		if e.Kind == trace.Result {
			result = &o.Events[i]
		}
	}
	require.NotNil(t, result)
	assert.Equal(t, "ECONNREFUSED", result.Errno, result.Text)

	o = s.Exec("server> accept(9)")
	require.Nil(t, o.Err)
	assert.Equal(t, "EBADF", o.Errno, o.Lines)
	o = s.Exec("server> s = socket(AF_INET, SOCK_STREAM)")
	assert.Empty(t, o.Errno, o.Lines)
	o = s.Exec("server> accept(s)")
	assert.Equal(t, "EINVAL", o.Errno, o.Lines)

	// The call log tells the same errnos, from the same record.
	var errnos []string
	for _, c := range s.Calls(0) {
		errnos = append(errnos, c.Errno)
	}
	assert.Equal(t, []string{"", "ECONNREFUSED", "EBADF", "", "EINVAL"}, errnos)
}
