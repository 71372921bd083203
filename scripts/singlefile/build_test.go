package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const page = `<!doctype html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="manifest" href="manifest.webmanifest">
<link rel="stylesheet" href="css/a.css">
<script defer src="loader.js"></script>
<script type="module" src="js/main.mjs"></script>
</head>
<body><p>hello</p></body>
</html>
`

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	return dir
}

func files() map[string]string {
	return map[string]string{
		"notebook.html":          page,
		"favicon.svg":            "<svg/>",
		"css/a.css":              "p { color: red }",
		"loader.js":              "var Go = 1; // <!-- harmless -->",
		"js/main.mjs":            "await 0;",
		"engine.wasm":            "\x00asm engine bytes",
		"notebooks/one.md":       "# One </script><script>alert(1)</script>",
		"notebooks/two-more.md":  "two",
		"notebooks/not-a-nb.txt": "skipped",
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func TestBuildInlinesEverythingUnderHashes(t *testing.T) {
	html, err := build(site(t, files()), "notebook.html", "engine.wasm")
	require.NoError(t, err)
	s := string(html)
	assert.Contains(t, s, "<style>p { color: red }</style>")
	assert.Contains(t, s, "<script>var Go = 1; // <!-- harmless --></script>")
	assert.Contains(t, s, `<script type="module">await 0;</script>`)
	assert.Contains(t, s, `<link rel="icon" href="data:image/svg+xml;base64,PHN2Zy8+">`)
	assert.NotRegexp(t, `src="|<link rel="stylesheet"|manifest`, s)
	csp := regexp.MustCompile(`content="(default-src 'none'; [^"]*)"`).FindStringSubmatch(s)
	require.NotNil(t, csp)
	assert.Contains(t, csp[1], "script-src "+sha("var Go = 1; // <!-- harmless -->")+" "+sha("await 0;")+" 'wasm-unsafe-eval';")
	assert.Contains(t, csp[1], "style-src "+sha("p { color: red }")+";")

	engine := regexp.MustCompile(`<script type="application/octet-stream" id="sockplay-engine" data-encoding="gzip">([^<]*)</script>`).FindStringSubmatch(s)
	require.NotNil(t, engine)
	gz, err := base64.StdEncoding.DecodeString(engine[1])
	require.NoError(t, err)
	r, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	wasm, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "\x00asm engine bytes", string(wasm))

	nbs := regexp.MustCompile(`<script type="application/json" id="sockplay-notebooks">([^<]*)</script>`).FindStringSubmatch(s)
	require.NotNil(t, nbs, "a notebook's </script> cannot end the element: < is escaped")
	var got map[string]string
	require.NoError(t, json.Unmarshal([]byte(nbs[1]), &got))
	assert.Equal(t, map[string]string{"one": "# One </script><script>alert(1)</script>", "two-more": "two"}, got)
	assert.Equal(t, 1, strings.Count(s, "</head>"))
}

// A script or style that would end its element early, or put the HTML
// parser in its escaped states, is refused, never inlined.
func TestBuildRefusesWhatWouldBreakOutOfItsElement(t *testing.T) {
	for name, bad := range map[string][2]string{
		"end tag":        {"loader.js", `var s = "</SCRIPT>";`},
		"escaped script": {"loader.js", `var s = "<!-- <script>";`},
		"style end":      {"css/a.css", `p::after { content: "</style>" }`},
	} {
		f := files()
		f[bad[0]] = bad[1]
		_, err := build(site(t, f), "notebook.html", "engine.wasm")
		assert.Error(t, err, name)
	}
	f := files()
	f["notebook.html"] = strings.Replace(page, "<body>", `<body><img src="x.png">`, 1)
	_, err := build(site(t, f), "notebook.html", "engine.wasm")
	assert.ErrorContains(t, err, "cannot inline")
}

// The site's gzip twin is used only when it holds exactly the engine.
func TestGzippedUsesOnlyAFreshTwin(t *testing.T) {
	f := files()
	var stale bytes.Buffer
	w := gzip.NewWriter(&stale)
	w.Write([]byte("an older engine"))
	w.Close()
	f["engine.wasm.gz"] = stale.String()
	dir := site(t, f)
	gz, err := gzipped(filepath.Join(dir, "engine.wasm"))
	require.NoError(t, err)
	r, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	got, _ := io.ReadAll(r)
	assert.Equal(t, "\x00asm engine bytes", string(got))
}
