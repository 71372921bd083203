package script

import (
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHelpPageForEveryCall(t *testing.T) {
	for _, spec := range Default().Calls() {
		page, err := Help(spec.Name)
		require.NoError(t, err, spec.Name)
		assert.True(t, strings.HasPrefix(page, spec.Signature()+" — "+spec.Summary), spec.Name)
		assert.Contains(t, page, "Returns: ", spec.Name)
		for _, p := range append(spec.Params, spec.Keywords...) {
			assert.NotEmpty(t, p.Doc, "%s: %s has no doc", spec.Name, p.Name)
			assert.Contains(t, page, "  "+p.Name, spec.Name)
		}
		require.NotEmpty(t, spec.Errors, "%s lists no errors", spec.Name)
		for _, e := range spec.Errors {
			_, named := errno.ByName(e.Errno.Name())
			assert.True(t, named, "%s: unnamed errno %d", spec.Name, e.Errno)
			assert.Contains(t, page, "  "+e.Errno.Name()+"  ", spec.Name)
			assert.NotEmpty(t, e.When)
		}
		// The example is a valid line and calls what it documents.
		require.NotEmpty(t, spec.Example, spec.Name)
		for _, text := range splitLines(spec.Example) {
			line := mustParse(t, text)
			assert.Equal(t, spec.Name, line.Stmt.(*CallStmt).Call.Name, text)
		}
		assert.Contains(t, page, "Example:\n  "+spec.Example)
	}
}

func TestHelpPageForEveryCommandAndConstant(t *testing.T) {
	for _, cmd := range commands {
		page, err := Help(cmd.name)
		require.NoError(t, err)
		assert.Contains(t, page, cmd.summary)
		line := mustParse(t, cmd.example)
		assert.Equal(t, cmd.name, line.Stmt.(*Command).Name, cmd.example)
	}
	for _, k := range Constants() {
		page, err := Help(k.Name)
		require.NoError(t, err)
		assert.Contains(t, page, k.Name+" = ")
		assert.NotEmpty(t, k.Doc, k.Name)
	}
	page, err := Help("SO_LINGER")
	require.NoError(t, err)
	assert.Equal(t, "SO_LINGER = 13 (0xd) — {onoff, seconds}: what close does with unsent data; {1, 0} resets the connection\n\n"+
		"Used by: setsockopt (optname), getsockopt (optname)\n", page)
	page, err = Help("syntax")
	require.NoError(t, err)
	assert.Contains(t, page, "poll([{c, POLLIN}, {a, POLLOUT}], 1000)")
}

func TestHelpIndexListsEverything(t *testing.T) {
	index, err := Help("")
	require.NoError(t, err)
	for _, spec := range Default().Calls() {
		assert.Contains(t, index, "  "+spec.Signature(), spec.Name)
	}
	for _, cmd := range commands {
		assert.Contains(t, index, "  "+cmd.usage()[0], cmd.name)
	}
	for _, title := range []string{"Socket calls", "http.* calls", "ws.* calls", "Host commands", "Network commands", "Session commands"} {
		assert.Contains(t, index, title)
	}
	for _, l := range strings.Split(index, "\n") {
		assert.LessOrEqual(t, len([]rune(l)), helpWidth+1, l)
	}
	assert.Less(t, strings.Index(index, "Socket calls"), strings.Index(index, "http.* calls"))
}

func TestHelpUnknownTopic(t *testing.T) {
	_, err := Help("conect")
	require.Error(t, err)
	assert.Equal(t, "no help for `conect`; did you mean `connect`?", err.Error())
	_, err = Help("xyzzy")
	assert.Equal(t, "no help for `xyzzy`; `help` lists every topic", err.Error())
}

func TestHelpCommandPage(t *testing.T) {
	page, err := Help("dup")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(page, "dup [N] | dup [FROM>TO] P% — duplicate packet N in flight, or P% of packets\n\n"), page)
	assert.True(t, strings.HasSuffix(page, "Example:\n  net> dup 1\n"), page)
}

func TestWrap(t *testing.T) {
	assert.Equal(t, "  aa bb\n  cc\n", wrap("aa bb cc", 2, 8))
	assert.Equal(t, "aa\n\nbb\n", wrap("aa\n\nbb", 0, 10))
	assert.Equal(t, "verylongword\n", wrap("verylongword", 0, 4))
}
