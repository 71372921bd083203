package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exercise new drafts a file that exercise check passes; bad flags are
// usage errors.
func TestExerciseNewDraftsAFileTheCheckPasses(t *testing.T) {
	bin := buildCLI(t)
	out, errOut, code := runCLI(t, bin, "", "exercise", "new", "--setup", "7", "--title", "A lost SYN", "--seed", "5", "../../examples/scripts/08-lost-syn.sock")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "  id: a-lost-syn\n")
	assert.Contains(t, out, "retransmit-timeout")
	path := filepath.Join(t.TempDir(), "draft.md")
	require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
	out, errOut, code = runCLI(t, bin, "", "exercise", "check", path)
	require.Equal(t, 0, code, errOut)
	assert.True(t, strings.HasSuffix(strings.TrimSpace(out), "par 3)"), out)

	_, errOut, code = runCLI(t, bin, "", "exercise", "new", "--setup", "99", "../../examples/scripts/08-lost-syn.sock")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--setup is 0 to")
}
