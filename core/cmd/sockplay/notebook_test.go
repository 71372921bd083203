package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cliNotebook = "---\nseed: 3\n---\n# Title\n\n```sock\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> listen(s, 5)\n```\n\n```sock id=two\nclient> c = socket(AF_INET, SOCK_STREAM)\n```\n"

func TestNotebookFmtThenCheck(t *testing.T) {
	bin := buildCLI(t)
	name := filepath.Join(t.TempDir(), "nb.md")
	require.NoError(t, os.WriteFile(name, []byte(cliNotebook), 0o644))
	out, _, code := runCLI(t, bin, "", "notebook", "check", name)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, name+":6: cell cell-1 has no digest")
	assert.Contains(t, out, "0 of 2 cells reproduce, 0 do not, 2 have no digest")

	_, errOut, code := runCLI(t, bin, "", "notebook", "fmt", name)
	require.Equal(t, 0, code, errOut)
	b, _ := os.ReadFile(name)
	assert.Regexp(t, "```sock id=cell-1 digest=[0-9a-f]{12}\nserver> s = socket", string(b))
	assert.Regexp(t, "```sock id=two digest=[0-9a-f]{12}\n", string(b))
	assert.True(t, strings.HasPrefix(string(b), "---\nseed: 3\n---\n# Title\n\n"), "fmt changes only the fences")
	out, _, code = runCLI(t, bin, "", "notebook", "check", name)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "2 of 2 cells reproduce")

	// An edit without fmt: the digest no longer holds.
	require.NoError(t, os.WriteFile(name, []byte(strings.Replace(string(b), "listen(s, 5)", "listen(s, 6)", 1)), 0o644))
	_, errOut, code = runCLI(t, bin, "", "notebook", "check", name)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, name+":6: cell cell-1 no longer reproduces: digest ")
}

func TestNotebookReportsFileLineColumn(t *testing.T) {
	bin := buildCLI(t)
	name := filepath.Join(t.TempDir(), "bad.md")
	require.NoError(t, os.WriteFile(name, []byte("text\n\n```sock id=a\nserver> s = socket(AF_INET, SOCK_STREAM)\n  server> lisen(s, 5)\n```\n"), 0o644))
	for _, cmd := range []string{"check", "fmt"} {
		_, errOut, code := runCLI(t, bin, "", "notebook", cmd, name)
		assert.Equal(t, 1, code, cmd)
		assert.True(t, strings.HasPrefix(errOut, name+":5:11: "), "%s: %s", cmd, errOut)
	}
	require.NoError(t, os.WriteFile(name, []byte("```sock id=a/b\n```\n"), 0o644))
	_, errOut, code := runCLI(t, bin, "", "notebook", "check", name)
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(errOut, name+":1:12: a cell id is"), errOut)
	_, _, code = runCLI(t, bin, "", "notebook", "nope")
	assert.Equal(t, 2, code)
}

func TestNotebookIpynbRoundTrip(t *testing.T) {
	bin := buildCLI(t)
	dir := t.TempDir()
	name := filepath.Join(dir, "nb.md")
	require.NoError(t, os.WriteFile(name, []byte(cliNotebook), 0o644))
	out, errOut, code := runCLI(t, bin, "", "notebook", "ipynb", name)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `"nbformat_minor": 5`)
	assert.Contains(t, out, `"text/plain"`)
	back, errOut, code := runCLI(t, bin, out, "notebook", "ipynb", "--import", "-")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, cliNotebook, back)
	_, errOut, code = runCLI(t, bin, "{", "notebook", "ipynb", "--import", "-")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "not a Jupyter notebook")
}

func TestNotebookRunWritesOutputs(t *testing.T) {
	bin := buildCLI(t)
	dir := t.TempDir()
	name := filepath.Join(dir, "nb.md")
	require.NoError(t, os.WriteFile(name, []byte(cliNotebook), 0o644))
	out, errOut, code := runCLI(t, bin, "", "notebook", "run", name)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "server> listen(s, 5)\n```\n\n```text\nserver> s = socket(AF_INET, SOCK_STREAM)\n= 3\n")
	page := filepath.Join(dir, "nb.html")
	_, errOut, code = runCLI(t, bin, "", "notebook", "html", "-o", page, name)
	require.Equal(t, 0, code, errOut)
	b, _ := os.ReadFile(page)
	assert.Contains(t, string(b), "<h1>Title</h1>")
	assert.Contains(t, string(b), "<pre class=\"transcript\">")
	out, _, code = runCLI(t, bin, "", "notebook", "run", "--to", "ipynb", name)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, `"nbformat": 4`)

	require.NoError(t, os.WriteFile(name, []byte(strings.Replace(cliNotebook, "listen(s, 5)", "listen(q, 5)", 1)), 0o644))
	out, errOut, code = runCLI(t, bin, "", "notebook", "run", "--to", "md", name)
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(errOut, name+":8:16: "), errOut)
	assert.Contains(t, out, "error: 8:16: no variable `q`")
	_, _, code = runCLI(t, bin, "", "notebook", "run", "--to", "pdf", name)
	assert.Equal(t, 2, code)
}
