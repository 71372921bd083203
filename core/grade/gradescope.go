package grade

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
)

// Gradescope's results.json (gradescope-autograders.readthedocs.io,
// "Autograder Specifications"): the score, an output for the student and
// a test per goal and question with its score, max_score, status and
// output. Gradescope runs the autograder once per submission, so this
// format grades exactly one.
type gradescopeResults struct {
	Score            float64          `json:"score"`
	Output           string           `json:"output"`
	Visibility       string           `json:"visibility"`
	StdoutVisibility string           `json:"stdout_visibility"`
	Tests            []gradescopeTest `json:"tests"`
}

type gradescopeTest struct {
	Score      float64 `json:"score"`
	MaxScore   float64 `json:"max_score"`
	Status     string  `json:"status"`
	Name       string  `json:"name"`
	Number     string  `json:"number"`
	Output     string  `json:"output"`
	Visibility string  `json:"visibility"`
}

func writeGradescope(w io.Writer, results []Result) error {
	if len(results) != 1 {
		return errors.New("gradescope's results.json is for one submission; this is " + strconv.Itoa(len(results)))
	}
	sc := &results[0].Score
	out := gradescopeResults{Score: float64(sc.Points), Output: "sockplay grade: " + summary(sc) + ". The score is recomputed by replaying your lines with your own seed.",
		Visibility: "visible", StdoutVisibility: "hidden", Tests: []gradescopeTest{}}
	if sc.Refused == "" {
		for i, c := range checks(sc) {
			t := gradescopeTest{Score: float64(c.points), MaxScore: float64(c.max), Status: "passed", Name: c.name, Number: strconv.Itoa(i + 1), Visibility: "visible"}
			if !c.passed {
				t.Status, t.Output = "failed", c.why
			}
			out.Tests = append(out.Tests, t)
		}
	} else {
		out.Tests = append(out.Tests, gradescopeTest{Score: 0, MaxScore: float64(sc.Max), Status: "failed", Name: "submission", Number: "1", Output: "refused: " + sc.Refused, Visibility: "visible"})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
