package grade

import (
	"os"
	"time"

	"github.com/sockplay/sockplay/core/exercise"
)

// Result is one submission file's grade.
type Result struct {
	File     string         `json:"file"`
	Modified time.Time      `json:"modified"` // when the file was last written
	Score    exercise.Score `json:"score"`
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
	res := Result{File: path, Score: ex.Grade(sub)}
	if st, err := os.Stat(path); err == nil {
		res.Modified = st.ModTime()
	}
	return res
}

func refused(ex *exercise.Exercise, path, learner, why string) Result {
	return Result{File: path, Score: ex.Refuse(learner, why)}
}
