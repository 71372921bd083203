package notebook

import "strings"

// Edits change nothing when they fail: each builds the new parts first and
// only then puts them in place. Problems point at lines of the document as
// it would be after the edit.

// SetCell replaces the source of the cell with id.
func (d *Doc) SetCell(id, source string) []Problem {
	c := d.Cell(id)
	if c == nil {
		return []Problem{{1, 1, "no cell with id " + id}}
	}
	if len(d.Text())-len(c.textNow())+len(source) > maxBytes {
		return []Problem{{c.Line, 1, "the document would be over " + itoa(maxBytes) + " bytes"}}
	}
	c.Source = cleanSource(source)
	c.autoID = false
	c.raw, c.indent = "", 0
	d.renumber()
	return nil
}

// cleanSource is source as a cell holds it: lines without \r at their
// end, no newline after the last. render() picks a fence that no source
// line can close.
func cleanSource(source string) string {
	ls := strings.Split(strings.TrimRight(source, "\r\n"), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, "\r")
	}
	return strings.Join(ls, "\n")
}

// SetPart replaces part index by text, read as Markdown with cells: it may
// become several parts, or none when text is empty. index == len(Parts)
// appends. Cells of text without an id get a new one, written.
func (d *Doc) SetPart(index int, text string) []Problem {
	if index < 0 || index > len(d.Parts) {
		return []Problem{{1, 1, "no part " + itoa(index) + "; parts run from 0 to " + itoa(len(d.Parts))}}
	}
	old := ""
	if index < len(d.Parts) {
		old = d.Parts[index].raw
		if old == "" {
			old = d.Parts[index].render()
		}
	}
	if len(d.Text())-len(old)+len(text) > maxBytes {
		return []Problem{{1, 1, "the document would be over " + itoa(maxBytes) + " bytes"}}
	}
	if text != "" && !strings.HasSuffix(text, "\n") && index+1 < len(d.Parts) {
		text += "\n"
	}
	first := d.partLine(index)
	probe := &Doc{autoIDs: d.autoIDs}
	parts, probs := parseParts(lines(text, first), probe)
	// The new cells' ids: written, and unique in the whole document.
	taken := map[string]bool{}
	for i, p := range d.Parts {
		if p.Kind == Cell && i != index {
			taken[p.ID] = true
		}
	}
	for _, p := range parts {
		if p.Kind != Cell {
			continue
		}
		if taken[p.ID] && !p.autoID {
			probs = append(probs, Problem{p.Line, 1, "the cell id " + p.ID + " is already another cell's"})
		}
		if p.autoID {
			p.ID = freshID(taken, probe)
			p.autoID, p.raw = false, ""
		}
		taken[p.ID] = true
	}
	if len(probs) > 0 {
		return capProblems(probs)
	}
	d.autoIDs = probe.autoIDs
	cellsMove := index < len(d.Parts) && d.Parts[index].Kind == Cell
	for _, p := range parts {
		cellsMove = cellsMove || p.Kind == Cell
	}
	if len(parts) > 0 && d.front != "" && !strings.HasSuffix(d.front, "\n") {
		d.front += "\n" // the front matter's --- was the file's last line
	}
	if index > 0 && len(parts) > 0 {
		// The part before was the last line of the file, without a newline.
		if prev := d.Parts[index-1]; !strings.HasSuffix(prev.textNow(), "\n") {
			if prev.Kind == Prose {
				prev.Text += "\n"
			}
			if prev.raw != "" {
				prev.raw += "\n"
			}
		}
	}
	d.Parts = append(d.Parts[:index:index], append(parts, d.Parts[min(index+1, len(d.Parts)):]...)...)
	d.merge()
	d.keepBodyOutOfFront()
	if cellsMove {
		// A cell without an id in the text is cell-N by its place, which
		// has just changed: its id is written so that it stays.
		d.WriteIDs()
	}
	d.renumber()
	return nil
}

// keepBodyOutOfFront writes an empty front matter before a body whose
// first line is "---", which would otherwise open front matter when the
// text is read again.
func (d *Doc) keepBodyOutOfFront() {
	if d.front != "" || len(d.Parts) == 0 {
		return
	}
	if first := lines(d.Parts[0].textNow(), 1); first[0].bare() == "---" {
		d.front, d.frontEnd = "---\n---\n", 2
		d.Meta = &Node{Kind: Mapping, Line: 2, Col: 1}
	}
}

// freshID is an id no cell has: cell-N with the next N.
func freshID(taken map[string]bool, d *Doc) string {
	for {
		d.autoIDs++
		id := "cell-" + itoa(d.autoIDs)
		if !taken[id] {
			return id
		}
	}
}

// merge joins adjacent prose parts, as a fresh parse would see them.
func (d *Doc) merge() {
	var out []*Part
	for _, p := range d.Parts {
		if n := len(out); n > 0 && p.Kind == Prose && out[n-1].Kind == Prose {
			prev := out[n-1]
			text := prev.Text
			if !strings.HasSuffix(text, "\n") {
				text += "\n"
			}
			merged := &Part{Kind: Prose, Text: text + p.Text, Line: prev.Line}
			merged.raw = merged.Text
			out[n-1] = merged
			continue
		}
		out = append(out, p)
	}
	d.Parts = out
}

// SetFront replaces the front matter's body ("" removes the front matter).
func (d *Doc) SetFront(body string) []Problem {
	front := ""
	if body != "" {
		if !strings.HasSuffix(body, "\n") {
			body += "\n"
		}
		front = "---\n" + body + "---\n"
		for _, l := range lines(body, 2) {
			if l.bare() == "---" {
				return []Problem{{l.num, 1, "a line --- would end the front matter here"}}
			}
		}
	}
	if len(d.Text())-len(d.front)+len(front) > maxBytes {
		return []Problem{{1, 1, "the document would be over " + itoa(maxBytes) + " bytes"}}
	}
	probe := &Doc{Seed: 1}
	if front != "" {
		ls := lines(front, 1)
		if probs := probe.readFront(ls[1 : len(ls)-1]); len(probs) > 0 {
			return probs
		}
	}
	d.Title, d.Lang, d.Seed, d.Settings, d.Meta = probe.Title, probe.Lang, probe.Seed, probe.Settings, probe.Meta
	d.front = front
	d.frontEnd = strings.Count(front, "\n")
	d.keepBodyOutOfFront()
	d.renumber()
	return nil
}

// partLine is the document line part index starts on.
func (d *Doc) partLine(index int) int {
	if index < len(d.Parts) {
		return d.Parts[index].Line
	}
	n := d.frontEnd + 1
	for _, p := range d.Parts {
		n = p.Line + strings.Count(p.textNow(), "\n")
	}
	return n
}

// textNow is the part as Text writes it.
func (p *Part) textNow() string {
	if p.raw != "" {
		return p.raw
	}
	return p.render()
}

// renumber sets every part's line after an edit.
func (d *Doc) renumber() {
	n := d.frontEnd + 1
	for i, p := range d.Parts {
		p.Line = n
		if p.Kind == Cell {
			p.srcLine = n + 1
		}
		t := p.textNow()
		n += strings.Count(t, "\n")
		if i+1 < len(d.Parts) && !strings.HasSuffix(t, "\n") {
			n++
		}
	}
}

// Stamp writes into each cell of run the digest it gave. Only the cells'
// opening fences change (to `sock id=ID digest=D ...`), so the cells
// without an id get theirs written too.
func (d *Doc) Stamp(run Run) []Problem {
	if p := run.Failed(); p != nil {
		return []Problem{*p}
	}
	for _, r := range run.Cells {
		if c := d.Cell(r.ID); c != nil && (c.Digest != r.Digest || c.autoID) {
			c.Digest = r.Digest
			c.rewriteFence()
		}
	}
	d.renumber()
	return nil
}

// WriteIDs writes the id of every cell that has none in the text.
func (d *Doc) WriteIDs() {
	for _, c := range d.Cells() {
		if c.autoID {
			c.rewriteFence()
		}
	}
	d.renumber()
}

// rewriteFence writes the cell's info string into its opening fence,
// keeping the fence's indentation and characters and the source as
// written.
func (p *Part) rewriteFence() {
	p.autoID = false
	if p.raw == "" {
		return // rendered anyway
	}
	open := lines(p.raw, 1)[0]
	f, _ := openFence(open.bare())
	if f.char == '`' && strings.IndexByte(p.Info(), '`') >= 0 {
		p.raw = "" // a backtick in an attribute: render with tildes
		return
	}
	ending := open.text[len(open.bare()):]
	p.raw = strings.Repeat(" ", f.indent) + strings.Repeat(string(f.char), f.n) + p.Info() + ending + p.raw[len(open.text):]
}
