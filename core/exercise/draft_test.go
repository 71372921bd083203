package exercise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func scriptLines(t *testing.T, path string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ScriptLines(string(src))
}

// A draft from any example, cut anywhere, is an exercise that passes the
// authoring check: its goals are met by the solution and by no empty
// attempt, for every check learner.
func TestDraftsPassTheAuthoringCheck(t *testing.T) {
	paths, _ := filepath.Glob("../examples/scripts/*.sock")
	if len(paths) < 10 {
		t.Fatal("no examples")
	}
	proposed := 0
	for _, p := range paths {
		lines := scriptLines(t, p)
		for _, cut := range []int{0, len(lines) / 2} {
			text := Draft("From "+filepath.Base(p)+": it's a test", 7, lines[:cut], lines[cut:])
			ex, probs := Parse(text)
			if len(probs) > 0 {
				t.Fatalf("%s cut at %d: %v\n%s", p, cut, probs, text)
			}
			if probs := ex.Check(); len(probs) > 0 {
				t.Errorf("%s cut at %d: %v\n%s", p, cut, probs, text)
			}
			if ex.Title != "From "+filepath.Base(p)+": it's a test" {
				t.Errorf("title %q", ex.Title)
			}
			proposed += len(ex.Goals)
		}
	}
	if proposed < 3*len(paths) {
		t.Errorf("only %d goals proposed for %d examples", proposed, len(paths))
	}
}

func TestDraftProposesGoalsFromTheSolution(t *testing.T) {
	lines := scriptLines(t, "../examples/scripts/03-active-close.sock")
	cut := 0
	for i, l := range lines {
		if strings.Contains(l, "close(") {
			cut = i
			break
		}
	}
	text := Draft("Who ends in TIME-WAIT", 3, lines[:cut], lines[cut:])
	ex, probs := Parse(text)
	if len(probs) > 0 {
		t.Fatal(probs, text)
	}
	var goals []string
	for _, g := range ex.Goals {
		goals = append(goals, g.Goal.Text)
	}
	for _, want := range []string{"entered client TIME-WAIT", "entered server CLOSE-WAIT"} {
		if !strings.Contains(strings.Join(goals, "\n"), want) {
			t.Errorf("no goal %q in %q", want, goals)
		}
	}
	if ex.ID != "who-ends-in-time-wait" || ex.Par() != len(lines)-cut || len(ex.Setup) != 1 {
		t.Errorf("id %q, par %d, setup %d", ex.ID, ex.Par(), len(ex.Setup))
	}
	if !strings.Contains(text, "hint: The reference solution met it with `server> recv(a, 100)`") {
		t.Errorf("no hint from the solution's line:\n%s", text)
	}
	if ex.Consoles == nil || ex.Calls == nil {
		t.Errorf("consoles %v, calls %v", ex.Consoles, ex.Calls)
	}
}

// What the solution leaves behind is proposed first: the client's socket
// in TIME-WAIT at the end, on the service's port.
func TestDraftProposesTheFinalState(t *testing.T) {
	lines := ScriptLines("server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\n" +
		"client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\nserver> a = accept(s)\n" +
		"# the task\nclient> close(c)\nnet> run\nserver> close(a)\nnet> run\n")
	ex, probs := Parse(Draft("", 1, lines[:7], lines[7:]))
	if len(probs) > 0 || len(ex.Goals) == 0 {
		t.Fatal(probs)
	}
	if g := ex.Goals[0].Goal.Text; g != "socket client port 80 TIME-WAIT" {
		t.Errorf("first goal %q", g)
	}
	if ex.ID != "my-exercise" || ex.Par() != 4 {
		t.Errorf("id %q par %d", ex.ID, ex.Par())
	}
}
