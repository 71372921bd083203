package notebook

import "strings"

// Text is the document as a .md file: each part as it was written, or,
// once edited, as it is rendered now. An unedited document is its text
// byte for byte.
func (d *Doc) Text() string {
	var b strings.Builder
	b.WriteString(d.front)
	for i, p := range d.Parts {
		s := p.raw
		if s == "" {
			s = p.render()
		}
		b.WriteString(s)
		// A part written without a final newline (the last line of a
		// file) gets one when another part follows it.
		if i+1 < len(d.Parts) && !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// render writes an edited part.
func (p *Part) render() string {
	if p.Kind == Prose {
		return p.Text
	}
	// Backticks, or tildes when the info string has a backtick (CommonMark
	// 4.5 forbids it in a backtick fence's info), and a longer fence than
	// any run of that character opening a source line.
	char := byte('`')
	if strings.IndexByte(p.Info(), '`') >= 0 {
		char = '~'
	}
	n := 3
	for _, l := range strings.Split(p.Source, "\n") {
		l = strings.TrimLeft(l, " ")
		run := 0
		for run < len(l) && l[run] == char {
			run++
		}
		n = max(n, run+1)
	}
	bar := strings.Repeat(string(char), n)
	var b strings.Builder
	b.WriteString(bar + p.Info() + "\n")
	if p.Source != "" {
		b.WriteString(p.Source + "\n")
	}
	b.WriteString(bar + "\n")
	return b.String()
}

// Info is the cell's info string as rendered: "sock id=x digest=y k=v".
func (p *Part) Info() string {
	s := "sock id=" + p.ID
	if p.Digest != "" {
		s += " digest=" + p.Digest
	}
	for _, a := range p.Attrs {
		s += " " + a.Key + "=" + a.Value
	}
	return s
}

// FrontText is the front matter's body as written (between the ---
// lines), "" without front matter.
func (d *Doc) FrontText() string {
	if d.front == "" {
		return ""
	}
	s := d.front[strings.IndexByte(d.front, '\n')+1:]
	return s[:len(s)-len(lastLine(s))]
}

// lastLine is s's last line with its ending.
func lastLine(s string) string {
	t := strings.TrimSuffix(s, "\n")
	return s[strings.LastIndexByte(t, '\n')+1:]
}

// CellText is a cell written out: its fence with id, digest and attrs,
// and source, as an edited cell is rendered.
func CellText(id, digest string, attrs []Attr, source string) string {
	p := &Part{Kind: Cell, ID: id, Digest: digest, Attrs: attrs, Source: cleanSource(source)}
	return p.render()
}

// Raw is the part as Text writes it: as written, or rendered once edited.
func (p *Part) Raw() string { return p.textNow() }

// FrontRaw is the front matter as Text writes it, --- lines included; ""
// without front matter.
func (d *Doc) FrontRaw() string { return d.front }
