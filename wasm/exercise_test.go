//go:build !js || exercise

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/exercise"
	"github.com/sockplay/sockplay/core/session"
)

type exOpenJSON struct {
	Exercise *struct {
		ID       string `json:"id"`
		Version  int    `json:"version"`
		Learner  string `json:"learner"`
		Seed     string `json:"seed"`
		Par      int    `json:"par"`
		Max      int    `json:"max"`
		Task     string `json:"task"`
		Consoles []string
		Setup    []struct {
			ID      string           `json:"id"`
			Hidden  bool             `json:"hidden"`
			Outputs []session.Output `json:"outputs"`
		} `json:"setup"`
		Goals []struct {
			ID, Goal, Missing string
			Points            int
			Hints             []string
		} `json:"goals"`
		Questions []struct {
			ID, Ask string
			Choices []string
		} `json:"questions"`
	} `json:"exercise"`
	Goals    []exGoalJSON       `json:"goals"`
	Problems []exercise.Problem `json:"problems"`
}

type exGoalJSON struct {
	ID     string `json:"id"`
	Met    bool   `json:"met"`
	Line   int    `json:"line"`
	Event  int    `json:"event"`
	Packet int    `json:"packet"`
}

type exScoreJSON struct {
	Points, Max, Lines, Par int
	Solved, AtPar           bool
	Questions               []struct {
		ID, Given, Reason string
		Correct           bool
	}
}

// The scores and seeds below are what the native grader gives the
// submissions in core/grade/testdata (ada solved it, bob closed from the
// wrong side): this test runs natively and, in make test, compiled to
// wasm under Node, so the browser's score is the CLI's.
func TestExerciseBridgeScoresAsTheGrader(t *testing.T) {
	text, err := os.ReadFile("../core/exercises/close-time-wait.md")
	require.NoError(t, err)
	b := realBridge()
	assert.Contains(t, callError(t, b.Call("exScore", goArgs{})).Message, "no exercise is open")

	bad := value[exOpenJSON](t, b.Call("exOpen", goArgs{"---\nexercise:\n  id: x\n---\n", "ada"}))
	require.Nil(t, bad.Exercise)
	require.NotEmpty(t, bad.Problems)

	open := value[exOpenJSON](t, b.Call("exOpen", goArgs{string(text), "ada@example.edu"}))
	require.NotNil(t, open.Exercise, "%+v", open.Problems)
	ex := open.Exercise
	assert.Equal(t, "close-time-wait", ex.ID)
	assert.Equal(t, "8255814341427672229", ex.Seed)
	assert.Equal(t, 4, ex.Par)
	assert.Equal(t, 5, ex.Max)
	assert.True(t, ex.Setup[0].Hidden)
	assert.Empty(t, ex.Setup[0].Outputs, "a hidden cell's outputs are not sent")
	assert.Len(t, ex.Goals[0].Hints, 2)
	assert.Equal(t, []string{"the client", "the server", "both at once"}, ex.Questions[1].Choices)
	assert.Equal(t, []exGoalJSON{{ID: "client-time-wait", Event: -1}, {ID: "server-closed", Event: -1}}, open.Goals)

	// A line the exercise does not allow changes nothing.
	type execJSON struct {
		Output session.Output `json:"output"`
		Goals  []exGoalJSON   `json:"goals"`
	}
	refused := value[execJSON](t, b.Call("exExec", goArgs{"net> seed 4"}))
	require.NotNil(t, refused.Output.Err)
	assert.Contains(t, refused.Output.Err.Message, "the exercise chooses the seed")

	// The goals tick after every line.
	lines := []string{"client> close(c)", "net> run", "server> close(a)", "net> run"}
	for i, l := range lines {
		r := value[execJSON](t, b.Call("exExec", goArgs{l}))
		require.Nil(t, r.Output.Err, l)
		assert.Equal(t, i == 3, r.Goals[0].Met, "after line %d", i+1)
		if i == 3 {
			assert.Equal(t, 4, r.Goals[0].Line)
			assert.Positive(t, r.Goals[0].Event, "the goal links to the trace event that met it")
		}
	}
	assert.Equal(t, lines, value[[]string](t, b.Call("exLines", goArgs{})))

	wrong := value[exScoreJSON](t, b.Call("exAnswer", goArgs{"fin-ack", "1"}))
	assert.False(t, wrong.Questions[0].Correct)
	assert.Equal(t, "not what your session says", wrong.Questions[0].Reason, "the page never shows the expected number")
	value[exScoreJSON](t, b.Call("exAnswer", goArgs{"fin-ack", "1808070629"}))
	sc := value[exScoreJSON](t, b.Call("exAnswer", goArgs{"who", "the client"}))
	assert.Equal(t, exScoreJSON{Points: 5, Max: 5, Lines: 4, Par: 4, Solved: true, AtPar: true}, exScoreJSON{sc.Points, sc.Max, sc.Lines, sc.Par, sc.Solved, sc.AtPar, nil})

	// Bob's numbers are not Ada's.
	value[exOpenJSON](t, b.Call("exOpen", goArgs{string(text), "bob@example.edu"}))
	for _, l := range lines {
		value[execJSON](t, b.Call("exExec", goArgs{l}))
	}
	sc = value[exScoreJSON](t, b.Call("exAnswer", goArgs{"fin-ack", "1808070629"}))
	assert.Equal(t, 3, sc.Points, "bob solved it but copied ada's ack")
	assert.Contains(t, callError(t, b.Call("exAnswer", goArgs{"nope", "1"})).Message, "no question with id nope")
}

// The page reads an empty list as [], never null: an exercise without
// restrictions, a goal without hints, a question without choices.
func TestExerciseRepliesWriteEmptyListsAsEmpty(t *testing.T) {
	text := "---\nexercise:\n  id: bare\n  version: 1\n---\n" +
		"```sock id=task task=true\n```\n\n" +
		"```goal id=listen\nsocket server LISTEN\nmissing: Nothing listens.\n```\n\n" +
		"```question id=port\nask: Which port?\nanswer: count segment\n```\n\n" +
		"```solution\nserver> s = socket(AF_INET, SOCK_STREAM)\n```\n"
	b := realBridge()
	r := b.Call("exOpen", goArgs{text, "ada"})
	require.False(t, r.Raw)
	for _, key := range []string{`"consoles":[]`, `"calls":[]`, `"net":[]`, `"hints":[]`, `"choices":[]`, `"setup":[]`} {
		assert.Contains(t, r.JSON, key)
	}
	assert.NotContains(t, r.JSON, "null")
	assert.Contains(t, b.Call("exLines", goArgs{}).JSON, `"value":[]`)
}

// A teacher's draft from a session passes the authoring check the page
// runs; a draft cut past the script's end is refused with the range.
func TestExerciseDraftAndCheck(t *testing.T) {
	script, err := os.ReadFile("../core/examples/scripts/03-active-close.sock")
	require.NoError(t, err)
	b := realBridge()
	text := value[string](t, b.Call("exDraft", goArgs{"Who ends in TIME-WAIT", "3", string(script), 7.0}))
	assert.Contains(t, text, "entered client TIME-WAIT")
	checked := value[struct {
		ID    string `json:"id"`
		Goals int    `json:"goals"`
		Par   int    `json:"par"`
	}](t, b.Call("exCheck", goArgs{text}))
	assert.Equal(t, "who-ends-in-time-wait", checked.ID)
	assert.Positive(t, checked.Goals)
	assert.Contains(t, callError(t, b.Call("exDraft", goArgs{"x", "3", string(script), 99.0})).Message, "the setup is 0 to")

	bad := value[exOpenJSON](t, b.Call("exCheck", goArgs{strings.Replace(text, "entered client TIME-WAIT", "entered client LISTEN", 1)}))
	require.NotEmpty(t, bad.Problems)
	assert.Contains(t, bad.Problems[0].Message, "the reference solution does not meet goal")
}

// The author page's goal editor tries a goal line on the draft: met by
// the solution at its line, met by an empty attempt, or malformed at a
// column; a draft with problems says so.
func TestExerciseTryGoal(t *testing.T) {
	text, err := os.ReadFile("../core/exercises/close-time-wait.md")
	require.NoError(t, err)
	b := realBridge()
	type tried struct {
		Met       bool   `json:"met"`
		Line      int    `json:"line"`
		Packet    int    `json:"packet"`
		MissedFor string `json:"missedFor"`
		Empty     bool   `json:"empty"`
		Error     *struct {
			Col     int    `json:"col"`
			Message string `json:"message"`
		} `json:"error"`
	}
	fin := value[tried](t, b.Call("exTryGoal", goArgs{string(text), "segment server > client [F*]"}))
	assert.Equal(t, tried{Met: true, Line: 3, Packet: fin.Packet}, fin)
	assert.Positive(t, fin.Packet)
	assert.True(t, value[tried](t, b.Call("exTryGoal", goArgs{string(text), "socket server port 80 LISTEN"})).Empty)
	bad := value[tried](t, b.Call("exTryGoal", goArgs{string(text), "entered client TIME_WAIT"}))
	require.NotNil(t, bad.Error)
	assert.Equal(t, 16, bad.Error.Col)
	assert.Contains(t, bad.Error.Message, "no state TIME_WAIT")
	broken := value[exOpenJSON](t, b.Call("exTryGoal", goArgs{"---\nexercise:\n  id: x\n---\n", "entered client TIME-WAIT"}))
	assert.NotEmpty(t, broken.Problems)
}
