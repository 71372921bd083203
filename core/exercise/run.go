package exercise

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/goal"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/session"
)

// Run is one learner's attempt: a session with the exercise's world set
// up, the learner's lines after it, and the goals checked after each.
type Run struct {
	Ex      *Exercise
	Learner string
	S       *session.Session
	checker *goal.Checker
	setup   int // lines of the history that are the setup's
	// SetupOutputs are what each setup cell's lines printed, by cell.
	SetupOutputs [][]session.Output
}

// Start sets up the world for learner: a session with the learner's seed,
// the network settings, then the setup cells. It fails only when the
// exercise's own lines are refused (the authoring check catches that).
func (ex *Exercise) Start(learner string) (*Run, error) {
	s := session.New(ex.LearnerSeed(learner))
	for _, st := range ex.Settings {
		if o := s.Exec("net> " + st.Key + " " + st.Value); o.Err != nil {
			return nil, &Problem{Line: st.Line, Col: st.Col, Message: "network " + st.Key + ": " + o.Err.Message}
		}
	}
	outs := make([][]session.Output, len(ex.Setup))
	for k, c := range ex.Setup {
		for i, l := range c.Lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			o := s.Exec(l)
			if o.Err != nil {
				return nil, &Problem{Line: c.Line + 1 + i, Col: max(o.Err.Col, 1), Message: "setup cell " + c.ID + ": " + o.Err.Message}
			}
			outs[k] = append(outs[k], o)
		}
	}
	goals := make([]*goal.Goal, len(ex.Goals))
	for i := range ex.Goals {
		goals[i] = ex.Goals[i].Goal
	}
	r := &Run{Ex: ex, Learner: learner, S: s, checker: goal.NewChecker(goals), setup: len(s.History()), SetupOutputs: outs}
	return r, nil
}

// Exec runs one of the learner's lines, unless the exercise does not allow
// it (then it changes nothing and says why, as a refused line does).
func (r *Run) Exec(line string) session.Output {
	if msg, col := r.refusal(line); msg != "" {
		return session.Output{Input: strings.TrimSpace(line), Err: &session.Error{Message: msg, Col: col}}
	}
	return r.S.Exec(line)
}

// refusal says why the exercise does not allow line, "" when it does.
// Lines that do not parse are left to the session, which says why.
func (r *Run) refusal(line string) (string, int) {
	l, err := script.ParseLine(line)
	if err != nil {
		return "", 0
	}
	ex := r.Ex
	switch l.Kind {
	case script.SessionLine:
		cmd := l.Stmt.(*script.Command)
		switch cmd.Name {
		case "undo":
			if len(r.S.History()) <= r.setup {
				return "nothing of yours to undo: the exercise's setup stays", 0
			}
		case "goto":
			if n, ok := cmd.Args[0].(*script.Int); ok && int(n.Value) < r.setup {
				return "the exercise's setup is lines 1 to " + strconv.Itoa(r.setup) + "; go to " + strconv.Itoa(r.setup) + " or later", cmd.Pos.Col
			}
		}
	case script.HostLine, script.NetLine:
		if len(ex.Consoles) > 0 && !contains(ex.Consoles, l.Host) {
			return "this exercise is done from the " + strings.Join(ex.Consoles, ", ") + " consoles", l.HostPos.Col
		}
		if l.Kind == script.NetLine {
			cmd := l.Stmt.(*script.Command)
			if cmd.Name == "seed" {
				return "the exercise chooses the seed: it is yours, from your learner id", cmd.Pos.Col
			}
			if len(ex.NetCommands) > 0 && !contains(ex.NetCommands, cmd.Name) {
				return "this exercise allows net> " + strings.Join(ex.NetCommands, ", ") + " only", cmd.Pos.Col
			}
		}
		if st, ok := l.Stmt.(*script.CallStmt); ok && len(ex.Calls) > 0 && !contains(ex.Calls, st.Call.Name) {
			return "this exercise allows the calls " + strings.Join(ex.Calls, ", ") + " only", st.Call.Pos.Col
		}
	}
	return "", 0
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// LearnerLine is the learner's line number (1-based) of the session's
// line n, 0 for a line of the setup or none.
func (r *Run) LearnerLine(n int) int {
	if n > r.setup {
		return n - r.setup
	}
	return 0
}

// Lines are the learner's lines in effect (after undo), without the setup's.
func (r *Run) Lines() []string { return r.S.History()[r.setup:] }

// Goals are the goals' verdicts now, in order; it reads only what is new.
func (r *Run) Goals() []goal.Result { return r.checker.Check(r.S) }

// Replay runs lines as the learner's. It stops at the first refused
// line and returns its 1-based number and why (0 and nil when all ran).
func (r *Run) Replay(lines []string) (int, *session.Error) {
	for i, l := range lines {
		if o := r.Exec(l); o.Err != nil {
			return i + 1, o.Err
		}
	}
	return 0, nil
}
