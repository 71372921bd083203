package exercise

import (
	"strconv"
	"strings"
)

// Score is an attempt's grade: what each goal and question earned and
// why. Everything in it is recomputed from the learner's lines.
type Score struct {
	Exercise  string          `json:"exercise"`
	Version   int             `json:"version"`
	Learner   string          `json:"learner"`
	Seed      uint64          `json:"seed"`
	Points    int             `json:"points"`
	Max       int             `json:"max"`
	Goals     []GoalScore     `json:"goals"`
	Questions []QuestionScore `json:"questions"`
	Lines     int             `json:"lines"` // the learner's lines that do something
	Par       int             `json:"par"`
	// Refused says why the attempt scored nothing as a whole: a line the
	// session refused, a submission for another exercise.
	Refused string `json:"refused,omitempty"`
}

// GoalScore is one goal's part of a Score.
type GoalScore struct {
	ID      string `json:"id"`
	Goal    string `json:"goal"`
	Points  int    `json:"points"`
	Max     int    `json:"max"`
	Met     bool   `json:"met"`
	Missing string `json:"missing,omitempty"` // the goal's message, when not met
	Line    int    `json:"line,omitempty"`    // the learner's line that met it (1-based; 0 for the setup or none)
}

// QuestionScore is one question's part of a Score.
type QuestionScore struct {
	ID       string `json:"id"`
	Ask      string `json:"ask"`
	Points   int    `json:"points"`
	Max      int    `json:"max"`
	Correct  bool   `json:"correct"`
	Given    string `json:"given"`
	Expected string `json:"expected"` // from this learner's session
	Reason   string `json:"reason,omitempty"`
}

// Solved: every goal met (questions aside).
func (s *Score) Solved() bool {
	for _, g := range s.Goals {
		if !g.Met {
			return false
		}
	}
	return s.Refused == "" && len(s.Goals) > 0
}

// AtPar: solved in no more lines than the reference solution.
func (s *Score) AtPar() bool { return s.Solved() && s.Lines <= s.Par }

// Score grades the run as it stands with the learner's answers (by
// question id).
func (r *Run) Score(answers map[string]string) Score {
	ex := r.Ex
	sc := ex.blank(r.Learner)
	sc.Lines = countLines(r.Lines())
	for i, res := range r.Goals() {
		g := &sc.Goals[i]
		g.Met, g.Line = res.Met, r.LearnerLine(res.Line)
		if g.Met {
			g.Points, g.Missing = g.Max, ""
		}
		sc.Points += g.Points
	}
	for i := range ex.Questions {
		q := &sc.Questions[i]
		r.answer(&ex.Questions[i], q, answers[q.ID])
		sc.Points += q.Points
	}
	return sc
}

// blank is the score of nothing: every goal missed, every question open.
func (ex *Exercise) blank(learner string) Score {
	sc := Score{Exercise: ex.ID, Version: ex.Version, Learner: learner, Seed: ex.LearnerSeed(learner), Max: ex.MaxPoints(), Par: ex.Par()}
	for _, g := range ex.Goals {
		sc.Goals = append(sc.Goals, GoalScore{ID: g.ID, Goal: g.Goal.Text, Max: g.Points, Missing: g.Missing})
	}
	for _, q := range ex.Questions {
		sc.Questions = append(sc.Questions, QuestionScore{ID: q.ID, Ask: q.Ask, Max: q.Points})
	}
	return sc
}

// Refuse is the score of an attempt that cannot be graded: 0, and why.
func (ex *Exercise) Refuse(learner, why string) Score {
	sc := ex.blank(learner)
	sc.Refused = why
	return sc
}

// Expected is the question's answer in this run's session: ok is false
// when the session has nothing to read it from.
func (r *Run) Expected(q *Question) (string, bool) {
	if q.Value == nil {
		return q.Correct, true
	}
	v, ok := q.Value.Eval(r.S)
	if !ok {
		return "", false
	}
	return formatNumber(v), true
}

func (r *Run) answer(q *Question, s *QuestionScore, given string) {
	s.Given = strings.TrimSpace(given)
	want, ok := r.Expected(q)
	s.Expected = want
	switch {
	case !ok:
		s.Reason = "your session has nothing to answer it from yet: " + q.Value.Text + " never happened"
	case s.Given == "":
		s.Reason = "not answered"
	case q.Value == nil:
		s.Correct = strings.EqualFold(s.Given, q.Correct)
		if !s.Correct {
			s.Reason = "not the right choice"
		}
	default:
		g, err := strconv.ParseFloat(s.Given, 64)
		if err != nil {
			s.Reason = "not a number"
			break
		}
		w, _ := strconv.ParseFloat(want, 64)
		tol := q.Tolerance
		if q.Percent {
			tol = tol / 100 * abs(w)
		}
		s.Correct = abs(g-w) <= tol
		if !s.Correct {
			s.Reason = "not what your session says"
			if tol > 0 {
				s.Reason += " (within ± " + formatNumber(tol) + ")"
			}
		}
	}
	if s.Correct {
		s.Points = s.Max
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// formatNumber writes v as the learner would type it: 3, 1000.5.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
