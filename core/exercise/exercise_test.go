package exercise

import (
	"os"
	"strings"
	"testing"
)

func load(t *testing.T, path string) *Exercise {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ex, probs := Parse(string(text))
	if len(probs) > 0 {
		t.Fatalf("%s:%v", path, probs)
	}
	return ex
}

func TestGradeReplaysTheSolution(t *testing.T) {
	ex := load(t, "../exercises/close-time-wait.md")
	r, err := ex.Start("ada")
	if err != nil {
		t.Fatal(err)
	}
	if n, e := r.Replay(ex.Solution); e != nil {
		t.Fatalf("line %d: %v", n, e)
	}
	ack, ok := r.Expected(&ex.Questions[0])
	if !ok {
		t.Fatal("no FIN from the server")
	}
	answers := map[string]string{"fin-ack": ack, "who": "The client"}
	live := r.Score(answers)
	graded := ex.Grade(&Submission{Exercise: ex.ID, Version: 1, Learner: "ada", Lines: ex.Solution, Answers: answers})
	if live.Points != live.Max || graded.Points != live.Points || !graded.AtPar() {
		t.Fatalf("live %d/%d, graded %d/%d at par %v", live.Points, live.Max, graded.Points, graded.Max, graded.AtPar())
	}
	if graded.Goals[0].Line != 4 {
		t.Errorf("the client entered TIME-WAIT at the learner's line %d, want 4 (net> run after the server closed)", graded.Goals[0].Line)
	}
	// Another learner's numbers are not this learner's.
	bob := ex.Grade(&Submission{Exercise: ex.ID, Version: 1, Learner: "bob", Lines: ex.Solution, Answers: answers})
	if bob.Questions[0].Correct || bob.Points != bob.Max-1 {
		t.Errorf("bob copied ada's ack %s and scored %d/%d (%+v)", ack, bob.Points, bob.Max, bob.Questions[0])
	}
}

func TestGradeRefuses(t *testing.T) {
	ex := load(t, "../exercises/close-time-wait.md")
	for _, c := range []struct {
		sub  Submission
		want string
	}{
		{Submission{Exercise: "other", Version: 1}, `for exercise "other"`},
		{Submission{Exercise: ex.ID, Version: 2}, "for version 2"},
		{Submission{Exercise: ex.ID, Version: 1, Lines: []string{"client> close(c)", "client> bogus("}}, "line 2 of the submission is refused"},
		{Submission{Exercise: ex.ID, Version: 1, Lines: []string{"net> loss 100%"}}, "allows net> run, step, wait only"},
		{Submission{Exercise: ex.ID, Version: 1, Lines: []string{"server> listen(s, 1)"}}, "allows the calls close, shutdown, recv, send only"},
		{Submission{Exercise: ex.ID, Version: 1, Lines: []string{"net> seed 4"}}, "the exercise chooses the seed"},
		{Submission{Exercise: ex.ID, Version: 1, Lines: []string{"undo"}}, "nothing of yours to undo"},
	} {
		sc := ex.Grade(&c.sub)
		if sc.Points != 0 || !strings.Contains(sc.Refused, c.want) {
			t.Errorf("%+v: %d points, refused %q, want %q", c.sub, sc.Points, sc.Refused, c.want)
		}
	}
}

func TestLearnerSeeds(t *testing.T) {
	ex := &Exercise{ID: "x", Seed: 7}
	if ex.LearnerSeed("") != 7 {
		t.Error("without a learner id the document's seed is used")
	}
	a, b := ex.LearnerSeed("ada"), ex.LearnerSeed("bob")
	if a == b || a != ex.LearnerSeed("ada") {
		t.Errorf("seeds ada %d bob %d", a, b)
	}
	if (&Exercise{ID: "xa"}).LearnerSeed("b") == (&Exercise{ID: "x"}).LearnerSeed("ab") {
		t.Error("the exercise id and the learner id run together")
	}
}

func TestParseProblems(t *testing.T) {
	text, _ := os.ReadFile("../exercises/close-time-wait.md")
	for _, c := range []struct{ from, to, want string }{
		{"  version: 1\n", "  version: one\n", "8:12: the version is a whole number"},
		{"entered client TIME-WAIT\n", "entered client TIME_WAIT\n", "34:16: no state TIME_WAIT"},
		{"answer: ack of segment", "answer: ack off segment", "48:13: expected `of`"},
		{"```attempt misses=client-time-wait", "```attempt misses=nope", "64:1: the attempt misses \"nope\""},
		{"answer: the client", "answer: nobody", "54:9: the answer is not one of the choices"},
		{"  latency: 10ms\n", "  latency: [10ms]\n", "5:12: sockplay's front matter does not read flow collections"},
		{"missing: The client never entered TIME-WAIT.\n", "", "33:1: the goal has no missing: line"},
	} {
		_, probs := Parse(strings.Replace(string(text), c.from, c.to, 1))
		if len(probs) == 0 || !strings.HasPrefix(probs[0].Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.to, probs, c.want)
		}
	}
}
