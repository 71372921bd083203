package ipynb

import (
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestJupyterRendersTheExports renders every shipped notebook's export
// with nbconvert's HTML exporter (Debian's python3-nbconvert, which make
// test installs): the lab template JupyterLab's own look comes from. Each
// cell's source and transcript must come out as text in the page.
func TestJupyterRendersTheExports(t *testing.T) {
	if exec.Command(python, "-c", "import nbconvert").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3-nbconvert is missing: scripts/test.sh installs it")
		}
		t.Skip("python3-nbconvert is not installed (apt-get install python3-nbconvert): Jupyter's renderer did not run")
	}
	files, _ := filepath.Glob("../../../site/notebooks/*.md")
	files = append(files, "../FORMAT.md")
	var texts []string
	var transcripts [][]string
	for _, f := range files {
		_, data := exportFile(t, f)
		texts = append(texts, string(data))
		var nb struct {
			Cells []struct {
				Type    string `json:"cell_type"`
				Outputs []struct {
					Data map[string][]string `json:"data"`
				} `json:"outputs"`
			} `json:"cells"`
		}
		if err := json.Unmarshal(data, &nb); err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, c := range nb.Cells {
			for _, o := range c.Outputs {
				for _, l := range o.Data["text/plain"] {
					if l = strings.TrimSpace(l); l != "" {
						lines = append(lines, l)
					}
				}
			}
		}
		transcripts = append(transcripts, lines)
	}
	// One process for all (python starts slowly); the pages come back as
	// a JSON list.
	const script = `import sys, json, nbformat
from nbconvert import HTMLExporter
exporter = HTMLExporter(template_name="lab")
print(json.dumps([exporter.from_notebook_node(nbformat.reads(t, as_version=4))[0] for t in json.load(sys.stdin)]))
`
	in, _ := json.Marshal(texts)
	cmd := exec.Command(python, "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nbconvert: %v", err)
	}
	var pages []string
	if err := json.Unmarshal(out, &pages); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, page := range pages {
		if !strings.Contains(page, "jp-Notebook") {
			t.Errorf("%s: not a JupyterLab page", files[i])
		}
		for _, l := range transcripts[i] {
			if !strings.Contains(page, html.EscapeString(l)) && !strings.Contains(page, strings.ReplaceAll(html.EscapeString(l), "&#34;", "&quot;")) {
				t.Errorf("%s: nbconvert's page lacks the transcript line %q", files[i], l)
				break
			}
			checked++
		}
	}
	if checked < 200 {
		t.Errorf("only %d transcript lines checked", checked)
	}
}
