// Package grade is the teacher's side of exercises: it reads learners'
// submission files, grades each by replaying it (exercise.Grade), and
// writes the scores as readable text, JSON, JUnit XML, TAP 14 or
// Gradescope's results.json. It is for the CLI (`sockplay grade`); the
// browser's engine does not import it.
package grade
