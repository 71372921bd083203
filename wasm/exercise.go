//go:build !js || exercise

package main

import (
	"errors"
	"strconv"

	"github.com/sockplay/sockplay/core/exercise"
	"github.com/sockplay/sockplay/core/goal"
	"github.com/sockplay/sockplay/core/session"
)

// The exercise area: one open exercise and the learner's run of it (see
// README.md, "Exercises"). The bridge's session is the run's, so trace,
// state, tcpdump, pcap and packet describe the learner's session. The
// score is computed by core/exercise, as `sockplay grade` computes it.

type exerciseArea struct {
	ex      *exercise.Exercise
	run     *exercise.Run
	answers map[string]string
}

var errNoExercise = errors.New("no exercise is open: call exOpen(text, learner) first")

func exerciseOf(b *Bridge) (*exerciseArea, error) {
	ea, _ := b.area("exercise").(*exerciseArea)
	if ea == nil || ea.run == nil {
		return nil, errNoExercise
	}
	if b.engine != Engine(ea.run.S) {
		return nil, errors.New("the session is not the exercise's any more: call exOpen again")
	}
	return ea, nil
}

var exerciseMethods = []method{
	{"exOpen", 2, func(b *Bridge, a Args) (any, error) {
		text, err := a.String(0)
		if err != nil {
			return nil, err
		}
		learner, err := a.String(1)
		if err != nil {
			return nil, err
		}
		ex, probs := exercise.Parse(text)
		if probs != nil {
			return exProblems(probs), nil
		}
		run, err := ex.Start(learner)
		if err != nil {
			return exProblems{*err.(*exercise.Problem)}, nil
		}
		b.setArea("exercise", &exerciseArea{ex: ex, run: run, answers: map[string]string{}})
		b.engine = run.S
		b.engine.SetAbsolute(b.absolute)
		return exOpened{run}, nil
	}},
	{"exExec", 1, func(b *Bridge, a Args) (any, error) {
		ea, err := exerciseOf(b)
		if err != nil {
			return nil, err
		}
		line, err := a.String(0)
		if err != nil {
			return nil, err
		}
		out := ea.run.Exec(line)
		return exExecuted{out: out, goals: exGoals{ea.run.Goals(), ea.run}}, nil
	}},
	{"exAnswer", 2, func(b *Bridge, a Args) (any, error) {
		ea, err := exerciseOf(b)
		if err != nil {
			return nil, err
		}
		id, err := a.String(0)
		if err != nil {
			return nil, err
		}
		value, err := a.String(1)
		if err != nil {
			return nil, err
		}
		for _, q := range ea.ex.Questions {
			if q.ID == id {
				ea.answers[id] = value
				return exScore(ea.run.Score(ea.answers)), nil
			}
		}
		return nil, errors.New("no question with id " + id)
	}},
	{"exScore", 0, func(b *Bridge, a Args) (any, error) {
		ea, err := exerciseOf(b)
		if err != nil {
			return nil, err
		}
		return exScore(ea.run.Score(ea.answers)), nil
	}},
	{"exLines", 0, func(b *Bridge, a Args) (any, error) {
		ea, err := exerciseOf(b)
		if err != nil {
			return nil, err
		}
		lines := ea.run.Lines()
		if lines == nil {
			lines = []string{} // the page reads [], not null
		}
		return lines, nil
	}},
}

// The teacher's side: a draft from a session, and the authoring check.
var authoringMethods = []method{
	{"exDraft", 4, func(b *Bridge, a Args) (any, error) {
		title, err := a.String(0)
		if err != nil {
			return nil, err
		}
		seed, err := seedArg(a, 1)
		if err != nil {
			return nil, err
		}
		script, err := a.String(2)
		if err != nil {
			return nil, err
		}
		setup, err := intArg(a, 3)
		if err != nil {
			return nil, err
		}
		lines := exercise.ScriptLines(script)
		if setup < 0 || setup > len(lines) {
			return nil, errors.New("the setup is 0 to " + strconv.Itoa(len(lines)) + " lines, the script's")
		}
		return exercise.Draft(title, seed, lines[:setup], lines[setup:]), nil
	}},
	{"exCheck", 1, func(b *Bridge, a Args) (any, error) {
		text, err := a.String(0)
		if err != nil {
			return nil, err
		}
		ex, probs := exercise.Parse(text)
		if probs == nil {
			probs = ex.Check()
		}
		if probs != nil {
			return exProblems(probs), nil
		}
		return exChecked{ex}, nil
	}},
	{"exTryGoal", 2, func(b *Bridge, a Args) (any, error) {
		text, err := a.String(0)
		if err != nil {
			return nil, err
		}
		src, err := a.String(1)
		if err != nil {
			return nil, err
		}
		ex, probs := exercise.Parse(text)
		if probs != nil {
			return exProblems(probs), nil
		}
		tr, err := ex.TryGoal(src)
		switch e := err.(type) {
		case *goal.Error:
			return exTried{err: e}, nil
		case *exercise.Problem:
			return exProblems{*e}, nil
		}
		return exTried{tr: tr}, nil
	}},
}

// exTried is a goal line tried on a draft (exercise.TryGoal), or why it
// could not be: the goal's column and message.
type exTried struct {
	tr  exercise.GoalTrial
	err *goal.Error
}

func (v exTried) writeJSON(w *jsonWriter) {
	ob := w.object()
	if v.err != nil {
		e := ob.key("error").object()
		e.key("col").int(int64(v.err.Col))
		e.key("message").str(v.err.Message)
		e.end()
	} else {
		ob.key("met").bool(v.tr.Met)
		ob.key("line").int(int64(v.tr.Line))
		ob.key("packet").int(int64(v.tr.Packet))
		ob.key("missedFor").str(v.tr.MissedFor)
		ob.key("empty").bool(v.tr.Empty)
	}
	ob.end()
}

// exChecked is an exercise that passed the authoring check, counted.
type exChecked struct{ ex *exercise.Exercise }

func (v exChecked) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("id").str(v.ex.ID)
	ob.key("goals").int(int64(len(v.ex.Goals)))
	ob.key("questions").int(int64(len(v.ex.Questions)))
	ob.key("wrong").int(int64(len(v.ex.Wrong)))
	ob.key("par").int(int64(v.ex.Par()))
	ob.end()
}

// The replies' JSON, written field by field (jsonValue in jsonenc.go).

type exProblems []exercise.Problem

func (v exProblems) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("problems").list(false, len(v), func(i int) {
		p := w.object()
		p.key("line").int(int64(v[i].Line))
		p.key("col").int(int64(v[i].Col))
		p.key("message").str(v[i].Message)
		p.end()
	})
	ob.end()
}

// exOpened is the exercise as the page shows it: no answers; the solution
// is there for the page's "show solution", behind a confirmation.
type exOpened struct{ run *exercise.Run }

func (v exOpened) writeJSON(w *jsonWriter) {
	ex, run := v.run.Ex, v.run
	ob := w.object()
	e := ob.key("exercise").object()
	e.key("id").str(ex.ID)
	e.key("version").int(int64(ex.Version))
	e.key("title").str(ex.Title)
	e.key("learner").str(run.Learner)
	e.key("seed").str(strconv.FormatUint(ex.LearnerSeed(run.Learner), 10))
	e.key("par").int(int64(ex.Par()))
	e.key("max").int(int64(ex.MaxPoints()))
	e.key("task").str(ex.Task)
	e.key("consoles").strList(ex.Consoles)
	e.key("calls").strList(ex.Calls)
	e.key("net").strList(ex.NetCommands)
	e.key("solution").strList(ex.Solution)
	e.key("setup").list(false, len(ex.Setup), func(i int) {
		c := w.object()
		c.key("id").str(ex.Setup[i].ID)
		c.key("hidden").bool(ex.Setup[i].Hidden)
		c.key("line").int(int64(ex.Setup[i].Line))
		if !ex.Setup[i].Hidden {
			outs := run.SetupOutputs[i]
			c.key("outputs").list(false, len(outs), func(k int) { writeOutput(w, outs[k]) })
		}
		c.end()
	})
	e.key("goals").list(false, len(ex.Goals), func(i int) {
		g := &ex.Goals[i]
		o := w.object()
		o.key("id").str(g.ID)
		o.key("for").str(g.For)
		o.key("points").int(int64(g.Points))
		o.key("goal").str(g.Goal.Text)
		o.key("missing").str(g.Missing)
		o.key("hints").strList(g.Hints)
		o.end()
	})
	e.key("questions").list(false, len(ex.Questions), func(i int) {
		q := &ex.Questions[i]
		o := w.object()
		o.key("id").str(q.ID)
		o.key("ask").str(q.Ask)
		o.key("points").int(int64(q.Points))
		o.key("choices").strList(q.Choices)
		o.end()
	})
	e.end()
	writeGoalResults(ob.key("goals"), run.Goals(), run)
	ob.end()
}

type exGoals struct {
	results []goal.Result
	run     *exercise.Run
}

func (v exGoals) writeJSON(w *jsonWriter) { writeGoalResults(w, v.results, v.run) }

// writeGoalResults writes each goal's verdict: met, and what met it (the
// learner's line, the trace event and packet) for the ladder's link.
func writeGoalResults(w *jsonWriter, rs []goal.Result, run *exercise.Run) {
	w.list(false, len(rs), func(i int) {
		o := w.object()
		o.key("id").str(run.Ex.Goals[i].ID)
		o.key("met").bool(rs[i].Met)
		o.key("line").int(int64(run.LearnerLine(rs[i].Line)))
		o.key("event").int(int64(rs[i].Event))
		if rs[i].Packet > 0 {
			o.key("packet").int(int64(rs[i].Packet))
		}
		o.end()
	})
}

type exExecuted struct {
	out   session.Output
	goals exGoals
}

func (v exExecuted) writeJSON(w *jsonWriter) {
	ob := w.object()
	writeOutput(ob.key("output"), v.out)
	v.goals.writeJSON(ob.key("goals"))
	ob.end()
}

// exScore is the practice score: the teacher's grader says the same from
// the same lines, but the page shows no expected answer.
type exScore exercise.Score

func (v exScore) writeJSON(w *jsonWriter) {
	sc := exercise.Score(v)
	ob := w.object()
	ob.key("points").int(int64(sc.Points))
	ob.key("max").int(int64(sc.Max))
	ob.key("lines").int(int64(sc.Lines))
	ob.key("par").int(int64(sc.Par))
	ob.key("solved").bool(sc.Solved())
	ob.key("atPar").bool(sc.AtPar())
	ob.key("goals").list(false, len(sc.Goals), func(i int) {
		g := &sc.Goals[i]
		o := w.object()
		o.key("id").str(g.ID)
		o.key("points").int(int64(g.Points))
		o.key("max").int(int64(g.Max))
		o.key("met").bool(g.Met)
		o.end()
	})
	ob.key("questions").list(false, len(sc.Questions), func(i int) {
		q := &sc.Questions[i]
		o := w.object()
		o.key("id").str(q.ID)
		o.key("points").int(int64(q.Points))
		o.key("max").int(int64(q.Max))
		o.key("correct").bool(q.Correct)
		o.key("given").str(q.Given)
		o.key("reason").str(q.Reason)
		o.end()
	})
	ob.end()
}
