package notebook

import (
	"strings"

	"github.com/sockplay/sockplay/core/session"
)

// A run replays, from a fresh session with the document's seed, the front
// matter's network settings and then every cell up to the one asked for,
// in order: the state after cell k is always exactly the replay of cells
// 1..k. The Runner keeps what it ran, so running again re-runs only from
// the first cell whose source (or a predecessor's) changed, and it keeps
// a snapshot of the session after each cell (a clone), so that it starts
// again from the nearest snapshot before that cell, not from the start.

// CellRun is what one cell did in a run.
type CellRun struct {
	ID       string
	Outputs  []session.Output // one per line that is not blank, as Session.Exec answered
	State    session.State    // the session after the cell (after its refused line, if one was)
	Digest   string           // the digest of the cell's transcript
	Expected string           // the digest the document writes for the cell, "" if none
	Error    *Problem         // the refused line, at its line and column in the document
}

// Transcript is the cell's transcript as `sockplay run` prints it.
func (c *CellRun) Transcript() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		b.WriteString(o.Transcript())
	}
	return b.String()
}

// Reproduces says whether the cell gave the digest the document expects;
// false when the document has none.
func (c *CellRun) Reproduces() bool { return c.Expected != "" && c.Digest == c.Expected }

// Run is the result of running a document up to a cell.
type Run struct {
	Cells   []CellRun // from the first cell to the one asked for, or to the one that stopped the run
	Problem *Problem  // a network setting the engine refused: no cell ran
}

// Failed is the first problem of the run, nil when every line ran.
func (r *Run) Failed() *Problem {
	if r.Problem != nil {
		return r.Problem
	}
	if n := len(r.Cells); n > 0 {
		return r.Cells[n-1].Error
	}
	return nil
}

// Runner runs documents on one session, reusing what it already ran.
type Runner struct {
	sess  *session.Session
	seed  uint64
	ran   []ranUnit // what sess ran without a refusal: the settings, then cells in order
	at    int       // how many of ran the session is at the end of; -1 after a refused line
	execs int       // lines executed, for the tests of the cache
	// replayed counts the lines of cells that ran before, run again to
	// get from a snapshot to where a run starts, for the tests.
	replayed int
}

// ranUnit is the settings or one cell, as run.
type ranUnit struct {
	text    string // what was run: the settings' lines or the cell's source
	cell    CellRun
	applied int // the session's history length after it
	// snap is a clone of the session after it, nil when the session
	// could not be cloned there (a library's call waiting, a crowd running).
	snap *session.Session
}

// Session is the session of the last run, at the end of the last cell
// run; nil before any run.
func (r *Runner) Session() *session.Session { return r.sess }

// Forget drops what the runner ran: the next run starts from a fresh
// session (after something else drove the session).
func (r *Runner) Forget() { r.sess, r.ran, r.at = nil, nil, 0 }

// Run runs d's settings and its cells up to the one with id, all of them
// when id is "". It returns false when d has no cell id.
func (r *Runner) Run(d *Doc, id string) (Run, bool) {
	cells := d.Cells()
	last := len(cells) - 1
	if id != "" {
		last = -1
		for i, c := range cells {
			if c.ID == id {
				last = i
			}
		}
		if last < 0 {
			return Run{}, false
		}
	}
	units := make([]string, 0, len(cells)+1)
	units = append(units, settingLines(d.Settings))
	for _, c := range cells {
		units = append(units, c.Source)
	}
	if r.sess == nil || r.seed != d.Seed {
		r.sess, r.seed, r.ran, r.at = nil, d.Seed, nil, 0
	}
	// What is still valid of what ran: the units that are unchanged from
	// the first on.
	same := 0
	for same < len(r.ran) && same < len(units) && r.ran[same].text == units[same] {
		same++
	}
	r.ran = r.ran[:same]
	want := last + 2 // units: the settings and cells 0..last
	var run Run
	from := min(same, want)
	r.moveTo(from)
	for u := 1; u < from; u++ {
		run.Cells = append(run.Cells, r.ran[u].cell)
	}
	for u := from; u < want; u++ {
		if u == 0 {
			if p := r.runSettings(d.Settings); p != nil {
				run.Problem = p
				return run, true
			}
			continue
		}
		cell := r.runCell(cells[u-1])
		run.Cells = append(run.Cells, cell)
		if cell.Error != nil {
			return run, true
		}
	}
	// Cached cells get the ids and expected digests the document has now.
	for i := range run.Cells {
		run.Cells[i].ID, run.Cells[i].Expected = cells[i].ID, cells[i].Digest
	}
	return run, true
}

// moveTo puts the session at the end of the first n units that ran.
func (r *Runner) moveTo(n int) {
	switch {
	case r.sess != nil && r.at == n && r.historyIs(n):
		return
	case n == 0 || r.sess == nil:
		r.sess, r.ran, r.at = session.New(r.seed), r.ran[:0], 0
		return
	}
	// From the nearest snapshot at or before unit n (or from the start),
	// the units after it run again: they give what they gave before.
	from := n
	for from > 0 && r.ran[from-1].snap == nil {
		from--
	}
	if from == 0 {
		r.sess = session.New(r.seed)
	} else {
		r.sess, _ = r.ran[from-1].snap.Clone()
	}
	r.sess.SetAbsolute(false)
	for _, u := range r.ran[from:n] {
		for _, line := range strings.Split(u.text, "\n") {
			if strings.TrimSpace(line) != "" {
				r.sess.Exec(line)
				r.replayed++
			}
		}
	}
	r.at = n
}

// snapshot is a clone of the session as it is now, nil when it cannot be
// cloned.
func (r *Runner) snapshot() *session.Session {
	snap, _ := r.sess.Clone()
	return snap
}

// historyIs checks that nothing but the runner drove the session since.
func (r *Runner) historyIs(n int) bool {
	applied := 0
	if n > 0 {
		applied = r.ran[n-1].applied
	}
	return len(r.sess.History()) == applied
}

// settingLines are the net> lines of the front matter's network settings.
func settingLines(settings []Setting) string {
	var b strings.Builder
	for _, s := range settings {
		b.WriteString("net> " + s.Key + " " + s.Value + "\n")
	}
	return b.String()
}

func (r *Runner) runSettings(settings []Setting) *Problem {
	r.sess.SetAbsolute(false)
	for _, s := range settings {
		o := r.sess.Exec("net> " + s.Key + " " + s.Value)
		if o.Err != nil {
			r.at = -1
			return &Problem{s.Line, s.Col, "network " + s.Key + ": " + o.Err.Message + hint(o.Err)}
		}
	}
	r.ran = append(r.ran, ranUnit{text: settingLines(settings), applied: len(r.sess.History()), snap: r.snapshot()})
	r.at = len(r.ran)
	return nil
}

// runCell runs a cell's lines on the session; a refused line stops it.
func (r *Runner) runCell(c *Part) CellRun {
	r.sess.SetAbsolute(false) // digests are of relative sequence numbers, as tcpdump prints by default
	run := CellRun{ID: c.ID, Expected: c.Digest}
	before := len(r.sess.History())
	for i, text := range strings.Split(c.Source, "\n") {
		if strings.TrimSpace(text) == "" {
			continue
		}
		o := r.sess.Exec(text)
		r.execs++
		if o.Err == nil && o.Line == 0 && isHistoryCommand(o.Input) {
			// undo and goto would make a cell's state depend on how the
			// cells before it ran; the session is put back.
			r.sess.Goto(before)
			o.Err = &session.Error{Message: o.Input + " is a console command: a notebook's state is always its cells run in order", Hint: "edit or delete the lines instead", Col: 1}
		}
		run.Outputs = append(run.Outputs, o)
		if o.Err != nil {
			col := max(o.Err.Col, 1) + c.IndentCol()
			run.Error = &Problem{c.SourceLine(i), col, o.Err.Message + hint(o.Err)}
			break
		}
		before = len(r.sess.History())
	}
	run.State = r.sess.State()
	run.Digest = Digest(run.Transcript())
	if run.Error != nil {
		r.at = -1
		return run
	}
	r.ran = append(r.ran, ranUnit{text: c.Source, cell: run, applied: before, snap: r.snapshot()})
	r.at = len(r.ran)
	return run
}

func isHistoryCommand(input string) bool {
	return input == "undo" || strings.HasPrefix(input, "goto ")
}

func hint(e *session.Error) string {
	if e.Hint == "" {
		return ""
	}
	return " (" + e.Hint + ")"
}
