package ipynb

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/notebook"
)

// python is Debian's own python, where apt-get installs python3-nbformat
// (a python3 earlier on PATH, as pyenv's, may not have it).
const python = "/usr/bin/python3"

// nbformatCheck runs nbformat's own validator, with its published v4.5
// JSON schema (Debian's python3-nbformat, which make test installs), on
// each notebook of docs, in one process (python starts slowly).
func nbformatCheck(t *testing.T, docs ...[]byte) error {
	t.Helper()
	if exec.Command(python, "-c", "import nbformat").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3-nbformat is missing: scripts/test.sh installs it")
		}
		t.Skip("python3-nbformat is not installed (apt-get install python3-nbformat): the schema check did not run")
	}
	const script = `import sys, json, nbformat
for i, text in enumerate(json.load(sys.stdin)):
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5), (i, nb.nbformat, nb.nbformat_minor)
    nbformat.validate(nb, version=4, version_minor=5, repair_duplicate_cell_ids=False, strip_invalid_metadata=False)
`
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = string(d)
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(python, "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	if out, err := cmd.CombinedOutput(); err != nil {
		return errors.New(err.Error() + "\n" + string(out))
	}
	return nil
}

func validate(t *testing.T, docs ...[]byte) {
	t.Helper()
	if err := nbformatCheck(t, docs...); err != nil {
		t.Fatalf("nbformat 4.5 refuses the export: %v", err)
	}
}

func TestTheSchemaCheckCanFail(t *testing.T) {
	_, data := exportFile(t, "../FORMAT.md")
	broken := strings.Replace(string(data), `"id": "listen"`, `"id": "not a valid id"`, 1)
	if nbformatCheck(t, []byte(broken)) == nil {
		t.Error("nbformat accepted a cell id with spaces")
	}
}

func exportFile(t *testing.T, name string) (*notebook.Doc, []byte) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	d, probs := notebook.Parse(string(b))
	if probs != nil {
		t.Fatal(probs)
	}
	var r notebook.Runner
	run, _ := r.Run(d, "")
	data, err := Export(d, run)
	if err != nil {
		t.Fatal(err)
	}
	return d, data
}

func TestExportIsValidNbformatAndImportsBack(t *testing.T) {
	files, _ := filepath.Glob("../../../site/notebooks/*.md")
	files = append(files, "../FORMAT.md")
	var all [][]byte
	for _, name := range files {
		d, data := exportFile(t, name)
		all = append(all, data)
		text, err := Import(data)
		if err != nil {
			t.Fatal(err)
		}
		if text != d.Text() {
			t.Errorf("%s: the import differs from the .md:\n%s", name, text)
		}
	}
	validate(t, all...)
}

func TestExportCarriesOutputsAndErrors(t *testing.T) {
	d, probs := notebook.Parse("---\ntitle: T\n---\nProse <b>x</b>\n```sock id=a\nserver> s = socket(AF_INET, SOCK_STREAM)\n```\n```sock id=b\nserver> listen(q, 1)\n```\n```sock id=c\nnet> run\n```\n")
	if probs != nil {
		t.Fatal(probs)
	}
	var r notebook.Runner
	run, _ := r.Run(d, "")
	data, err := Export(d, run)
	if err != nil {
		t.Fatal(err)
	}
	validate(t, data)
	var nb struct {
		Cells []struct {
			Type    string          `json:"cell_type"`
			ID      string          `json:"id"`
			Count   *int            `json:"execution_count"`
			Outputs json.RawMessage `json:"outputs"`
		} `json:"cells"`
		Metadata struct {
			Title string `json:"title"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 4 || nb.Cells[0].Type != "markdown" || nb.Cells[0].ID != "md-1" || nb.Metadata.Title != "T" {
		t.Fatalf("%s", data)
	}
	if *nb.Cells[1].Count != 1 || !strings.Contains(string(nb.Cells[1].Outputs), `"text/plain"`) || !strings.Contains(string(nb.Cells[1].Outputs), "= 3") {
		t.Errorf("cell a: %s", nb.Cells[1].Outputs)
	}
	if !strings.Contains(string(nb.Cells[2].Outputs), `"output_type": "error"`) {
		t.Errorf("cell b: %s", nb.Cells[2].Outputs)
	}
	if nb.Cells[3].Count != nil || string(nb.Cells[3].Outputs) != "[]" {
		t.Errorf("cell c did not run but has %v %s", nb.Cells[3].Count, nb.Cells[3].Outputs)
	}
}

func TestImportWritesEditedCellsAnew(t *testing.T) {
	d, data := exportFile(t, "../FORMAT.md")
	edited := strings.Replace(string(data), `"server\u003e listen(s, 5)"`, `"server\u003e listen(s, 7)"`, 1)
	if edited == string(data) {
		t.Fatal("the test's edit did not apply")
	}
	text, err := Import([]byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	e, probs := notebook.Parse(text)
	if probs != nil {
		t.Fatal(probs)
	}
	if got := e.Cell("listen").Source; !strings.HasSuffix(got, "listen(s, 7)") || e.Cell("listen").Digest != d.Cell("listen").Digest {
		t.Errorf("edited cell imported as %q", got)
	}
	if e.Title != d.Title || len(e.Parts) != len(d.Parts) {
		t.Error("the rest of the document changed")
	}
	for _, bad := range []string{"", "{}", `{"nbformat": 3, "cells": []}`, `{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}`} {
		if _, err := Import([]byte(bad)); err == nil {
			t.Errorf("%q imported", bad)
		}
	}
}
