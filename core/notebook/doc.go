// Package notebook is sockplay's notebook document: Markdown prose with
// fenced `sock` cells in the line language, and front matter for the
// title, language, seed and network settings (FORMAT.md, itself a notebook, is the reference).
// It parses a document, writes it back byte for byte when nothing was
// edited, edits it part by part, runs it from a fresh session (run.go),
// digests each cell's transcript and exports it as nbformat 4.5.
//
// It is pure Go with no fmt, reflect or regexp, so the notebook engine
// stays small in the wasm; the HTML export (goldmark) lives in nbhtml,
// which the wasm does not import.
package notebook

// Doc is one notebook document.
type Doc struct {
	Title    string
	Lang     string
	Seed     uint64
	Settings []Setting // the network settings, in the order written
	Meta     *Node     // the whole front matter (a mapping), nil without one
	Parts    []*Part

	front    string // the front matter as written, "---" lines included
	frontEnd int    // lines the front matter takes
	autoIDs  int    // cells numbered so far, for ids of cells without one
}

// Setting is one network setting of the front matter: the net> command
// Key run with Value before the first cell ("latency", "10ms").
type Setting struct {
	Key, Value string
	Line, Col  int // where the value is written
}

// PartKind says what a part of the document is.
type PartKind uint8

const (
	Prose PartKind = iota + 1 // Markdown between cells
	Cell                      // a fenced sock cell
)

// Part is a run of prose or one cell.
type Part struct {
	Kind PartKind
	Text string // prose: the Markdown as written
	Line int    // the document line the part starts on

	// A cell's fields.
	ID     string // its id; cell-N when the fence has none (autoID)
	Source string // the lines between the fences, without the fence's indentation, joined by "\n"
	Digest string // the expected transcript's digest, "" if none
	Attrs  []Attr // the fence's other attributes, in order

	autoID  bool   // ID is not written in the text
	raw     string // the part as written; "" once edited (then rendered)
	srcLine int    // the document line of the first source line
	indent  int    // the fence's indentation, removed from source lines
}

// Attr is a cell attribute other than id and digest.
type Attr struct{ Key, Value string }

// Problem is what is wrong with a document, at a 1-based line and column
// (counted in characters) of the whole text.
type Problem struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

func (p Problem) Error() string {
	return itoa(p.Line) + ":" + itoa(p.Col) + ": " + p.Message
}

// Cells are the document's cells in order.
func (d *Doc) Cells() []*Part {
	var cells []*Part
	for _, p := range d.Parts {
		if p.Kind == Cell {
			cells = append(cells, p)
		}
	}
	return cells
}

// Cell is the cell with id, or nil.
func (d *Doc) Cell(id string) *Part {
	for _, p := range d.Parts {
		if p.Kind == Cell && p.ID == id {
			return p
		}
	}
	return nil
}

// SourceLine is the document line of the cell's source line i (0-based).
func (p *Part) SourceLine(i int) int { return p.srcLine + i }

// IndentCol is how many characters the cell's source lines are shifted
// right in the document (the fence's indentation).
func (p *Part) IndentCol() int { return p.indent }
