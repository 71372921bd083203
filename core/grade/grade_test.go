package grade

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/exercise"
)

func loadExercise(t testing.TB) *exercise.Exercise {
	t.Helper()
	text, err := os.ReadFile("../exercises/close-time-wait.md")
	if err != nil {
		t.Fatal(err)
	}
	ex, probs := exercise.Parse(string(text))
	if probs != nil {
		t.Fatal(probs)
	}
	return ex
}

func gradeAll(t testing.TB, ex *exercise.Exercise) []Result {
	paths, _ := filepath.Glob("testdata/*.json")
	var rs []Result
	for _, p := range paths {
		rs = append(rs, File(ex, p))
	}
	return rs
}

func TestScoresAreRecomputed(t *testing.T) {
	ex := loadExercise(t)
	want := map[string]struct {
		points  int
		refused string
	}{
		"ada.json":          {5, ""},
		"bob.json":          {0, ""},
		"mallory.json":      {1, ""}, // claims 5 with no lines: only the multiple choice is right
		"old-version.json":  {0, "for version 0"},
		"refused-line.json": {0, "line 2 of the submission is refused"},
		"truncated.json":    {0, "not a submission file"},
	}
	for _, r := range gradeAll(t, ex) {
		w := want[filepath.Base(r.File)]
		if r.Score.Points != w.points || !strings.Contains(r.Score.Refused, w.refused) || (w.refused == "") != (r.Score.Refused == "") {
			t.Errorf("%s: %d points, refused %q; want %d, %q", r.File, r.Score.Points, r.Score.Refused, w.points, w.refused)
		}
	}
}

func TestOutputsAreDeterministic(t *testing.T) {
	ex := loadExercise(t)
	for _, f := range Formats {
		rs := gradeAll(t, ex)
		if f == "gradescope" {
			rs = rs[:1]
		}
		var a, b bytes.Buffer
		if err := Write(&a, f, ex, rs); err != nil {
			t.Fatal(f, err)
		}
		Write(&b, f, ex, gradeAll(t, ex)[:len(rs)])
		if a.String() != b.String() || a.Len() == 0 {
			t.Errorf("%s: two gradings differ", f)
		}
	}
	if err := Write(&bytes.Buffer{}, "csv", ex, nil); err == nil || !strings.Contains(err.Error(), "text, json, junit, tap, gradescope") {
		t.Errorf("an unknown format: %v", err)
	}
	if err := Write(&bytes.Buffer{}, "gradescope", ex, gradeAll(t, ex)); err == nil {
		t.Error("gradescope's results.json took several submissions")
	}
}

// Gradescope's documented fields (Autograder Specifications, "Output
// format"): no others, with their types and values.
var gradescopeTopFields = map[string]string{"score": "number", "execution_time": "number", "output": "string", "output_format": "string",
	"test_output_format": "string", "test_name_format": "string", "visibility": "visibility", "stdout_visibility": "visibility",
	"extra_data": "object", "tests": "array", "leaderboard": "array"}
var gradescopeTestFields = map[string]string{"score": "number", "max_score": "number", "status": "status", "name": "string",
	"name_format": "string", "number": "string", "output": "string", "output_format": "string", "tags": "array",
	"visibility": "visibility", "extra_data": "object"}

func checkFields(t *testing.T, where string, obj map[string]any, spec map[string]string) {
	for k, v := range obj {
		kind, ok := spec[k]
		if !ok {
			t.Errorf("%s: %q is not a documented field", where, k)
			continue
		}
		good := false
		switch kind {
		case "number":
			_, good = v.(float64)
		case "string":
			_, good = v.(string)
		case "object":
			_, good = v.(map[string]any)
		case "array":
			_, good = v.([]any)
		case "visibility":
			s, _ := v.(string)
			good = s == "hidden" || s == "after_due_date" || s == "after_published" || s == "visible"
		case "status":
			s, _ := v.(string)
			good = s == "passed" || s == "failed"
		}
		if !good {
			t.Errorf("%s: %q = %v is not a %s", where, k, v, kind)
		}
	}
}

func TestGradescopeResultsJSON(t *testing.T) {
	ex := loadExercise(t)
	for _, r := range gradeAll(t, ex) {
		var b bytes.Buffer
		if err := Write(&b, "gradescope", ex, []Result{r}); err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		if err := json.Unmarshal(b.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		checkFields(t, r.File, out, gradescopeTopFields)
		sum := 0.0
		for i, x := range out["tests"].([]any) {
			tc := x.(map[string]any)
			checkFields(t, r.File+" test "+string(rune('1'+i)), tc, gradescopeTestFields)
			sum += tc["score"].(float64)
		}
		if sum != out["score"].(float64) || int(sum) != r.Score.Points {
			t.Errorf("%s: tests add up to %v, score %v, graded %d", r.File, sum, out["score"], r.Score.Points)
		}
	}
}

func TestSubmissionRoundTrip(t *testing.T) {
	sub := &exercise.Submission{Exercise: "x", Version: 2, Learner: "ada", Lines: []string{"client> close(c)"}, Answers: map[string]string{"q": "3"}}
	back, err := ParseSubmission(Encode(sub))
	if err != nil || back.Exercise != "x" || back.Version != 2 || back.Lines[0] != "client> close(c)" || back.Answers["q"] != "3" {
		t.Fatalf("%+v %v", back, err)
	}
	if !bytes.Contains(Encode(sub), []byte(`"client> close(c)"`)) {
		t.Error("> is escaped in the file")
	}
	for in, want := range map[string]string{
		`{"sockplay":"notebook","exercise":"x","lines":[]}`:     `lacks "sockplay": "submission"`,
		`{"sockplay":"submission","lines":[]}`:                  "names no exercise",
		`{"sockplay":"submission","exercise":"x"}`:              "has no lines",
		`{"sockplay":"submission","exercise":"x","lines":[]}{}`: "more after the JSON object",
		`{"sockplay":"submission","exercise":"x","lines":[3]}`:  "not a submission file",
	} {
		if _, err := ParseSubmission([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %s", in, err, want)
		}
	}
}

// FuzzParseSubmission: any bytes parse or get an error; a parsed
// submission grades without panicking.
func FuzzParseSubmission(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.json")
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	ex := loadExercise(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		sub, err := ParseSubmission(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		sc := ex.Grade(sub)
		if sc.Points < 0 || sc.Points > sc.Max {
			t.Fatalf("%d/%d", sc.Points, sc.Max)
		}
	})
}
