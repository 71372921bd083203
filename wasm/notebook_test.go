//go:build !js || notebook

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/notebook"
	"github.com/sockplay/sockplay/core/session"
)

const nbText = "---\ntitle: Handshake\nseed: 18446744073709551615\nnetwork:\n  latency: 20ms\nexercise:\n  goals:\n    - id: g1\n---\nProse.\n\n" +
	"```sock id=listen goal=g1\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\n```\n\n" +
	"```sock\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n```\n"

type docJSON struct {
	Title    string            `json:"title"`
	Seed     string            `json:"seed"`
	Settings []notebook.Attr   `json:"settings"`
	Meta     map[string]any    `json:"meta"`
	Parts    []json.RawMessage `json:"parts"`
}

type partJSON struct {
	Kind, ID, Source, Text, Digest string
	Line                           int
	Attrs                          []struct{ Key, Value string }
}

type editJSON struct {
	Doc      *docJSON           `json:"doc"`
	Problems []notebook.Problem `json:"problems"`
}

type runJSON struct {
	Cells []struct {
		ID         string            `json:"id"`
		Outputs    []session.Output  `json:"outputs"`
		State      session.State     `json:"state"`
		Digest     string            `json:"digest"`
		Expected   string            `json:"expected"`
		Reproduces *bool             `json:"reproduces"`
		Error      *notebook.Problem `json:"error"`
	} `json:"cells"`
	Problem *notebook.Problem `json:"problem"`
}

func parts(t *testing.T, d *docJSON) []partJSON {
	var ps []partJSON
	for _, raw := range d.Parts {
		var p partJSON
		require.NoError(t, json.Unmarshal(raw, &p))
		ps = append(ps, p)
	}
	return ps
}

func TestNotebookOpensEditsAndRuns(t *testing.T) {
	b := realBridge()
	assert.Contains(t, callError(t, b.Call("nbText", goArgs{})).Message, "no notebook is open")
	open := value[editJSON](t, b.Call("nbOpen", goArgs{nbText}))
	require.NotNil(t, open.Doc, "%+v", open.Problems)
	d := open.Doc
	assert.Equal(t, "Handshake", d.Title)
	assert.Equal(t, "18446744073709551615", d.Seed)
	assert.Equal(t, []notebook.Attr{{Key: "latency", Value: "20ms"}}, d.Settings)
	assert.Equal(t, map[string]any{"goals": []any{map[string]any{"id": "g1"}}}, d.Meta["exercise"])
	ps := parts(t, d)
	require.Len(t, ps, 4)
	assert.Equal(t, partJSON{Kind: "prose", Text: "Prose.\n\n", Line: 10}, ps[0])
	assert.Equal(t, "listen", ps[1].ID)
	assert.Equal(t, 12, ps[1].Line)
	assert.Equal(t, "goal", ps[1].Attrs[0].Key)
	assert.Equal(t, "cell-2", ps[3].ID)
	assert.Equal(t, nbText, value[string](t, b.Call("nbText", goArgs{})))

	run := value[runJSON](t, b.Call("nbRunAll", goArgs{}))
	require.Len(t, run.Cells, 2)
	assert.Nil(t, run.Cells[1].Error)
	assert.Nil(t, run.Cells[1].Reproduces, "no digest, no verdict")
	assert.Len(t, run.Cells[1].Outputs, 3)
	assert.Contains(t, run.Cells[1].Outputs[2].Transcript(), "Flags [S.]")
	assert.Equal(t, 2, len(run.Cells[1].State.Hosts[0].Sockets)+len(run.Cells[1].State.Hosts[1].Sockets)-1)
	// The session methods describe the notebook's session.
	hist := value[[]string](t, b.Call("history", goArgs{}))
	assert.Len(t, hist, 1+3+3)

	// Stamping writes the digests, and they reproduce.
	stamped := value[editJSON](t, b.Call("nbStamp", goArgs{}))
	require.NotNil(t, stamped.Doc)
	text := value[string](t, b.Call("nbText", goArgs{}))
	assert.Contains(t, text, "```sock id=listen digest="+run.Cells[0].Digest+" goal=g1\n")
	assert.Contains(t, text, "```sock id=cell-2 digest="+run.Cells[1].Digest+"\n")
	run = value[runJSON](t, b.Call("nbRunTo", goArgs{"cell-2"}))
	require.NotNil(t, run.Cells[1].Reproduces)
	assert.True(t, *run.Cells[1].Reproduces)

	// An edit that fails changes nothing; one that works marks the cell.
	bad := value[editJSON](t, b.Call("nbSetPart", goArgs{0.0, "```sock id=listen\n```\n"}))
	assert.Nil(t, bad.Doc)
	require.Len(t, bad.Problems, 1)
	assert.Contains(t, bad.Problems[0].Message, "already another cell's")
	assert.Equal(t, text, value[string](t, b.Call("nbText", goArgs{})))
	edit := value[editJSON](t, b.Call("nbSetCell", goArgs{"cell-2", "client> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:81)\nnet> run"}))
	require.NotNil(t, edit.Doc)
	run = value[runJSON](t, b.Call("nbRunAll", goArgs{}))
	assert.False(t, *run.Cells[1].Reproduces)
	assert.True(t, *run.Cells[0].Reproduces)

	// A refused line: its place in the .md.
	value[editJSON](t, b.Call("nbSetCell", goArgs{"cell-2", "client> connect(x, server:80)"}))
	run = value[runJSON](t, b.Call("nbRunAll", goArgs{}))
	require.NotNil(t, run.Cells[1].Error)
	assert.Equal(t, notebook.Problem{Line: 19, Col: 17, Message: run.Cells[1].Error.Message}, *run.Cells[1].Error)
	assert.NotNil(t, run.Cells[1].Outputs[0].Err)

	assert.Contains(t, callError(t, b.Call("nbRunTo", goArgs{"nope"})).Message, "no cell with id nope")
	front := value[editJSON](t, b.Call("nbSetFront", goArgs{"seed: x\n"}))
	assert.Equal(t, []notebook.Problem{{Line: 2, Col: 7, Message: front.Problems[0].Message}}, front.Problems)
	probs := value[editJSON](t, b.Call("nbOpen", goArgs{"```sock id=a/b\n```\n"}))
	assert.Nil(t, probs.Doc)
	assert.Equal(t, 1, probs.Problems[0].Line)
	assert.Equal(t, text[:40], value[string](t, b.Call("nbText", goArgs{}))[:40], "a document that does not parse replaces nothing")
}

func TestNotebookRunStartsOverAfterNewSession(t *testing.T) {
	b := realBridge()
	value[editJSON](t, b.Call("nbOpen", goArgs{nbText}))
	first := value[runJSON](t, b.Call("nbRunAll", goArgs{}))
	value[session.State](t, b.Call("newSession", goArgs{7.0}))
	value[session.Output](t, b.Call("exec", goArgs{"client> x = socket(AF_INET, SOCK_STREAM)"}))
	again := value[runJSON](t, b.Call("nbRunAll", goArgs{}))
	assert.Equal(t, first.Cells[1].Digest, again.Cells[1].Digest)
	assert.Len(t, value[[]string](t, b.Call("history", goArgs{})), 7)
	// The page typing into the notebook's session does not fool the cache.
	value[session.Output](t, b.Call("exec", goArgs{"client> y = socket(AF_INET, SOCK_STREAM)"}))
	value[runJSON](t, b.Call("nbRunTo", goArgs{"listen"}))
	assert.Len(t, value[[]string](t, b.Call("history", goArgs{})), 4)
}

func TestNotebookRepliesAreValidJSONForAnyText(t *testing.T) {
	b := realBridge()
	for _, text := range []string{"", "<script>alert(1)</script>\n", "```sock\nclient> \xff\n```\n", strings.Repeat("```sock\n```\n", 50)} {
		r := b.Call("nbOpen", goArgs{text})
		assert.True(t, json.Valid([]byte(r.JSON)), r.JSON)
		r = b.Call("nbRunAll", goArgs{})
		assert.True(t, json.Valid([]byte(r.JSON)), r.JSON)
	}
}
