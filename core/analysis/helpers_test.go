package analysis_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/analysis"
	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/session"
)

// example runs the named example and returns its session.
func example(t testing.TB, name string) *session.Session {
	t.Helper()
	for _, ex := range examples.All() {
		if ex.Name == name {
			s := session.New(1)
			for _, o := range s.Load(ex.Script) {
				require.Nil(t, o.Err, "example %s", name)
			}
			return s
		}
	}
	t.Fatalf("no example %q", name)
	return nil
}

func analyze(t testing.TB, name string) *analysis.Analysis {
	return analysis.Analyze(example(t, name).Trace(0))
}
