package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestGradeHelpListsTheFormats(t *testing.T) {
	out, _, code := runCLI(t, buildCLI(t), "", "grade", "--help")
	require.Equal(t, 0, code)
	for _, f := range []string{"text", "json", "junit", "tap", "gradescope"} {
		require.Contains(t, out, "--format "+f)
	}
}

func TestEveryBundledExercisePassesTheCheck(t *testing.T) {
	paths, err := filepath.Glob("../../exercises/*.md")
	require.NoError(t, err)
	out, errOut, code := runCLI(t, buildCLI(t), "", append([]string{"exercise", "check"}, paths...)...)
	require.Equal(t, 0, code, errOut)
	require.Equal(t, len(paths), strings.Count(out, ": ok ("))
}

func TestExerciseCheckNamesFileLineColumn(t *testing.T) {
	text, err := os.ReadFile("../../exercises/close-time-wait.md")
	require.NoError(t, err)
	bad := filepath.Join(t.TempDir(), "bad.md")
	// A goal the solution cannot meet: the server never enters TIME-WAIT.
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(string(text), "entered client TIME-WAIT\n", "entered server TIME-WAIT\n", 1)), 0o644))
	_, errOut, code := runCLI(t, buildCLI(t), "", "exercise", "check", bad)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, bad+":33:1: the reference solution does not meet goal client-time-wait (with the document's seed)")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(string(text), "entered client TIME-WAIT\n", "entered client TIME_WAIT\n", 1)), 0o644))
	_, errOut, code = runCLI(t, buildCLI(t), "", "exercise", "check", bad)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, bad+":34:16: no state TIME_WAIT")
}

func TestGradeAFolder(t *testing.T) {
	out, _, code := runCLI(t, buildCLI(t), "", "grade", "../../exercises/close-time-wait.md", "../../grade/testdata")
	require.Equal(t, 1, code, "not everyone solved it")
	require.Contains(t, out, "ada@example.edu  5/5, solved at par (4 lines, par 4)")
	require.Contains(t, out, "6 submission(s)")
	out, _, code = runCLI(t, buildCLI(t), "", "grade", "--format=json", "../../exercises/close-time-wait.md", "../../grade/testdata/ada.json")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"points": 5`)
	_, errOut, code := runCLI(t, buildCLI(t), "", "grade", "--format", "csv", "../../exercises/close-time-wait.md", "../../grade/testdata/ada.json")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `no format "csv"`)
}
