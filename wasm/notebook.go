//go:build !js || notebook || exercise

package main

import (
	"errors"
	"strconv"

	"github.com/sockplay/sockplay/core/notebook"
	"github.com/sockplay/sockplay/core/session"
)

// The notebook area: one open document and the runner of its cells (see
// README.md, "Notebooks"). A run leaves the bridge's session at the end of
// the last cell run, so trace, state, tcpdump, pcap and packet describe it.

type notebookArea struct {
	doc    *notebook.Doc
	runner notebook.Runner
}

func notebookOf(b *Bridge) *notebookArea {
	nb, _ := b.area("notebook").(*notebookArea)
	if nb == nil {
		nb = &notebookArea{}
		b.setArea("notebook", nb)
	}
	// A session replaced by newSession, or rebuilt after a panic, is not
	// the runner's any more: its next run starts from a fresh one.
	if s := nb.runner.Session(); s != nil && b.engine != Engine(s) {
		nb.runner.Forget()
	}
	return nb
}

var errNoDocument = errors.New("no notebook is open: call nbOpen(text) first")

// docArea is the area with its open document.
func docArea(b *Bridge) (*notebookArea, error) {
	nb := notebookOf(b)
	if nb.doc == nil {
		return nil, errNoDocument
	}
	return nb, nil
}

// edited is the reply to an edit: the document, or the problems that left
// it unchanged.
func edited(d *notebook.Doc, probs []notebook.Problem) any {
	if probs != nil {
		return nbProblems(probs)
	}
	return nbDoc{d}
}

func (nb *notebookArea) run(b *Bridge, id string) (any, error) {
	run, ok := nb.runner.Run(nb.doc, id)
	if !ok {
		return nil, errors.New("no cell with id " + id)
	}
	b.engine = nb.runner.Session()
	b.engine.SetAbsolute(b.absolute)
	return nbRun(run), nil
}

// The document alone: the exercise page reads an exercise's prose and
// cells through it (sockplay-exercise.wasm holds only this of the area).
var notebookDocMethods = []method{
	{"nbOpen", 1, func(b *Bridge, a Args) (any, error) {
		text, err := a.String(0)
		if err != nil {
			return nil, err
		}
		d, probs := notebook.Parse(text)
		if probs == nil {
			notebookOf(b).doc = d
		}
		return edited(d, probs), nil
	}},
}

// The rest of the notebook page's: edits, runs and digests.
var notebookMethods = []method{
	{"nbFromScript", 2, func(b *Bridge, a Args) (any, error) {
		script, err := a.String(0)
		if err != nil {
			return nil, err
		}
		seed, err := seedArg(a, 1)
		if err != nil {
			return nil, err
		}
		d, probs := notebook.FromScript(script, seed)
		if probs == nil {
			notebookOf(b).doc = d
		}
		return edited(d, probs), nil
	}},
	{"nbSetCell", 2, func(b *Bridge, a Args) (any, error) {
		nb, err := docArea(b)
		if err != nil {
			return nil, err
		}
		id, err := a.String(0)
		if err != nil {
			return nil, err
		}
		source, err := a.String(1)
		if err != nil {
			return nil, err
		}
		return edited(nb.doc, nb.doc.SetCell(id, source)), nil
	}},
	{"nbSetPart", 2, func(b *Bridge, a Args) (any, error) {
		nb, err := docArea(b)
		if err != nil {
			return nil, err
		}
		index, err := intArg(a, 0)
		if err != nil {
			return nil, err
		}
		text, err := a.String(1)
		if err != nil {
			return nil, err
		}
		return edited(nb.doc, nb.doc.SetPart(index, text)), nil
	}},
	{"nbSetFront", 1, func(b *Bridge, a Args) (any, error) {
		nb, err := docArea(b)
		if err != nil {
			return nil, err
		}
		body, err := a.String(0)
		if err != nil {
			return nil, err
		}
		return edited(nb.doc, nb.doc.SetFront(body)), nil
	}},
	{"nbText", 0, func(b *Bridge, a Args) (any, error) {
		nb, err := docArea(b)
		if err != nil {
			return nil, err
		}
		return nb.doc.Text(), nil
	}},
	{"nbRunTo", 1, func(b *Bridge, a Args) (any, error) {
		nb, err := docArea(b)
		if err != nil {
			return nil, err
		}
		id, err := a.String(0)
		if err != nil {
			return nil, err
		}
		if id == "" {
			return nil, errors.New("nbRunTo needs a cell id; nbRunAll runs every cell")
		}
		return nb.run(b, id)
	}},
	{"nbRunAll", 0, func(b *Bridge, a Args) (any, error) {
		nb, err := docArea(b)
		if err != nil {
			return nil, err
		}
		return nb.run(b, "")
	}},
	{"nbStamp", 0, func(b *Bridge, a Args) (any, error) {
		nb, err := docArea(b)
		if err != nil {
			return nil, err
		}
		run, _ := nb.runner.Run(nb.doc, "")
		b.engine = nb.runner.Session()
		b.engine.SetAbsolute(b.absolute)
		if p := run.Failed(); p != nil {
			return nbProblems([]notebook.Problem{*p}), nil
		}
		return edited(nb.doc, nb.doc.Stamp(run)), nil
	}},
}

// The replies' JSON, written field by field (jsonValue in jsonenc.go).

type nbDoc struct{ d *notebook.Doc }

func (v nbDoc) writeJSON(w *jsonWriter) {
	ob := w.object()
	writeDoc(ob.key("doc"), v.d)
	ob.end()
}

type nbProblems []notebook.Problem

func (v nbProblems) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("problems").list(false, len(v), func(i int) { writeProblem(w, &v[i]) })
	ob.end()
}

type nbRun notebook.Run

func (v nbRun) writeJSON(w *jsonWriter) {
	ob := w.object()
	ob.key("cells").list(false, len(v.Cells), func(i int) { writeCellRun(w, &v.Cells[i]) })
	if v.Problem != nil {
		writeProblem(ob.key("problem"), v.Problem)
	}
	ob.end()
}

func writeProblem(w *jsonWriter, p *notebook.Problem) {
	ob := w.object()
	ob.key("line").int(int64(p.Line))
	ob.key("col").int(int64(p.Col))
	ob.key("message").str(p.Message)
	ob.end()
}

func writeDoc(w *jsonWriter, d *notebook.Doc) {
	ob := w.object()
	ob.key("title").str(d.Title)
	ob.key("lang").str(d.Lang)
	ob.key("seed").str(strconv.FormatUint(d.Seed, 10)) // a string: seeds go past 2^53
	ob.key("settings").list(false, len(d.Settings), func(i int) {
		s := w.object()
		s.key("key").str(d.Settings[i].Key)
		s.key("value").str(d.Settings[i].Value)
		s.end()
	})
	writeMeta(ob.key("meta"), d.Meta)
	ob.key("parts").list(false, len(d.Parts), func(i int) { writePart(w, d.Parts[i]) })
	ob.end()
}

// writeMeta writes the front matter as JSON: mappings as objects (keys in
// their order), lists as arrays, scalars as strings; {} without one.
func writeMeta(w *jsonWriter, n *notebook.Node) {
	switch {
	case n == nil:
		w.raw("{}")
	case n.Kind == notebook.Mapping:
		ob := w.object()
		for i, k := range n.Keys {
			writeMeta(ob.key(k.Value), n.Items[i])
		}
		ob.end()
	case n.Kind == notebook.List:
		w.list(false, len(n.Items), func(i int) { writeMeta(w, n.Items[i]) })
	default:
		w.str(n.Value)
	}
}

func writePart(w *jsonWriter, p *notebook.Part) {
	ob := w.object()
	if p.Kind == notebook.Prose {
		ob.key("kind").str("prose")
		ob.key("text").str(p.Text)
		ob.key("line").int(int64(p.Line))
		ob.end()
		return
	}
	ob.key("kind").str("cell")
	ob.key("id").str(p.ID)
	ob.key("source").str(p.Source)
	ob.key("line").int(int64(p.Line))
	if p.Digest != "" {
		ob.key("digest").str(p.Digest)
	}
	if len(p.Attrs) > 0 {
		ob.key("attrs").list(false, len(p.Attrs), func(i int) {
			a := w.object()
			a.key("key").str(p.Attrs[i].Key)
			a.key("value").str(p.Attrs[i].Value)
			a.end()
		})
	}
	ob.end()
}

func writeCellRun(w *jsonWriter, c *notebook.CellRun) {
	ob := w.object()
	ob.key("id").str(c.ID)
	ob.key("outputs").list(false, len(c.Outputs), func(i int) { writeOutput(w, c.Outputs[i]) })
	writeState(ob.key("state"), c.State)
	ob.key("transcript").str(c.Transcript()) // as sockplay run prints it: what the exports write
	ob.key("digest").str(c.Digest)
	if c.Expected != "" {
		ob.key("expected").str(c.Expected)
		ob.key("reproduces").bool(c.Reproduces())
	}
	if c.Error != nil {
		writeProblem(ob.key("error"), c.Error)
	}
	ob.end()
}

// The runner's session is a *session.Session, which is an Engine.
var _ Engine = (*session.Session)(nil)
