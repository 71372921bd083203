package notebook

import (
	"os"
	"path/filepath"
	"testing"
)

// TestShippedNotebooksReproduce runs every notebook the site ships and the
// format reference: each parses, runs without a refused line, and every
// cell has a digest that the engine reproduces (`sockplay notebook fmt`
// writes them; `sockplay notebook check` says which changed).
func TestShippedNotebooksReproduce(t *testing.T) {
	files, err := filepath.Glob("../../site/notebooks/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no notebooks in site/notebooks: %v", err)
	}
	for _, name := range append(files, "FORMAT.md") {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, probs := Parse(string(b))
		if probs != nil {
			t.Errorf("%s:%v", name, probs[0].Error())
			continue
		}
		var r Runner
		run, _ := r.Run(d, "")
		if p := run.Failed(); p != nil {
			t.Errorf("%s:%s", name, p.Error())
			continue
		}
		for _, c := range run.Cells {
			if !c.Reproduces() {
				t.Errorf("%s:%d: cell %s: digest %q, the engine gives %s (run sockplay notebook fmt %s)", name, d.Cell(c.ID).Line, c.ID, c.Expected, c.Digest, name)
			}
		}
	}
}
