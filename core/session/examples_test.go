package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/examples"
)

// TestExamplesGiveTheGoldenTranscripts runs every example through the
// session, as the CLI does, and compares with the golden transcripts the
// CLI's tests check. make test runs it natively and under GOOS=js
// GOARCH=wasm, so both give byte-identical traces.
func TestExamplesGiveTheGoldenTranscripts(t *testing.T) {
	for _, ex := range examples.All() {
		t.Run(ex.Name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("..", "examples", "golden", ex.Name+".txt"))
			require.NoError(t, err, "refresh with: go test ./core/cmd/sockplay -run TestExamples -update")
			s := New(1)
			var got strings.Builder
			for _, line := range strings.Split(ex.Script, "\n") {
				if strings.TrimSpace(line) == "" {
					continue
				}
				o := s.Exec(line)
				require.Nil(t, o.Err, "%s: %v", line, o.Err)
				got.WriteString(o.Transcript())
			}
			assert.Equal(t, string(want), got.String())
		})
	}
}
