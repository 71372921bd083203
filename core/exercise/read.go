package exercise

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/goal"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/notebook"
)

// Problem is what is wrong with an exercise document, at a 1-based line
// and column of the whole text.
type Problem struct {
	Line, Col int
	Message   string
}

func (p *Problem) Error() string {
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col) + ": " + p.Message
}

// maxProblems bounds the problems one read reports.
const maxProblems = 20

// Parse reads an exercise document. With problems, the Exercise is nil.
func Parse(text string) (*Exercise, []Problem) {
	if len(text) > limits.ScriptBytes {
		return nil, []Problem{{1, 1, "the document is " + strconv.Itoa(len(text)) + " bytes long; an exercise is at most " + strconv.Itoa(limits.ScriptBytes)}}
	}
	d, probs := readDocument(text)
	if d == nil {
		return nil, capped(probs)
	}
	r := &reader{ex: &Exercise{Seed: d.doc.Seed, Title: d.doc.Title}, probs: probs}
	for _, s := range d.doc.Settings {
		r.ex.Settings = append(r.ex.Settings, Setting{Key: s.Key, Value: s.Value, Line: s.Line, Col: s.Col})
	}
	r.front(d.exercise, d.exerciseLine)
	r.cells(d.doc.Cells())
	r.blocks(d.blocks)
	if len(r.probs) > 0 {
		return nil, capped(r.probs)
	}
	return r.ex, nil
}

func capped(p []Problem) []Problem {
	if len(p) > maxProblems {
		return p[:maxProblems]
	}
	return p
}

type reader struct {
	ex    *Exercise
	probs []Problem
}

func (r *reader) fail(line, col int, msg string) {
	r.probs = append(r.probs, Problem{line, col, msg})
}

// front reads the front matter's exercise: mapping.
func (r *reader) front(m []keyValue, line int) {
	if line == 0 {
		r.fail(1, 1, "an exercise's front matter has an exercise: mapping with its id and version")
		return
	}
	ex := r.ex
	for _, kv := range m {
		switch kv.key {
		case "id":
			if msg := checkID(kv.value); msg != "" {
				r.fail(kv.line, kv.col, msg)
			}
			ex.ID = kv.value
		case "version":
			n, err := strconv.Atoi(kv.value)
			if err != nil || n < 1 || n > limits.IntMax {
				r.fail(kv.line, kv.col, "the version is a whole number from 1, raised when a change makes old submissions score differently")
			}
			ex.Version = n
		case "consoles":
			ex.Consoles = strings.Fields(kv.value)
		case "calls":
			ex.Calls = strings.Fields(kv.value)
		case "net":
			ex.NetCommands = strings.Fields(kv.value)
		default:
			r.fail(kv.line, kv.keyCol, "no exercise setting "+strconv.Quote(kv.key)+"; the settings are id, version, consoles, calls, net")
		}
	}
	if ex.ID == "" {
		r.fail(line, 1, "the exercise has no id (exercise: then id: on the next line, indented)")
	}
	if ex.Version == 0 {
		r.fail(line, 1, "the exercise has no version (version: 1)")
	}
}

// cells reads the sock cells: setup cells, then the task cell.
func (r *reader) cells(cells []*notebook.Part) {
	ex := r.ex
	for _, c := range cells {
		if attr(c, "task") == "true" {
			if ex.Task != "" {
				r.fail(c.Line, 1, "an exercise has one task cell; "+ex.Task+" is already it")
			}
			if countLines(strings.Split(c.Source, "\n")) > 0 {
				r.fail(c.Line+1, 1, "the task cell is where the learner types: leave it empty (the solution goes in a solution block)")
			}
			ex.Task = c.ID
			continue
		}
		if ex.Task != "" {
			r.fail(c.Line, 1, "a cell after the task cell: setup cells come before the task")
			return
		}
		ex.Setup = append(ex.Setup, Cell{ID: c.ID, Lines: strings.Split(c.Source, "\n"), Hidden: attr(c, "hidden") == "true", Line: c.Line})
	}
}

func attr(c *notebook.Part, key string) string {
	for _, a := range c.Attrs {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// blocks reads the goal, question, solution and attempt blocks; other
// languages' blocks are prose.
func (r *reader) blocks(bs []block) {
	ex := r.ex
	goalIDs := map[string]int{}
	questionIDs := map[string]int{}
	var solution *block
	for i := range bs {
		b := &bs[i]
		switch b.word {
		case "goal":
			r.goal(b, goalIDs)
		case "question":
			r.question(b, questionIDs)
		case "solution":
			if solution != nil {
				r.fail(b.line, 1, "a second solution block; the first is at line "+strconv.Itoa(solution.line))
			}
			solution = b
			ex.Solution, ex.SolutionLine = b.body, b.line
		case "attempt":
			w := Wrong{Misses: b.attr("misses"), Lines: b.body, Line: b.line}
			if w.Misses == "" {
				r.fail(b.line, 1, "an attempt names the goal it misses: ```attempt misses=GOAL")
			}
			ex.Wrong = append(ex.Wrong, w)
		}
	}
	if ex.Task == "" {
		r.fail(1, 1, "the exercise has no task cell (```sock id=task task=true), where the learner types")
	}
	if len(ex.Goals) == 0 {
		r.fail(1, 1, "the exercise has no goal (a ```goal id=ID block)")
	}
	if solution == nil {
		r.fail(1, 1, "the exercise has no reference solution (a ```solution block)")
	}
	for _, w := range ex.Wrong {
		if w.Misses != "" && goalIDs[w.Misses] == 0 {
			r.fail(w.Line, 1, "the attempt misses "+strconv.Quote(w.Misses)+", which is not a goal's id")
		}
	}
	for _, g := range ex.Goals {
		if g.For != "" && g.For != ex.Task && !r.hasCell(g.For) {
			r.fail(g.Line, 1, "the goal is for "+strconv.Quote(g.For)+", which is not a cell's id")
		}
	}
}

func (r *reader) hasCell(id string) bool {
	for _, c := range r.ex.Setup {
		if c.ID == id {
			return true
		}
	}
	return false
}

// idAndPoints reads a goal's or question's id= and points= attributes.
func (r *reader) idAndPoints(b *block, seen map[string]int, what string) (string, int) {
	id := b.attr("id")
	if msg := checkID(id); msg != "" {
		r.fail(b.line, 1, "a "+what+" has an id: "+msg)
	} else if at := seen[id]; at > 0 {
		r.fail(b.line, 1, "the "+what+" id "+id+" is already used at line "+strconv.Itoa(at))
	}
	seen[id] = b.line
	points := 1
	if p := b.attr("points"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 1000 {
			r.fail(b.line, 1, "points are a whole number from 0 to 1000")
		}
		points = n
	}
	return id, points
}

// goal reads a goal block: the goal on its first line, then missing: and
// hint: lines.
func (r *reader) goal(b *block, seen map[string]int) {
	id, points := r.idAndPoints(b, seen, "goal")
	g := Goal{ID: id, For: b.attr("for"), Points: points, Line: b.line}
	for i, l := range b.body {
		num := b.line + 1 + i
		text := strings.TrimSpace(l)
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if text == "" || text[0] == '#' {
			continue
		}
		if g.Goal == nil {
			parsed, err := goal.Parse(text)
			if err != nil {
				e := err.(*goal.Error)
				r.fail(num, indent+e.Col, e.Message)
				return
			}
			g.Goal = parsed
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		value = strings.TrimSpace(value)
		switch {
		case ok && key == "missing":
			g.Missing = value
		case ok && key == "hint":
			g.Hints = append(g.Hints, value)
		default:
			r.fail(num, indent+1, "after the goal come missing: and hint: lines")
		}
	}
	if g.Goal == nil {
		r.fail(b.line, 1, "the goal block has no goal")
		return
	}
	if g.Missing == "" {
		r.fail(b.line, 1, "the goal has no missing: line, the message a learner sees while it is not met")
	}
	r.ex.Goals = append(r.ex.Goals, g)
}

// question reads ask:, answer:, choices: and tolerance: lines.
func (r *reader) question(b *block, seen map[string]int) {
	id, points := r.idAndPoints(b, seen, "question")
	q := Question{ID: id, Points: points, Line: b.line}
	answer, answerLine, answerCol := "", 0, 0
	for i, l := range b.body {
		num := b.line + 1 + i
		text := strings.TrimSpace(l)
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if text == "" || text[0] == '#' {
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		valueCol := indent + len(key) + 2 + len(value) - len(strings.TrimLeft(value, " "))
		value = strings.TrimSpace(value)
		switch {
		case ok && key == "ask":
			q.Ask = value
		case ok && key == "answer":
			answer, answerLine, answerCol = value, num, valueCol
		case ok && key == "choices":
			for _, c := range strings.Split(value, "|") {
				q.Choices = append(q.Choices, strings.TrimSpace(c))
			}
		case ok && key == "tolerance":
			t := strings.TrimSuffix(value, "%")
			q.Percent = t != value
			v, err := strconv.ParseFloat(t, 64)
			if err != nil || v < 0 || v > 1e9 {
				r.fail(num, valueCol, "a tolerance is a number (the distance accepted) or a percentage: 2, 5%")
			}
			q.Tolerance = v
		default:
			r.fail(num, indent+1, "a question has ask:, answer:, choices: and tolerance: lines")
		}
	}
	if q.Ask == "" {
		r.fail(b.line, 1, "the question has no ask: line")
	}
	switch {
	case answer == "":
		r.fail(b.line, 1, "the question has no answer: line (a value from the session, or one of the choices)")
	case len(q.Choices) > 0:
		for _, c := range q.Choices {
			if strings.EqualFold(c, answer) {
				q.Correct = c
			}
		}
		if q.Correct == "" {
			r.fail(answerLine, answerCol, "the answer is not one of the choices")
		}
	default:
		v, err := goal.ParseValue(answer)
		if err != nil {
			r.fail(answerLine, answerCol+err.(*goal.Error).Col-1, err.(*goal.Error).Message)
			break
		}
		q.Value = v
	}
	r.ex.Questions = append(r.ex.Questions, q)
}

// checkID: ids are nbformat cell ids' characters, 1 to 64 of them.
func checkID(id string) string {
	if id == "" || len(id) > 64 {
		return "an id is 1 to 64 letters, digits, - and _"
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return "an id is letters, digits, - and _, not " + strconv.QuoteRune(rune(c))
		}
	}
	return ""
}
