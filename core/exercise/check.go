package exercise

import "strconv"

// checkLearners are the learners the authoring check plays as: the
// document's seed, and two learner ids whose seeds differ, so that a
// solution that works for one seed only is caught.
var checkLearners = [...]string{"", "check-learner-1", "check-learner-2"}

// Check is the authoring check: the reference solution scores full marks
// (answering every question from its own session) for every check
// learner, an empty attempt scores no goal, and every authored wrong
// attempt misses the goal it names. Problems point at the block at fault.
func (ex *Exercise) Check() []Problem {
	var probs []Problem
	seen := map[string]bool{}
	// fail reports a problem once, naming the first learner it showed for.
	fail := func(line int, msg, learner string) {
		if k := strconv.Itoa(line) + msg; !seen[k] {
			seen[k] = true
			who := "with the document's seed"
			if learner != "" {
				who = "for learner " + learner
			}
			probs = append(probs, Problem{line, 1, msg + " (" + who + ")"})
		}
	}
	for _, learner := range checkLearners {
		r, err := ex.Start(learner)
		if err != nil {
			return []Problem{*err.(*Problem)}
		}
		for i, g := range r.Score(nil).Goals {
			if g.Met {
				fail(ex.Goals[i].Line, "an empty attempt meets goal "+g.ID+" already", learner)
			}
		}
		if n, e := r.Replay(ex.Solution); e != nil {
			fail(ex.SolutionLine+n, "the solution's line "+strconv.Itoa(n)+" is refused: "+e.Error(), learner)
			continue
		}
		answers := map[string]string{}
		for i := range ex.Questions {
			q := &ex.Questions[i]
			want, ok := r.Expected(q)
			if !ok {
				fail(q.Line, "the solution's session has nothing to answer it from: "+q.Value.Text+" never happened", learner)
			}
			answers[q.ID] = want
		}
		for i, g := range r.Score(answers).Goals {
			if !g.Met {
				fail(ex.Goals[i].Line, "the reference solution does not meet goal "+g.ID, learner)
			}
		}
		for _, w := range ex.Wrong {
			wr, _ := ex.Start(learner)
			if n, e := wr.Replay(w.Lines); e != nil {
				fail(w.Line+n, "the attempt's line "+strconv.Itoa(n)+" is refused: "+e.Error(), learner)
				continue
			}
			for _, g := range wr.Score(nil).Goals {
				if g.ID == w.Misses && g.Met {
					fail(w.Line, "the attempt meets goal "+w.Misses+", which it should miss", learner)
				}
			}
		}
	}
	return probs
}
