package grade

import (
	"testing"
)

// BenchmarkGradeFolder grades the test submissions over and over and
// reports the rate: the target is 1,000 submissions a minute on
// a 2-core machine (one core here: grading is sequential).
func BenchmarkGradeFolder(b *testing.B) {
	ex := loadExercise(b)
	n := 0
	for b.Loop() {
		n += len(gradeAll(b, ex))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Minutes(), "submissions/min")
}
