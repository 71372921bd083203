package notebook

import (
	"strings"
	"testing"
)

// FuzzParse checks the format's two promises on any text: a document
// that parses is written back byte for byte, and after edits the text
// written parses back to the same document (so saving never changes what
// the page showed).
func FuzzParse(f *testing.F) {
	f.Add(sample)
	for _, s := range []string{
		"", "no newline", "```sock\n```", "  ```sock id=a\n  client> x\n  ```\r\nprose\r\n",
		"~~~sock id=a k=`v`\n```\n~~~\n", "---\ntitle: x\nseed: 3\nnetwork:\n  loss: 1%\n---\n```sock\n````\n```\n",
		"````sock id=b\n```\n````\n", "```sock\nclient> a\r\r\n```\n", "```sock a=1 b==2\n```",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, probs := Parse(text)
		if probs != nil {
			if d != nil || len(probs) > maxProblems {
				t.Fatalf("%d problems and a doc", len(probs))
			}
			return
		}
		if got := d.Text(); got != text {
			t.Fatalf("unedited %q written as %q", text, got)
		}
		// Edit every part to what it already says, then every cell's
		// source: everything is rendered rather than copied.
		for i := len(d.Parts) - 1; i >= 0; i-- {
			if probs := d.SetPart(i, d.Parts[i].textNow()); probs != nil {
				t.Fatalf("setting part %d to its own text: %v", i, probs)
			}
		}
		reparses(t, d, "after SetPart")
		for _, c := range d.Cells() {
			if probs := d.SetCell(c.ID, c.Source+"\n"); probs != nil {
				t.Fatalf("setting cell %s to its own source: %v", c.ID, probs)
			}
		}
		reparses(t, d, "after SetCell")
		if probs := d.SetFront(d.FrontText()); probs != nil {
			t.Fatalf("setting the front matter to itself: %v", probs)
		}
		reparses(t, d, "after SetFront")
	})
}

// reparses checks that d's text parses to d and is written back the same.
func reparses(t *testing.T, d *Doc, when string) {
	t.Helper()
	text := d.Text()
	e, probs := Parse(text)
	if probs != nil {
		t.Fatalf("%s, %q does not parse: %v", when, text, probs)
	}
	if got := e.Text(); got != text {
		t.Fatalf("%s, %q written back as %q", when, text, got)
	}
	if msg := sameDoc(d, e); msg != "" {
		t.Fatalf("%s, %q reads back differently: %s", when, text, msg)
	}
}

// sameDoc says how two documents differ, "" if they do not.
func sameDoc(a, b *Doc) string {
	if a.Title != b.Title || a.Lang != b.Lang || a.Seed != b.Seed {
		return "front matter"
	}
	if len(a.Settings) != len(b.Settings) {
		return "settings"
	}
	for i := range a.Settings {
		if a.Settings[i] != b.Settings[i] {
			return "setting " + a.Settings[i].Key
		}
	}
	if len(a.Parts) != len(b.Parts) {
		return itoa(len(a.Parts)) + " parts, then " + itoa(len(b.Parts))
	}
	for i, p := range a.Parts {
		q := b.Parts[i]
		switch {
		case p.Kind != q.Kind || p.Line != q.Line:
			return "part " + itoa(i) + "'s kind or line"
		case p.Kind == Prose && p.Text != q.Text:
			return "prose " + itoa(i)
		case p.Kind == Cell && (p.ID != q.ID || p.Source != q.Source || p.Digest != q.Digest || p.SourceLine(0) != q.SourceLine(0)):
			return "cell " + p.ID + ": " + strings.Join([]string{q.ID, q.Source, q.Digest}, "|")
		case p.Kind == Cell && len(p.Attrs) != len(q.Attrs):
			return "cell " + p.ID + "'s attributes"
		}
		for j := range p.Attrs {
			if p.Attrs[j] != q.Attrs[j] {
				return "cell " + p.ID + "'s attribute " + p.Attrs[j].Key
			}
		}
	}
	return ""
}

// FuzzEdit puts any text in place of any part of a document: the edit is
// refused with problems and changes nothing, or the document written
// reads back as the one edited.
func FuzzEdit(f *testing.F) {
	f.Add(sample, uint8(1), "```sock\nnet> run\n```\n")
	f.Add(sample, uint8(0), "---\n")
	f.Add("```sock id=a\n```\n", uint8(1), "```sock id=a\n```\n")
	f.Add("text\n", uint8(0), "```sock id=x k=`\nx\n```")
	f.Fuzz(func(t *testing.T, text string, at uint8, part string) {
		d, probs := Parse(text)
		if probs != nil {
			return
		}
		index := int(at) % (len(d.Parts) + 1)
		before := d.Text()
		if probs := d.SetPart(index, part); probs != nil {
			if d.Text() != before {
				t.Fatalf("a refused edit changed the document: %v", probs)
			}
			return
		}
		reparses(t, d, "after SetPart("+itoa(index)+")")
	})
}
