package grade

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/sockplay/sockplay/core/exercise"
	"github.com/sockplay/sockplay/core/limits"
)

// submissionFile is a submission as the exercise page downloads it.
// Fields it does not name (a claimed score, say) are ignored.
type submissionFile struct {
	Sockplay string            `json:"sockplay"` // "submission"
	Exercise string            `json:"exercise"`
	Version  int               `json:"version"`
	Learner  string            `json:"learner"`
	Lines    []string          `json:"lines"`
	Answers  map[string]string `json:"answers"`
}

// ParseSubmission reads a submission file; a malformed one gets an error
// that says what is wrong.
func ParseSubmission(data []byte) (*exercise.Submission, error) {
	if len(data) > limits.ScriptBytes {
		return nil, errors.New("the submission is " + strconv.Itoa(len(data)) + " bytes; at most " + strconv.Itoa(limits.ScriptBytes))
	}
	var f submissionFile
	d := json.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(&f); err != nil {
		return nil, errors.New("not a submission file: " + err.Error())
	}
	if d.More() {
		return nil, errors.New("not a submission file: more after the JSON object")
	}
	switch {
	case f.Sockplay != "submission":
		return nil, errors.New(`not a submission file: it lacks "sockplay": "submission"`)
	case f.Exercise == "":
		return nil, errors.New("the submission names no exercise")
	case f.Lines == nil:
		return nil, errors.New("the submission has no lines")
	}
	return &exercise.Submission{Exercise: f.Exercise, Version: f.Version, Learner: f.Learner, Lines: f.Lines, Answers: f.Answers}, nil
}

// Encode writes a submission file, as the exercise page does.
func Encode(s *exercise.Submission) []byte {
	f := submissionFile{Sockplay: "submission", Exercise: s.Exercise, Version: s.Version, Learner: s.Learner, Lines: s.Lines, Answers: s.Answers}
	if f.Lines == nil {
		f.Lines = []string{}
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false) // lines hold "client> ...": keep > as it is typed
	e.SetIndent("", "  ")
	e.Encode(f)
	return b.Bytes()
}
