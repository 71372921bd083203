package exercise

import "strconv"

// Submission is what a learner hands in: which exercise, who, the lines
// typed and the answers. Any score it claims is not read: Grade
// recomputes everything from the lines.
type Submission struct {
	Exercise string
	Version  int
	Learner  string
	Lines    []string
	Answers  map[string]string // by question id
}

// Grade replays a submission on a fresh session with the learner's seed
// and scores it. A submission for another exercise or version, or with a
// line the session refuses, scores 0 with the reason.
func (ex *Exercise) Grade(sub *Submission) Score {
	switch {
	case sub.Exercise != ex.ID:
		return ex.Refuse(sub.Learner, "the submission is for exercise "+strconv.Quote(sub.Exercise)+", not "+strconv.Quote(ex.ID))
	case sub.Version != ex.Version:
		return ex.Refuse(sub.Learner, "the submission is for version "+strconv.Itoa(sub.Version)+" of "+ex.ID+"; this is version "+strconv.Itoa(ex.Version))
	}
	r, err := ex.Start(sub.Learner)
	if err != nil {
		return ex.Refuse(sub.Learner, "the exercise's setup fails: "+err.Error())
	}
	if n, e := r.Replay(sub.Lines); e != nil {
		return ex.Refuse(sub.Learner, "line "+strconv.Itoa(n)+" of the submission is refused: "+e.Error())
	}
	return r.Score(sub.Answers)
}
