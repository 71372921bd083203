package script

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRepeatedStringIsBulkData(t *testing.T) {
	l, err := ParseLine(`client> send(c, "ab" * 3)`)
	require.NoError(t, err)
	s := l.Stmt.(*CallStmt).Call.Args[1].(*String)
	assert.Equal(t, "ababab", s.Bytes())
	assert.Equal(t, `client> send(c, "ab" * 3)`, Format(l))

	big, err := ParseLine(`client> send(c, "x" * 14600)`)
	require.NoError(t, err)
	assert.Len(t, big.Stmt.(*CallStmt).Call.Args[1].(*String).Bytes(), 14600)
}

func TestRepeatedStringErrors(t *testing.T) {
	for _, tc := range []struct{ line, msg string }{
		{`client> send(c, "x" * )`, "expected a count after `*`"},
		{`client> send(c, "x" * 0)`, "1 or more"},
		{`client> send(c, "x" * c)`, "expected a count after `*`"},
		{`client> send(c, "" * 5)`, "too much data"},
		{`client> send(c, "x" * 99999999)`, "too much data"},
	} {
		_, err := ParseLine(tc.line)
		require.Error(t, err, tc.line)
		assert.True(t, strings.Contains(err.Error(), tc.msg), "%s: %v", tc.line, err)
	}
}

func TestRepeatedStringDataIsItsBytes(t *testing.T) {
	for _, s := range []*String{{Value: "ab", Repeat: 5}, {Value: "x"}, {Value: ""}, {Value: "abc", Repeat: 1}, {Value: "é", Repeat: 3}} {
		assert.Equal(t, s.Bytes(), string(s.Data()))
	}
}
