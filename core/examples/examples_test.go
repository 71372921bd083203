package examples

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryExampleHasTitleAndDescription(t *testing.T) {
	all := All()
	require.GreaterOrEqual(t, len(all), 12)
	seen := map[string]bool{}
	for _, ex := range all {
		assert.NotEqual(t, ex.Name, ex.Title, "%s has no '# title:' line", ex.Name)
		assert.NotEmpty(t, ex.Description, ex.Name)
		assert.False(t, seen[ex.Title], "duplicate title %q", ex.Title)
		seen[ex.Title] = true
	}
	assert.Equal(t, "01-handshake", all[0].Name)
}

func TestParseHeader(t *testing.T) {
	ex := parse("x", "# title: T\n# one\n# two\nnet> run\n# not part\n")
	assert.Equal(t, "T", ex.Title)
	assert.Equal(t, "one two", ex.Description)
}

func TestEveryScriptFileIsListedInOrder(t *testing.T) {
	files, err := filepath.Glob("scripts/*.sock")
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".sock"))
	}
	var listed []string
	for _, ex := range All() {
		listed = append(listed, ex.Name)
		b, err := os.ReadFile(filepath.Join("scripts", ex.Name+".sock"))
		require.NoError(t, err)
		assert.Equal(t, string(b), ex.Script, ex.Name)
	}
	assert.True(t, slices.IsSorted(listed), "examples are listed in file-name order")
	assert.Equal(t, names, listed, "add new scripts/*.sock files to the scripts list in examples.go")
}
