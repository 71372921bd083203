package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	return dir
}

var small = map[string]string{
	"index.html":  "<link rel=\"modulepreload\" href=\"js/a.mjs\">\n<script type=\"module\" src=\"js/main.mjs\"></script>\n",
	"js/main.mjs": "import { a } from './a.mjs';\nimport { twice as double } from './b.mjs';\nimport { log } from './c.mjs';\nlog(`main ${double(a())}`);\nawait Promise.resolve();\nlog('after await');\n",
	"js/a.mjs":    "import { base, log } from './c.mjs';\nconst secret = 1; // private: b has one too\nlog('a runs');\nexport function a() { return base + secret; }\n",
	"js/b.mjs":    "import { log } from './c.mjs';\nconst secret = 2;\nlog('b runs');\nexport const twice = (x) => x * secret;\n",
	"js/c.mjs":    "export const base = 40;\nexport function log(s) { console.log(s); }\n",
}

// Two pages share modules: the first bundle, made with keep, leaves them
// for the second.
func TestBundleKeepLeavesSharedModules(t *testing.T) {
	site := map[string]string{
		"other.html":   "<script type=\"module\" src=\"js/other.mjs\"></script>\n",
		"js/other.mjs": "import { log } from './c.mjs';\nlog('other');\n",
	}
	for name, text := range small {
		site[name] = text
	}
	dir := writeSite(t, site)
	require.NoError(t, run(dir, "js/other.mjs", "other.html", true))
	assert.FileExists(t, filepath.Join(dir, "js/c.mjs"))
	require.NoError(t, run(dir, "js/main.mjs", "index.html", false))
	assert.NoFileExists(t, filepath.Join(dir, "js/c.mjs"))
}

func TestBundleRunsModulesInOrderWithPrivateScopes(t *testing.T) {
	dir := writeSite(t, small)
	code, files, err := bundle(dir, "js/main.mjs")
	require.NoError(t, err)
	assert.Equal(t, []string{"js/c.mjs", "js/a.mjs", "js/b.mjs", "js/main.mjs"}, files, "dependencies first, in import order")

	require.NoError(t, run(dir, "js/main.mjs", "index.html", false))
	html, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	assert.NotContains(t, string(html), "modulepreload")
	assert.Contains(t, string(html), `src="js/main.mjs"`)
	for _, f := range []string{"js/a.mjs", "js/b.mjs", "js/c.mjs"} {
		assert.NoFileExists(t, filepath.Join(dir, f))
	}
	written, _ := os.ReadFile(filepath.Join(dir, "js/main.mjs"))
	assert.Equal(t, string(code), string(written))

	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the bundle was not run")
	}
	out, err := exec.Command(node, filepath.Join(dir, "js/main.mjs")).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "a runs\nb runs\nmain 82\nafter await\n", string(out))
}

func TestBundleRefusesWhatItCannotRead(t *testing.T) {
	cases := map[string]struct{ file, src, want string }{
		"re-export":      {"js/b.mjs", small["js/b.mjs"] + "export { log };\n", "js/b.mjs:5"},
		"default export": {"js/c.mjs", "export default 1;\n", "js/c.mjs:1"},
		"export let":     {"js/c.mjs", "export let base = 1;\n", "js/c.mjs:1"},
		"dynamic import": {"js/c.mjs", "export const base = 1;\nexport function log() { return import('./x.mjs'); }\n", "js/c.mjs:2"},
		"bare import":    {"js/c.mjs", "import './x.mjs';\n", "js/c.mjs:1"},
		"missing export": {"js/c.mjs", "export const base = 1;\nfunction log() {}\n", "js/a.mjs imports log, which js/c.mjs does not export"},
		"cycle":          {"js/c.mjs", "import { a } from './a.mjs';\nexport const base = 1;\nexport function log() {}\n", "import cycle: js/main.mjs → js/a.mjs → js/c.mjs → js/a.mjs"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			site := map[string]string{}
			for k, v := range small {
				site[k] = v
			}
			site[c.file] = c.src
			dir := writeSite(t, site)
			err := run(dir, "js/main.mjs", "index.html", false)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			src, _ := os.ReadFile(filepath.Join(dir, "js/main.mjs"))
			assert.Equal(t, site["js/main.mjs"], string(src), "a refused bundle writes nothing")
		})
	}
}

// The page's own modules stay within what the bundler reads.
func TestSiteBundles(t *testing.T) {
	_, files, err := bundle(filepath.Join("..", "..", "site"), "js/main.mjs")
	require.NoError(t, err)
	assert.Contains(t, files, "js/app.mjs")
	assert.Equal(t, "js/main.mjs", files[len(files)-1])
}
