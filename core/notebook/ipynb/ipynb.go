// Package ipynb writes a sockplay notebook as a Jupyter notebook
// (nbformat 4.5) with its outputs, and reads one back. It is for the CLI:
// it uses encoding/json, which the wasm must not link.
//
// Prose becomes markdown cells and sock cells code cells whose outputs
// are their transcripts as text/plain. What the .md needs to come back
// byte for byte (the front matter and each cell as written) rides in the
// metadata under "sockplay"; a cell whose source was edited in Jupyter is
// written anew from its source.
package ipynb

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/notebook"
)

type nbDoc struct {
	Cells    []cell   `json:"cells"`
	Metadata metadata `json:"metadata"`
	Format   int      `json:"nbformat"`
	Minor    int      `json:"nbformat_minor"`
}

type metadata struct {
	Kernelspec   *kernelspec    `json:"kernelspec,omitempty"`
	LanguageInfo *languageInfo  `json:"language_info,omitempty"`
	Title        string         `json:"title,omitempty"`
	Sockplay     *notebookExtra `json:"sockplay,omitempty"`
}

type kernelspec struct {
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
	Language    string `json:"language"`
}

type languageInfo struct {
	Name string `json:"name"`
}

type notebookExtra struct {
	Front string `json:"front,omitempty"` // the front matter as written, --- lines included
	Seed  string `json:"seed"`
}

type cell struct {
	Type           string    `json:"cell_type"`
	ID             string    `json:"id"`
	Metadata       cellMeta  `json:"metadata"`
	ExecutionCount *int      `json:"execution_count,omitempty"`
	Outputs        *[]output `json:"outputs,omitempty"`
	Source         []string  `json:"source"`
}

type cellMeta struct {
	Sockplay *cellExtra `json:"sockplay,omitempty"`
}

type cellExtra struct {
	Raw    string          `json:"raw"` // the cell as written in the .md
	Digest string          `json:"digest,omitempty"`
	Attrs  []notebook.Attr `json:"attrs,omitempty"`
}

type output struct {
	Type      string              `json:"output_type"`
	Data      map[string][]string `json:"data,omitempty"`
	Metadata  *struct{}           `json:"metadata,omitempty"`
	Ename     string              `json:"ename,omitempty"`
	Evalue    string              `json:"evalue,omitempty"`
	Traceback []string            `json:"traceback,omitempty"`
}

// MarshalJSON writes execution_count as null for a code cell not run
// (nbformat requires the key on code cells).
func (c cell) MarshalJSON() ([]byte, error) {
	type plain cell
	b, err := json.Marshal(plain(c))
	if err != nil || c.Type != "code" || c.ExecutionCount != nil {
		return b, err
	}
	return append(b[:len(b)-1], []byte(`,"execution_count":null}`)...), nil
}

// Export writes d as nbformat 4.5 JSON with the outputs of run (cells
// beyond the run have none and execution_count null).
func Export(d *notebook.Doc, run notebook.Run) ([]byte, error) {
	nb := nbDoc{Format: 4, Minor: 5, Cells: []cell{}}
	nb.Metadata = metadata{
		Kernelspec:   &kernelspec{Name: "sockplay", DisplayName: "sockplay", Language: "sockplay"},
		LanguageInfo: &languageInfo{Name: "sockplay"},
		Title:        d.Title,
		Sockplay:     &notebookExtra{Front: d.FrontRaw(), Seed: strconv.FormatUint(d.Seed, 10)},
	}
	taken := map[string]bool{}
	for _, c := range d.Cells() {
		taken[c.ID] = true
	}
	ran := map[string]*notebook.CellRun{}
	for i := range run.Cells {
		ran[run.Cells[i].ID] = &run.Cells[i]
	}
	prose := 0
	for _, p := range d.Parts {
		if p.Kind == notebook.Prose {
			prose++
			id := "md-" + strconv.Itoa(prose)
			for taken[id] {
				id += "x"
			}
			taken[id] = true
			nb.Cells = append(nb.Cells, cell{Type: "markdown", ID: id, Source: splitLines(p.Text)})
			continue
		}
		c := cell{Type: "code", ID: p.ID, Source: splitLines(p.Source),
			Metadata: cellMeta{Sockplay: &cellExtra{Raw: p.Raw(), Digest: p.Digest, Attrs: p.Attrs}}}
		outs := []output{}
		if r := ran[p.ID]; r != nil {
			n := 0
			for _, cr := range run.Cells {
				n++
				if cr.ID == p.ID {
					break
				}
			}
			c.ExecutionCount = &n
			if t := r.Transcript(); t != "" {
				outs = append(outs, output{Type: "display_data", Data: map[string][]string{"text/plain": splitLines(t)}, Metadata: &struct{}{}})
			}
			if r.Error != nil {
				outs = append(outs, output{Type: "error", Ename: "refused", Evalue: r.Error.Message,
					Traceback: []string{r.Error.Error()}})
			}
		}
		c.Outputs = &outs
		nb.Cells = append(nb.Cells, c)
	}
	return json.MarshalIndent(nb, "", " ")
}

// splitLines is nbformat's multiline string: lines keeping their "\n".
func splitLines(s string) []string {
	out := []string{}
	for s != "" {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

// source reads a multiline string: a string or a list of strings.
type source string

func (s *source) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = source(one)
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("a cell's source is a string or a list of strings")
	}
	*s = source(strings.Join(many, ""))
	return nil
}

// Import reads a Jupyter notebook back into .md text: the text it was
// exported from when nothing was edited. Markdown cells are prose, code
// cells sock cells, raw cells dropped.
func Import(data []byte) (string, error) {
	var nb struct {
		Cells []struct {
			Type     string   `json:"cell_type"`
			ID       string   `json:"id"`
			Source   source   `json:"source"`
			Metadata cellMeta `json:"metadata"`
		} `json:"cells"`
		Metadata metadata `json:"metadata"`
		Format   int      `json:"nbformat"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		return "", errors.New("not a Jupyter notebook: " + err.Error())
	}
	if nb.Format != 4 {
		return "", errors.New("nbformat " + strconv.Itoa(nb.Format) + ": sockplay reads nbformat 4")
	}
	var b strings.Builder
	if x := nb.Metadata.Sockplay; x != nil {
		b.WriteString(x.Front)
	}
	n := 0
	for _, c := range nb.Cells {
		text := string(c.Source)
		switch c.Type {
		case "markdown":
		case "code":
			n++
			text = codeCell(c.ID, n, text, c.Metadata.Sockplay)
		default:
			continue
		}
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
		b.WriteString(text)
	}
	return b.String(), nil
}

// codeCell is a code cell as a sock cell: as written in the .md when its
// source is unchanged, written anew otherwise.
func codeCell(id string, n int, src string, x *cellExtra) string {
	if x != nil && x.Raw != "" {
		if d, probs := notebook.Parse(x.Raw); probs == nil && len(d.Parts) == 1 && d.Parts[0].Kind == notebook.Cell && d.Parts[0].Source == strings.TrimSuffix(src, "\n") {
			return x.Raw
		}
	}
	if id == "" {
		id = "cell-" + strconv.Itoa(n)
	}
	var digest string
	var attrs []notebook.Attr
	if x != nil {
		digest, attrs = x.Digest, x.Attrs
	}
	return notebook.CellText(id, digest, attrs, src)
}
