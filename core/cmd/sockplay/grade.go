package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sockplay/sockplay/core/exercise"
	"github.com/sockplay/sockplay/core/grade"
)

const gradeUsage = `usage: sockplay grade [--format text|json|junit|tap|gradescope] EXERCISE.md SUBMISSION|DIR...

Replays each submission (a .json file the exercise page downloads; a
directory means every .json in it) on a fresh session with the learner's
own seed and scores it: nothing a submission claims is read. A submission
for another exercise or version, or one that cannot be read, scores 0 with
the reason, and grading goes on.

  --format text        readable, one block per submission (the default)
  --format json        every score in full
  --format junit       JUnit XML: a suite per submission, a case per goal
                       and question (GitHub Classroom, GitLab, Jenkins)
  --format tap         TAP version 14, a subtest per submission
  --format gradescope  Gradescope's results.json, for one submission

Exits 0 when every submission solved the exercise, 1 when one did not,
2 on a usage error or a malformed exercise.
`

const exerciseUsage = `usage: sockplay exercise check EXERCISE.md...
       sockplay exercise new [--seed N] [--setup N] [--title TITLE] SCRIPT|-

The authoring check: the reference solution must score full marks, an
empty attempt no goal, and each wrong attempt must miss the goal it names,
each replayed for three learners. Problems print as FILE:LINE:COL.
exercise new drafts an exercise from a session script (exercise new --help).
`

// loadExercise reads an exercise file, printing FILE:LINE:COL problems.
func loadExercise(path string, stderr io.Writer) *exercise.Exercise {
	text, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil
	}
	ex, probs := exercise.Parse(string(text))
	for _, p := range probs {
		fmt.Fprintf(stderr, "%s:%s\n", path, p.Error())
	}
	return ex
}

func runGrade(args []string, stdout, stderr io.Writer) int {
	format := "text"
	var files []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-h" || a == "--help":
			fmt.Fprint(stdout, gradeUsage)
			return 0
		case a == "--format" && i+1 < len(args):
			format, i = args[i+1], i+1
		case strings.HasPrefix(a, "--format="):
			format = strings.TrimPrefix(a, "--format=")
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "sockplay grade: unknown flag %s\n%s", a, gradeUsage)
			return 2
		default:
			files = append(files, a)
		}
	}
	if len(files) < 2 {
		fmt.Fprint(stderr, gradeUsage)
		return 2
	}
	ex := loadExercise(files[0], stderr)
	if ex == nil {
		return 2
	}
	subs, err := submissionFiles(files[1:])
	if err != nil {
		fmt.Fprintln(stderr, "sockplay grade:", err)
		return 2
	}
	results := make([]grade.Result, len(subs))
	for i, f := range subs {
		results[i] = grade.File(ex, f)
	}
	if err := grade.Write(stdout, format, ex, results); err != nil {
		fmt.Fprintln(stderr, "sockplay grade:", err)
		return 2
	}
	for _, r := range results {
		if !r.Score.Solved() {
			return 1
		}
	}
	return 0
}

// submissionFiles lists the files named, a directory's .json files in
// name order.
func submissionFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a) // a file that cannot be read scores 0 with the reason
			continue
		}
		found, err := filepath.Glob(filepath.Join(a, "*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func runExercise(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "new" {
		return runExerciseNew(args[1:], stdin, stdout, stderr)
	}
	if len(args) < 2 || args[0] != "check" {
		fmt.Fprint(stderr, exerciseUsage)
		return 2
	}
	failed := 0
	for _, path := range args[1:] {
		ex := loadExercise(path, stderr)
		if ex == nil {
			failed++
			continue
		}
		probs := ex.Check()
		for _, p := range probs {
			fmt.Fprintf(stderr, "%s:%s\n", path, p.Error())
		}
		if len(probs) > 0 {
			failed++
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (%d goals, %d questions, %d wrong attempts, par %d)\n", path, len(ex.Goals), len(ex.Questions), len(ex.Wrong), ex.Par())
	}
	if failed > 0 {
		return 1
	}
	return 0
}
