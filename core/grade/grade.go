package grade

import (
	"os"

	"github.com/sockplay/sockplay/core/exercise"
)

// Result is one submission file's grade.
type Result struct {
	File  string         `json:"file"`
	Score exercise.Score `json:"score"`
}

// File grades one submission file. A file that cannot be read or parsed
// scores 0 with the reason, and grading goes on.
func File(ex *exercise.Exercise, path string) Result {
	data, err := os.ReadFile(path)
	if err != nil {
		return refused(ex, path, "", "cannot read the submission: "+err.Error())
	}
	sub, err := ParseSubmission(data)
	if err != nil {
		return refused(ex, path, "", err.Error())
	}
	return Result{File: path, Score: ex.Grade(sub)}
}

func refused(ex *exercise.Exercise, path, learner, why string) Result {
	return Result{File: path, Score: ex.Refuse(learner, why)}
}
