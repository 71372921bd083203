package exercise

import "github.com/sockplay/sockplay/core/goal"

// GoalTrial is what a goal line, not yet in the exercise, says about it:
// whether the reference solution meets it for every learner the
// authoring check plays (and, with the document's seed, the solution's
// line and packet that met it), and whether an empty attempt meets it
// already. A goal worth adding is met by the solution and not by an
// empty attempt, as Check demands of the exercise's own goals.
type GoalTrial struct {
	Met       bool
	Line      int    // the solution's line that met it, with the document's seed
	Packet    int    // the packet that met it, when one did
	MissedFor string // a check learner whose solution run misses it ("" the document's seed)
	Empty     bool   // an empty attempt meets it
}

// TryGoal evaluates src, a goal in the goal language, against the
// exercise's empty attempt and reference solution. A malformed goal gets
// its *goal.Error; a setup the session refuses, its *Problem.
func (ex *Exercise) TryGoal(src string) (GoalTrial, error) {
	g, err := goal.Parse(src)
	if err != nil {
		return GoalTrial{}, err
	}
	tr := GoalTrial{Met: true}
	for k, learner := range checkLearners {
		r, err := ex.Start(learner)
		if err != nil {
			return GoalTrial{}, err
		}
		c := goal.NewChecker([]*goal.Goal{g})
		if c.Check(r.S)[0].Met {
			tr.Empty = true
		}
		r.Replay(ex.Solution) // a refused line stops the solution; Check says why
		res := c.Check(r.S)[0]
		if k == 0 {
			tr.Line, tr.Packet = r.LearnerLine(res.Line), res.Packet
		}
		if !res.Met && tr.Met {
			tr.Met, tr.MissedFor = false, learner
		}
	}
	return tr, nil
}
