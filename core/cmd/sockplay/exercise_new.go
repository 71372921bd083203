package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/sockplay/sockplay/core/exercise"
)

const exerciseNewUsage = `usage: sockplay exercise new [--seed N] [--setup N] [--title TITLE] SCRIPT|-

Writes an exercise file drafted from a session script to stdout: its first
--setup lines become the setup cell, the rest the reference solution, and
goals are proposed from what the solution made happen (each met by the
solution and by no empty attempt, so the draft passes exercise check).
Edit the task's text, the goals, hints and questions, then run
sockplay exercise check on it.
`

// runExerciseNew is `sockplay exercise new`: the CLI twin of the page's
// "Save as an exercise".
func runExerciseNew(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("exercise new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "the exercise's seed (each learner gets their own)")
	setup := fs.Int("setup", 0, "how many of the script's lines are the setup")
	title := fs.String("title", "", "the exercise's title (its id is made from it)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, exerciseNewUsage)
		return 2
	}
	src, err := readInput(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "sockplay: %v\n", err)
		return 1
	}
	lines := exercise.ScriptLines(string(src))
	if *setup < 0 || *setup > len(lines) {
		fmt.Fprintf(stderr, "sockplay: --setup is 0 to %d, the script's lines\n", len(lines))
		return 2
	}
	fmt.Fprint(stdout, exercise.Draft(*title, *seed, lines[:*setup], lines[*setup:]))
	return 0
}
