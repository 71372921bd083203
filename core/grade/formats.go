package grade

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/exercise"
)

// Formats are the output formats of Write, in the order --help lists them.
var Formats = []string{"text", "json", "junit", "tap", "gradescope"}

// Write writes the results of grading submissions of ex in format.
func Write(w io.Writer, format string, ex *exercise.Exercise, results []Result) error {
	switch format {
	case "text":
		return writeText(w, ex, results)
	case "json":
		return writeJSON(w, ex, results)
	case "junit":
		return writeJUnit(w, ex, results)
	case "tap":
		return writeTAP(w, ex, results)
	case "gradescope":
		return writeGradescope(w, results)
	}
	return errors.New("no format " + strconv.Quote(format) + "; the formats are " + strings.Join(Formats, ", "))
}

// check is one goal or question of a score, as the test-report formats
// list them.
type check struct {
	name        string
	points, max int
	passed      bool
	why         string
}

func checks(sc *exercise.Score) []check {
	var cs []check
	for _, g := range sc.Goals {
		c := check{name: "goal " + g.ID + ": " + g.Goal, points: g.Points, max: g.Max, passed: g.Met, why: g.Missing}
		cs = append(cs, c)
	}
	for _, q := range sc.Questions {
		c := check{name: "question " + q.ID + ": " + q.Ask, points: q.Points, max: q.Max, passed: q.Correct, why: q.Reason}
		if !q.Correct && q.Given != "" {
			c.why = "answered " + q.Given + "; " + q.Reason
			if q.Expected != "" {
				c.why += ": " + q.Expected
			}
		}
		cs = append(cs, c)
	}
	return cs
}

func learnerName(r *Result) string {
	if r.Score.Learner != "" {
		return r.Score.Learner
	}
	return "(no learner id)"
}

func summary(sc *exercise.Score) string {
	s := strconv.Itoa(sc.Points) + "/" + strconv.Itoa(sc.Max)
	switch {
	case sc.Refused != "":
		s += ", refused: " + sc.Refused
	case sc.AtPar():
		s += ", solved at par (" + strconv.Itoa(sc.Lines) + " lines, par " + strconv.Itoa(sc.Par) + ")"
	case sc.Solved():
		s += ", solved (" + strconv.Itoa(sc.Lines) + " lines, par " + strconv.Itoa(sc.Par) + ")"
	}
	return s
}

func writeText(w io.Writer, ex *exercise.Exercise, results []Result) error {
	var b strings.Builder
	b.WriteString(ex.ID + " version " + strconv.Itoa(ex.Version) + ": " + strconv.Itoa(len(results)) + " submission(s)\n")
	for i := range results {
		r := &results[i]
		b.WriteString("\n" + r.File + "  " + learnerName(r) + "  " + summary(&r.Score) + "\n")
		if r.Score.Refused != "" {
			continue
		}
		for _, c := range checks(&r.Score) {
			mark := "ok  "
			if !c.passed {
				mark = "MISS"
			}
			b.WriteString("  " + mark + " " + strconv.Itoa(c.points) + "/" + strconv.Itoa(c.max) + "  " + c.name + "\n")
			if !c.passed && c.why != "" {
				b.WriteString("            " + c.why + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeJSON(w io.Writer, ex *exercise.Exercise, results []Result) error {
	out := struct {
		Exercise string   `json:"exercise"`
		Version  int      `json:"version"`
		Results  []Result `json:"results"`
	}{ex.ID, ex.Version, results}
	if out.Results == nil {
		out.Results = []Result{}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
