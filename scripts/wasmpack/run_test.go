package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Go program built for the browser still runs, under Node, once packed.
func TestPackedGoProgramRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a wasm program")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node")
	}
	dir := t.TempDir()
	src := `package main

import "fmt"

var table = map[string]int{"one": 1, "two": 2}

func main() { fmt.Println("packed", table["two"], fmt.Sprint(3.5)) }
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644))
	wasm := filepath.Join(dir, "hello.wasm")
	build := exec.Command("go", "build", "-o", wasm, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	module, err := os.ReadFile(wasm)
	require.NoError(t, err)
	packed, err := pack(module)
	require.NoError(t, err)
	assert.Less(t, len(dataSection(t, packed)), len(dataSection(t, module))*2, "zeros filled in, not more")
	require.NoError(t, os.WriteFile(wasm, packed, 0o644))

	run := exec.Command(node, filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec_node.js"), wasm)
	out, err = run.CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "packed 2 3.5\n", string(out))
}
