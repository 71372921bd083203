package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in core/examples/golden")

var cliPath string

// TestMain compiles the command once so tests run it as a process, exit
// codes included.
func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "sockplay-cli")
	if err != nil {
		panic(err)
	}
	cliPath = filepath.Join(dir, "sockplay")
	if out, err := exec.Command("go", "build", "-o", cliPath, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildCLI(t *testing.T) string {
	t.Helper()
	return cliPath
}

func runCLI(t *testing.T, bin string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return o.String(), e.String(), code
}

func TestExamplesMatchGoldenTranscripts(t *testing.T) {
	bin := buildCLI(t)
	scripts, err := filepath.Glob("../../examples/scripts/*.sock")
	require.NoError(t, err)
	require.NotEmpty(t, scripts)
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".sock")
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runCLI(t, bin, "", "run", script)
			require.Equal(t, 0, code, "stderr: %s", errOut)
			golden := filepath.Join("../../examples/golden", name+".txt")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "no golden transcript; run go test ./core/cmd/sockplay -update")
			assert.Equal(t, string(want), out)
		})
	}
}

func TestRunFailsWithFileLineColumn(t *testing.T) {
	bin := buildCLI(t)
	dir := t.TempDir()
	script := filepath.Join(dir, "bad.sock")
	require.NoError(t, os.WriteFile(script, []byte("server> s = socket(AF_INET, SOCK_STREAM)\n\nserver> lisen(s, 5)\nserver> listen(s, 5)\n"), 0o644))
	out, errOut, code := runCLI(t, bin, "", "run", script)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "= 3", "lines before the failing one still print")
	assert.True(t, strings.HasPrefix(errOut, script+":3:9: "), errOut)
	assert.Contains(t, errOut, "listen")
}

func TestRunFromStdinAndTraceModes(t *testing.T) {
	bin := buildCLI(t)
	script := "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\n" +
		"client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n"
	out, _, code := runCLI(t, bin, script, "run", "--trace=tcpdump", "-")
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3, out)
	assert.Contains(t, lines[0], "IP 10.0.0.1.")
	assert.Contains(t, lines[0], "> 10.0.0.2.80: Flags [S], seq ")
	assert.Contains(t, lines[1], "Flags [S.]")
	assert.Contains(t, lines[2], "Flags [.], ack 1,")

	out, _, code = runCLI(t, bin, script, "run", "--trace=json", "-")
	require.Equal(t, 0, code)
	assert.Contains(t, out, `"kind":"send"`)
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		assert.True(t, strings.HasPrefix(l, "{") && strings.HasSuffix(l, "}"), l)
	}

	pcap := filepath.Join(t.TempDir(), "wire.pcap")
	_, _, code = runCLI(t, bin, script, "run", "--pcap", pcap, "-")
	require.Equal(t, 0, code)
	b, err := os.ReadFile(pcap)
	require.NoError(t, err)
	assert.Equal(t, []byte{0xd4, 0xc3, 0xb2, 0xa1}, b[:4], "classic little-endian pcap magic")
}

func TestUsageErrors(t *testing.T) {
	bin := buildCLI(t)
	_, errOut, code := runCLI(t, bin, "")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "usage:")
	_, errOut, code = runCLI(t, bin, "", "run", "--trace=xml", "-")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--trace")
	_, errOut, code = runCLI(t, bin, "", "run", "/nonexistent/file.sock")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "no such file")
}

func TestReplReadsPlainLinesWithoutATerminal(t *testing.T) {
	bin := buildCLI(t)
	out, _, code := runCLI(t, bin, "server> s = socket(AF_INET, SOCK_STREAM)\nbind(s, 0.0.0.0:80)\nlisen(s, 1)\n", "repl")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "= 3")
	assert.Contains(t, out, "= 0", "a bare line runs on the previous line's host")
	assert.Contains(t, out, "error: ")
}

// Issue 16: with piped input the REPL stopped silently (exit 0) at a line
// over 64 KiB, dropping it and every later line.
func TestReplGoesOnAfterAnOverlongLine(t *testing.T) {
	bin := buildCLI(t)
	long := "client> send(c, \"" + strings.Repeat("x", 200<<10) + "\")"
	in := "client> c = socket(AF_INET, SOCK_STREAM)\n" + long + "\nclient> u = socket(AF_INET, SOCK_DGRAM)\r\n" +
		strings.Repeat("y", 70000) + "\nclient> close(u)"
	out, _, code := runCLI(t, bin, in, "repl")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "error: the line is 204819 bytes long; a line is at most 65536")
	assert.Contains(t, out, "error: the line is 70000 bytes long")
	assert.Contains(t, out, "= 4", "the line after it ran")
	assert.Equal(t, 2, strings.Count(out, "= 0")+strings.Count(out, "= 4"), "and the last one, without a newline")
	assert.Less(t, len(out), 4096, "the long line is not echoed")
}

// TestReplEditsLinesOnATerminal types into the REPL through a real pseudo
// terminal (util-linux's script(1)): Tab completes, the up arrow recalls
// the previous line, Ctrl-D quits.
func TestReplEditsLinesOnATerminal(t *testing.T) {
	scriptTool, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	keys := "server> s = socket(AF_INET, SOCK_STREAM)\r" + // a full line
		"lis\t s, 5)\r" + // Tab completes listen( on the prompt's host
		"\x1b[A\r" + // up arrow: the same listen again
		"\x04" // Ctrl-D on an empty line
	cmd := exec.Command(scriptTool, "-qec", cliPath+" repl", "/dev/null")
	cmd.Stdin = strings.NewReader(keys)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	text := string(out)
	assert.Contains(t, text, "server> listen( s, 5)")
	assert.Equal(t, 3, strings.Count(text, "\n= "), "socket, listen, and listen again each print a result:\n%s", text)
	assert.NotContains(t, text, "STREAM)\r\r\nserver> s = socket", "the typed line is not printed a second time")
	assert.Contains(t, text, "STREAM)\r\r\n= 3")
}
