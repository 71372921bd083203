package exercise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: any text parses or gets problems inside the text, each with
// a message; a parsed exercise starts and scores without panicking.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("../exercises/*.md")
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	f.Add("---\nexercise:\n  id: x\n  version: 1\n---\n```sock task=true\n```\n```goal id=g\nsegment [S]\nmissing: m\n```\n```solution\n```\n")
	f.Fuzz(func(t *testing.T, text string) {
		ex, probs := Parse(text)
		lines := strings.Count(text, "\n") + 2
		for _, p := range probs {
			if p.Line < 1 || p.Line > lines || p.Col < 1 || p.Message == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if ex == nil {
			if len(probs) == 0 {
				t.Fatal("no exercise and no problem")
			}
			return
		}
		r, err := ex.Start("fuzz")
		if err != nil {
			return
		}
		r.Replay(ex.Solution)
		sc := r.Score(nil)
		if sc.Points < 0 || sc.Points > sc.Max {
			t.Fatalf("%d/%d", sc.Points, sc.Max)
		}
	})
}
