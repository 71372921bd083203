package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func site(t *testing.T, sw string, files map[string]string) string {
	dir := t.TempDir()
	files["sw.js"] = sw
	for name, text := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	return dir
}

const sw = "const BUILD = 'dev';\nconst PRECACHE = [];\n"

func TestWriteListsTheSiteAndNamesTheBuild(t *testing.T) {
	files := map[string]string{
		"index.html": "i", "js/main.mjs": "m", "sockplay.wasm": "w", "sockplay.wasm.br": "b", "sockplay.wasm.gz": "g",
		"sockplay-pkt.wasm": "p", "sockplay-notebook.html": "one file", "notebooks/a.md": "a",
	}
	dir := site(t, sw, files)
	n, build, err := write(dir)
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	got, _ := os.ReadFile(filepath.Join(dir, "sw.js"))
	assert.Equal(t, "const BUILD = '"+build+"';\nconst PRECACHE = [\"./\",\"index.html\",\"js/main.mjs\",\"notebooks/a.md\",\"sockplay.wasm\"];\n", string(got))

	files["notebooks/a.md"] = "changed"
	_, again, err := write(site(t, sw, files))
	require.NoError(t, err)
	assert.NotEqual(t, build, again, "a changed file is a new build")
	files["notebooks/a.md"] = "a"
	_, same, _ := write(site(t, sw, files))
	assert.Equal(t, build, same, "the same files are the same build")
}

func TestWriteRefusesAWorkerWithoutPlaceholders(t *testing.T) {
	dir := site(t, "const BUILD = 'abc';\n", map[string]string{"index.html": "i"})
	_, _, err := write(dir)
	assert.ErrorContains(t, err, "to fill")
}
