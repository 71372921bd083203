package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sockplay/sockplay/core/notebook"
	"github.com/sockplay/sockplay/core/notebook/ipynb"
	"github.com/sockplay/sockplay/core/notebook/nbhtml"
)

const notebookUsage = `usage:
  sockplay notebook check FILE.md...
  sockplay notebook fmt FILE.md...
  sockplay notebook run [--to md|html|ipynb] [-o OUT] FILE.md
  sockplay notebook html [-o OUT] FILE.md
  sockplay notebook ipynb [-o OUT] FILE.md
  sockplay notebook ipynb --import [-o OUT] FILE.ipynb

check runs every notebook from a fresh session and says which cells no
longer reproduce the digest their fence writes (FILE:LINE: ...), which
have none, and where a line is refused (FILE:LINE:COL: message). It
exits 1 when a cell fails or does not reproduce.

fmt writes every cell's id and the digest of its transcript into its
fence, in place ("-" reads standard input and writes standard output).
A notebook with a refused line is left as it is (exit 1).

run executes the notebook and writes it with its outputs, to standard
output or OUT: md (each cell followed by its transcript in a text
block), html (one static page, no script, a print stylesheet) or ipynb.
It exits 1 with FILE:LINE:COL: message at the first refused line, after
writing what ran. html is run --to html.

ipynb writes the notebook with its outputs as a Jupyter notebook
(nbformat 4.5) to standard output or OUT; --import reads one back as .md.
`

func runNotebook(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, notebookUsage)
		return 2
	}
	switch args[0] {
	case "check":
		return notebookCheck(args[1:], stdin, stdout, stderr)
	case "fmt":
		return notebookFmt(args[1:], stdin, stdout, stderr)
	case "ipynb":
		return notebookIpynb(args[1:], stdin, stdout, stderr)
	case "run":
		return notebookRun(args[1:], "md", stdin, stdout, stderr)
	case "html":
		return notebookRun(args[1:], "html", stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, notebookUsage)
		return 0
	}
	fmt.Fprintf(stderr, "sockplay notebook: unknown command %q\n%s", args[0], notebookUsage)
	return 2
}

// openNotebook reads and parses a notebook, printing its problems.
func openNotebook(name string, stdin io.Reader, stderr io.Writer) (*notebook.Doc, bool) {
	text, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "sockplay: %v\n", err)
		return nil, false
	}
	d, probs := notebook.Parse(text)
	for _, p := range probs {
		fmt.Fprintf(stderr, "%s:%d:%d: %s\n", name, p.Line, p.Col, p.Message)
	}
	return d, probs == nil
}

// runAll runs every cell, printing where the run stopped.
func runAll(name string, d *notebook.Doc, stderr io.Writer) (notebook.Run, bool) {
	var r notebook.Runner
	run, _ := r.Run(d, "")
	if p := run.Failed(); p != nil {
		fmt.Fprintf(stderr, "%s:%d:%d: %s\n", name, p.Line, p.Col, p.Message)
		return run, false
	}
	return run, true
}

func notebookCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, notebookUsage)
		return 2
	}
	status := 0
	for _, name := range args {
		d, ok := openNotebook(name, stdin, stderr)
		if !ok {
			status = 1
			continue
		}
		run, ok := runAll(name, d, stderr)
		if !ok {
			status = 1
		}
		good, missing, bad := 0, 0, 0
		for _, c := range run.Cells {
			line := d.Cell(c.ID).Line
			switch {
			case c.Expected == "":
				missing++
				fmt.Fprintf(stdout, "%s:%d: cell %s has no digest (sockplay notebook fmt writes it)\n", name, line, c.ID)
			case c.Reproduces():
				good++
			default:
				bad++
				fmt.Fprintf(stderr, "%s:%d: cell %s no longer reproduces: digest %s, the engine now gives %s\n", name, line, c.ID, c.Expected, c.Digest)
			}
		}
		if bad > 0 {
			status = 1
		}
		fmt.Fprintf(stdout, "%s: %d of %d cells reproduce, %d do not, %d have no digest\n", name, good, len(d.Cells()), bad, missing)
	}
	return status
}

func notebookFmt(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, notebookUsage)
		return 2
	}
	status := 0
	for _, name := range args {
		d, ok := openNotebook(name, stdin, stderr)
		if !ok {
			status = 1
			continue
		}
		run, ok := runAll(name, d, stderr)
		if !ok {
			status = 1
			continue
		}
		d.WriteIDs()
		d.Stamp(run)
		if name == "-" {
			fmt.Fprint(stdout, d.Text())
			continue
		}
		if err := os.WriteFile(name, []byte(d.Text()), 0o644); err != nil {
			fmt.Fprintf(stderr, "sockplay: %v\n", err)
			status = 1
		}
	}
	return status
}

func notebookIpynb(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notebook ipynb", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write to this file rather than standard output")
	back := fs.Bool("import", false, "read a .ipynb and write the notebook's .md")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, notebookUsage)
		return 2
	}
	name := fs.Arg(0)
	var result string
	if *back {
		data, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "sockplay: %v\n", err)
			return 1
		}
		text, err := ipynb.Import([]byte(data))
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1
		}
		if _, probs := notebook.Parse(text); probs != nil {
			fmt.Fprintf(stderr, "%s: the notebook it holds does not read: %s\n", name, probs[0].Error())
			return 1
		}
		result = text
	} else {
		d, ok := openNotebook(name, stdin, stderr)
		if !ok {
			return 1
		}
		var r notebook.Runner
		run, _ := r.Run(d, "")
		data, err := ipynb.Export(d, run)
		if err != nil {
			fmt.Fprintf(stderr, "sockplay: %v\n", err)
			return 1
		}
		result = string(data) + "\n"
	}
	if *out == "" {
		fmt.Fprint(stdout, result)
		return 0
	}
	if err := os.WriteFile(*out, []byte(result), 0o644); err != nil {
		fmt.Fprintf(stderr, "sockplay: %v\n", err)
		return 1
	}
	return 0
}

func notebookRun(args []string, to string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notebook run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("to", to, "what to write: md, html or ipynb")
	out := fs.String("o", "", "write to this file rather than standard output")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 || (*format != "md" && *format != "html" && *format != "ipynb") {
		fmt.Fprint(stderr, notebookUsage)
		return 2
	}
	name := fs.Arg(0)
	d, ok := openNotebook(name, stdin, stderr)
	if !ok {
		return 1
	}
	run, ok := runAll(name, d, stderr)
	status := 0
	if !ok {
		status = 1
	}
	var result string
	switch *format {
	case "md":
		result = withTranscripts(d, run)
	case "html":
		result = nbhtml.Render(d, run)
	case "ipynb":
		data, err := ipynb.Export(d, run)
		if err != nil {
			fmt.Fprintf(stderr, "sockplay: %v\n", err)
			return 1
		}
		result = string(data) + "\n"
	}
	if *out == "" {
		fmt.Fprint(stdout, result)
		return status
	}
	if err := os.WriteFile(*out, []byte(result), 0o644); err != nil {
		fmt.Fprintf(stderr, "sockplay: %v\n", err)
		return 1
	}
	return status
}

// withTranscripts is the .md with each cell that ran followed by its
// transcript in a text block, fenced longer than any backtick run in it.
func withTranscripts(d *notebook.Doc, run notebook.Run) string {
	ran := map[string]*notebook.CellRun{}
	for i := range run.Cells {
		ran[run.Cells[i].ID] = &run.Cells[i]
	}
	var b strings.Builder
	b.WriteString(d.FrontRaw())
	for _, p := range d.Parts {
		text := p.Raw()
		b.WriteString(text)
		if !strings.HasSuffix(text, "\n") {
			b.WriteByte('\n')
		}
		r := ran[p.ID]
		if p.Kind != notebook.Cell || r == nil {
			continue
		}
		t := r.Transcript()
		if r.Error != nil {
			t += "error: " + r.Error.Error() + "\n"
		}
		fence := "```"
		for strings.Contains(t, fence) {
			fence += "`"
		}
		b.WriteString("\n" + fence + "text\n" + t + fence + "\n")
	}
	return b.String()
}
