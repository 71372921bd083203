// The bundled exercises are data: this test replays each one's reference
// solution, an empty attempt and its wrong attempts (exercise.Check), as
// `sockplay exercise check` does.
package exercises_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sockplay/sockplay/core/exercise"
)

func TestEveryExerciseChecks(t *testing.T) {
	paths, _ := filepath.Glob("*.md")
	if len(paths) == 0 {
		t.Fatal("no exercises")
	}
	ids := map[string]string{}
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ex, probs := exercise.Parse(string(text))
		for _, pr := range probs {
			t.Errorf("%s:%s", p, pr.Error())
		}
		if ex == nil {
			continue
		}
		if other, ok := ids[ex.ID]; ok {
			t.Errorf("%s: the id %s is %s's too", p, ex.ID, other)
		}
		ids[ex.ID] = p
		if ex.ID+".md" != p {
			t.Errorf("%s: the exercise's id is %s; name the file after it", p, ex.ID)
		}
		if len(ex.Wrong) == 0 {
			t.Errorf("%s: no authored wrong attempt", p)
		}
		for _, pr := range ex.Check() {
			t.Errorf("%s:%s", p, pr.Error())
		}
	}
	if len(ids) < 30 {
		t.Errorf("%d exercises; the set has at least 30 (issue 10)", len(ids))
	}
	t.Logf("%d exercises", len(ids))
}
