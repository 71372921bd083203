package notebook

import (
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/session"
)

const handshake = `---
seed: 42
network:
  latency: 20ms
---
Listen:

` + "```sock id=listen" + `
server> s = socket(AF_INET, SOCK_STREAM)
server> bind(s, 0.0.0.0:80)
# a comment line

server> listen(s, 5)
` + "```" + `

Connect:

` + "```sock id=connect" + `
client> c = socket(AF_INET, SOCK_STREAM)
client> connect(c, server:80)
net> run
server> a = accept(s)
` + "```" + `

` + "```sock id=talk" + `
client> send(c, "hello")
net> run
server> recv(a, 100)
` + "```" + `
`

func mustParse(t *testing.T, text string) *Doc {
	t.Helper()
	d, probs := Parse(text)
	if probs != nil {
		t.Fatal(probs)
	}
	return d
}

// replay is what a run must equal: the settings and the cells' lines
// typed into a fresh session, cell by cell.
func replay(d *Doc, upTo int) []string {
	s := session.New(d.Seed)
	for _, st := range d.Settings {
		s.Exec("net> " + st.Key + " " + st.Value)
	}
	var transcripts []string
	for _, c := range d.Cells()[:upTo] {
		var b strings.Builder
		for _, l := range strings.Split(c.Source, "\n") {
			if strings.TrimSpace(l) != "" {
				b.WriteString(s.Exec(l).Transcript())
			}
		}
		transcripts = append(transcripts, b.String())
	}
	return transcripts
}

func TestRunIsTheReplayOfTheCells(t *testing.T) {
	d := mustParse(t, handshake)
	var r Runner
	run, ok := r.Run(d, "")
	if !ok || run.Failed() != nil || len(run.Cells) != 3 {
		t.Fatalf("run: %v %+v", ok, run)
	}
	want := replay(d, 3)
	for i, c := range run.Cells {
		if c.Transcript() != want[i] || c.Digest != Digest(want[i]) || c.ID != d.Cells()[i].ID {
			t.Errorf("cell %d:\n%s\nwant\n%s", i, c.Transcript(), want[i])
		}
	}
	if !strings.Contains(run.Cells[1].Transcript(), "Flags [S]") || len(run.Cells[0].Outputs) != 4 {
		t.Errorf("the cells did not run as written:\n%s", run.Cells[1].Transcript())
	}
	if run.Cells[1].State.Now < 40_000_000 {
		t.Errorf("the front matter's 20ms latency was not applied: the handshake ended at %v", run.Cells[1].State.Now)
	}
	if got := len(r.Session().History()); got != 1+4+4+3 {
		t.Errorf("the session holds %d lines", got)
	}
}

func TestRunReusesWhatDidNotChange(t *testing.T) {
	d := mustParse(t, handshake)
	var r Runner
	r.Run(d, "")
	all := r.execs
	// Running to an earlier cell replays nothing new.
	run, _ := r.Run(d, "connect")
	if len(run.Cells) != 2 || r.execs != all || len(r.Session().History()) != 1+4+4 {
		t.Errorf("run to connect: %d cells, %d lines executed again, history %d", len(run.Cells), r.execs-all, len(r.Session().History()))
	}
	// Editing the last cell runs only it.
	if probs := d.SetCell("talk", "client> send(c, \"bye\")\nnet> run"); probs != nil {
		t.Fatal(probs)
	}
	before := r.execs
	run, _ = r.Run(d, "")
	if r.execs-before != 2 {
		t.Errorf("editing the last cell re-ran %d lines, want 2", r.execs-before)
	}
	fresh, _ := (&Runner{}).Run(d, "")
	for i := range fresh.Cells {
		if fresh.Cells[i].Transcript() != run.Cells[i].Transcript() {
			t.Errorf("cell %d differs from a fresh run", i)
		}
	}
	// A new seed starts over.
	if probs := d.SetFront("seed: 43\nnetwork:\n  latency: 20ms\n"); probs != nil {
		t.Fatal(probs)
	}
	before = r.execs
	run, _ = r.Run(d, "")
	if r.execs-before != 10 || run.Cells[1].Digest == fresh.Cells[1].Digest {
		t.Errorf("after a new seed: %d lines run, handshake digest %s", r.execs-before, run.Cells[1].Digest)
	}
}

func TestRunStopsAtARefusedLine(t *testing.T) {
	d := mustParse(t, strings.Replace(handshake, "net> run\nserver> a", "net> run\n  server> a = accept(t)\nserver> a", 1))
	var r Runner
	run, _ := r.Run(d, "")
	p := run.Failed()
	if len(run.Cells) != 2 || p == nil || p.Line != 22 || p.Col != 22 || !strings.Contains(p.Message, "t") {
		t.Fatalf("%d cells, problem %+v", len(run.Cells), p)
	}
	if last := run.Cells[1].Outputs; last[len(last)-1].Err == nil {
		t.Error("the refused line's output is not the cell's last")
	}
	// The next run after a fix starts from the last cell that ran whole.
	d.SetCell("connect", "client> c = socket(AF_INET, SOCK_STREAM)")
	before := r.execs
	run, _ = r.Run(d, "connect")
	if run.Failed() != nil || r.execs-before != 1 || len(r.Session().History()) != 1+4+1 {
		t.Errorf("after the fix: %+v, %d lines run, history %v", run.Failed(), r.execs-before, r.Session().History())
	}
}

func TestRunRefusesUndoAndGoto(t *testing.T) {
	d := mustParse(t, "```sock id=a\nserver> s = socket(AF_INET, SOCK_STREAM)\n```\n```sock id=b\nclient> c = socket(AF_INET, SOCK_STREAM)\nundo\n```\n")
	var r Runner
	run, _ := r.Run(d, "")
	if p := run.Failed(); p == nil || p.Line != 6 || !strings.Contains(p.Message, "console command") {
		t.Fatalf("undo in a cell: %+v", p)
	}
	if got := r.Session().History(); len(got) != 2 {
		t.Errorf("after the refused undo the session holds %v", got)
	}
}

func TestRunReportsABadSetting(t *testing.T) {
	d := mustParse(t, "---\nnetwork:\n  latency: fast\n---\n```sock\nnet> run\n```\n")
	var r Runner
	run, _ := r.Run(d, "")
	if run.Problem == nil || run.Problem.Line != 3 || run.Problem.Col != 12 || len(run.Cells) != 0 {
		t.Fatalf("%+v", run)
	}
	if _, ok := r.Run(d, "nope"); ok {
		t.Error("a run to a cell that does not exist")
	}
}

// TestCachedRunsEqualFreshRuns edits and runs a document in a fixed
// pseudo-random order: every cached run must equal a run from scratch.
func TestCachedRunsEqualFreshRuns(t *testing.T) {
	d := mustParse(t, handshake)
	sources := []string{
		"client> send(c, \"x\")\nnet> run", "net> loss 50%", "net> step", "server> close(a)\nnet> run",
		"client> c2 = socket(AF_INET, SOCK_STREAM)", "server> recv(a, 1)", "client> connect(c, server:99)",
	}
	ids := []string{"listen", "connect", "talk"}
	var r Runner
	state := uint32(1)
	next := func(n int) int { state = state*1664525 + 1013904223; return int(state>>16) % n }
	for i := 0; i < 60; i++ {
		switch next(4) {
		case 0:
			d.SetCell(ids[1+next(2)], sources[next(len(sources))])
		case 1:
			d.SetFront("seed: " + itoa(next(3)) + "\n")
		}
		id := ids[next(3)]
		got, _ := r.Run(d, id)
		want, _ := (&Runner{}).Run(d, id)
		if len(got.Cells) != len(want.Cells) {
			t.Fatalf("step %d: %d cells, fresh %d", i, len(got.Cells), len(want.Cells))
		}
		for k := range got.Cells {
			if got.Cells[k].Transcript() != want.Cells[k].Transcript() || got.Cells[k].State.Now != want.Cells[k].State.Now {
				t.Fatalf("step %d, cell %s differs from a fresh run", i, got.Cells[k].ID)
			}
		}
		fresh := session.New(d.Seed)
		for _, l := range r.Session().History() {
			fresh.Exec(l)
		}
		if fresh.State().Now != r.Session().State().Now || len(fresh.Trace(0)) != len(r.Session().Trace(0)) {
			t.Fatalf("step %d: the session is not the replay of its history", i)
		}
	}
}

func TestFromScriptCutsCellsAfterTheNetwork(t *testing.T) {
	s := session.New(18446744073709551615)
	for _, l := range strings.Split("server> s = socket(AF_INET, SOCK_STREAM)\nserver> listen(s, 5)\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> step\nnet> run\nserver> a = accept(s)\n# done", "\n") {
		if o := s.Exec(l); o.Err != nil {
			t.Fatal(l, o.Err)
		}
	}
	d, probs := FromScript(s.Script(), 18446744073709551615)
	if probs != nil {
		t.Fatal(probs)
	}
	cells := d.Cells()
	if d.Seed != 18446744073709551615 || len(cells) != 2 || !strings.HasSuffix(cells[0].Source, "net> step\nnet> run") || cells[1].Source != "server> a = accept(s)\n# done" {
		t.Fatalf("%s", d.Text())
	}
	var r Runner
	run, _ := r.Run(d, "")
	if run.Failed() != nil || !equalStrings(r.Session().History(), s.History()) || r.Session().State().Now != s.State().Now {
		t.Errorf("the notebook does not replay the session: %v", run.Failed())
	}
	if d, probs := FromScript("", 1); probs != nil || len(d.Cells()) != 0 {
		t.Errorf("an empty session: %v", probs)
	}
}

func equalStrings(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

// TestRunStartsFromTheNearestSnapshot: editing a cell runs it from the
// snapshot after the cell before it, also when that cell left a socket
// call blocked (wait) or an HTTP server running (serve); when it left a
// library's call blocked (fetch's http.get: no snapshot there), from the
// snapshot before, running the cells in between again. Either way the
// run equals a fresh one.
func TestRunStartsFromTheNearestSnapshot(t *testing.T) {
	doc := "```sock id=listen\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\n```\n\n" +
		"```sock id=wait\nserver> a = accept(s)\n```\n\n" +
		"```sock id=connect\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n```\n\n" +
		"```sock id=serve\nserver> w = socket(AF_INET, SOCK_STREAM)\nserver> bind(w, 0.0.0.0:8080)\nserver> listen(w, 5)\nserver> http.serve(w)\n```\n\n" +
		"```sock id=fetch\nclient> g = socket(AF_INET, SOCK_STREAM)\nclient> connect(g, server:8080)\nnet> run\nclient> http.get(g, \"/index.html\")\n```\n\n" +
		"```sock id=talk\nnet> run\nclient> send(c, \"hi\")\nnet> run\nserver> recv(a, 10)\n```\n"
	d := mustParse(t, doc)
	var r Runner
	if run, _ := r.Run(d, ""); run.Failed() != nil || !strings.Contains(run.Cells[4].Transcript(), "blocked") {
		t.Fatalf("%v\n%s", run.Failed(), run.Cells[4].Transcript())
	}
	for _, edit := range []struct {
		id       string
		replayed int // lines run again to get to the cell before it
	}{{"talk", 4}, {"fetch", 0}, {"serve", 0}, {"connect", 0}, {"wait", 0}} {
		c := d.Cell(edit.id)
		if probs := d.SetCell(edit.id, c.Source+"\n# edited"); probs != nil {
			t.Fatal(probs)
		}
		r.replayed = 0
		run, _ := r.Run(d, "")
		if r.replayed != edit.replayed {
			t.Errorf("editing %s ran %d lines again, want %d", edit.id, r.replayed, edit.replayed)
		}
		fresh, _ := (&Runner{}).Run(d, "")
		if len(run.Cells) != len(fresh.Cells) {
			t.Fatalf("after editing %s: %v, fresh %v\n%s\n----\n%s", edit.id, run.Failed(), fresh.Failed(), run.Cells[len(run.Cells)-1].Transcript(), fresh.Cells[len(run.Cells)-1].Transcript())
		}
		for i := range fresh.Cells {
			if run.Cells[i].Transcript() != fresh.Cells[i].Transcript() {
				t.Errorf("after editing %s, cell %s differs from a fresh run", edit.id, fresh.Cells[i].ID)
			}
		}
	}
}
