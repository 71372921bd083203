// Package exercise is sockplay's self-graded exercise: a notebook
// document with goals. Setup cells fix the world, the learner types lines
// in the task cell, goals (core/goal) are checked after every line, and
// questions are answered with numbers from the learner's own trace. The
// seed derives from the exercise and the learner, so every learner gets
// their own ports, ISNs and losses, and a grade is verified by replaying
// the learner's lines (Grade). README.md is the format's reference.
//
// It is pure Go without fmt, reflect or encoding/json: the exercise page's
// engine and the grader run this same code.
package exercise

import "github.com/sockplay/sockplay/core/goal"

// Exercise is one exercise, read from its document.
type Exercise struct {
	ID      string
	Version int
	Title   string
	Seed    uint64 // the seed without a learner id
	// Settings are the network's, each the net> command Key run with
	// Value before the setup cells ("latency", "10ms").
	Settings []Setting

	// What the learner may type: hosts' consoles and "net"; call names;
	// net> commands. Empty means any.
	Consoles    []string
	Calls       []string
	NetCommands []string

	Setup        []Cell // the cells before the task, run first
	Task         string // the task cell's id: where the learner's lines go
	Goals        []Goal
	Questions    []Question
	Solution     []string // the reference solution's lines
	SolutionLine int      // its opening fence's line
	Wrong        []Wrong  // authored wrong attempts
}

// Setting is one network setting.
type Setting struct {
	Key, Value string
	Line, Col  int
}

// Cell is a setup cell: lines run before the learner's.
type Cell struct {
	ID     string
	Lines  []string
	Hidden bool // run but not shown
	Line   int  // its opening fence's line
}

// Goal is a goal with its points, the message that names what is
// missing, and hints revealed one at a time.
type Goal struct {
	ID      string
	For     string // the cell it is shown with
	Points  int
	Goal    *goal.Goal
	Missing string
	Hints   []string
	Line    int
}

// Question asks for a value from the learner's own session (Value) or for
// one of Choices (Correct).
type Question struct {
	ID        string
	Ask       string
	Points    int
	Value     *goal.Value
	Tolerance float64 // numeric answers: accepted distance from the value
	Percent   bool    // Tolerance is a percentage of the value
	Choices   []string
	Correct   string
	Line      int
}

// Wrong is an authored wrong attempt: its lines must miss the goal Misses.
type Wrong struct {
	Misses string
	Lines  []string
	Line   int
}

// Par is the reference solution's line count, comments and blank lines
// not counted.
func (ex *Exercise) Par() int { return countLines(ex.Solution) }

// MaxPoints is the most an attempt can score.
func (ex *Exercise) MaxPoints() int {
	n := 0
	for _, g := range ex.Goals {
		n += g.Points
	}
	for _, q := range ex.Questions {
		n += q.Points
	}
	return n
}

// Goal is the goal with id, or nil.
func (ex *Exercise) GoalByID(id string) *Goal {
	for i := range ex.Goals {
		if ex.Goals[i].ID == id {
			return &ex.Goals[i]
		}
	}
	return nil
}

func countLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if isCode(l) {
			n++
		}
	}
	return n
}

// isCode: a line that does something, not blank and not only a comment.
func isCode(l string) bool {
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case ' ', '\t':
			continue
		case '#':
			return false
		}
		return true
	}
	return false
}
