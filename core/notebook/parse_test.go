package notebook

import (
	"os"
	"strings"
	"testing"
)

const sample = `---
title: The three-way handshake
lang: en
seed: 42
network:
  latency: 20ms   # each way
  loss: 0%
---
# The handshake

The server listens first.

` + "```sock id=listen digest=0123456789ab" + `
server> s = socket(AF_INET, SOCK_STREAM)
server> bind(s, 0.0.0.0:80)
server> listen(s, 5)
` + "```" + `

Then the client connects:

` + "```sock" + `
client> c = socket(AF_INET, SOCK_STREAM)
client> connect(c, server:80)
` + "```" + `
` + "```text" + `
` + "```sock id=not-a-cell" + `
` + "```" + `
`

func TestParseSample(t *testing.T) {
	d, probs := Parse(sample)
	if probs != nil {
		t.Fatal(probs)
	}
	if d.Title != "The three-way handshake" || d.Lang != "en" || d.Seed != 42 {
		t.Errorf("front matter: %q %q %d", d.Title, d.Lang, d.Seed)
	}
	want := []Setting{{"latency", "20ms", 6, 12}, {"loss", "0%", 7, 9}}
	if len(d.Settings) != 2 || d.Settings[0] != want[0] || d.Settings[1] != want[1] {
		t.Errorf("settings %+v, want %+v", d.Settings, want)
	}
	cells := d.Cells()
	if len(cells) != 2 {
		t.Fatalf("%d cells, want 2", len(cells))
	}
	if c := cells[0]; c.ID != "listen" || c.Digest != "0123456789ab" || c.Line != 13 || c.SourceLine(0) != 14 ||
		c.Source != "server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)" {
		t.Errorf("first cell %+v", c)
	}
	if c := cells[1]; c.ID != "cell-2" || !c.autoID || c.Digest != "" || c.Line != 21 {
		t.Errorf("second cell %+v", c)
	}
	if len(d.Parts) != 5 || d.Parts[4].Kind != Prose || !strings.Contains(d.Parts[4].Text, "not-a-cell") {
		t.Errorf("a sock fence inside another code block must stay prose: %d parts", len(d.Parts))
	}
	if got := d.Text(); got != sample {
		t.Errorf("round trip:\n%s", got)
	}
}

func TestRoundTripOddDocuments(t *testing.T) {
	for _, text := range []string{
		"",
		"no newline at the end",
		"```sock\n```",
		"```sock\nclient> x = 1\n```",
		"  ```sock id=a\n  client> c = socket(AF_INET, SOCK_STREAM)\n  ```\r\nprose\r\n",
		"~~~~sock  id=a   digest=abcdefabcdef  goal=x\nserver> ss\n~~~~~\n",
		"---\n---\nbody\n",
		"---\r\ntitle: crlf\r\n---\r\n```sock\r\nnet> run\r\n```\r\n",
		"````sock id=b\n```\n````\n",
	} {
		d, probs := Parse(text)
		if probs != nil {
			t.Errorf("%q: %v", text, probs)
			continue
		}
		if got := d.Text(); got != text {
			t.Errorf("%q came back as %q", text, got)
		}
	}
}

func TestProblemsPointAtTheirPlace(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"---\ntitle: x\n", "1:1: the front matter opened here is never closed"},
		{"---\nseed: many\n---\n", "2:7: the seed is a whole number"},
		{"---\nnetwork:\n  latncy: 10ms\n---\n", `3:3: no network setting "latncy"`},
		{"---\nnetwork: fast\n---\n", "2:10: network is a mapping"},
		{"---\ntitle: [a, b]\n---\n", "2:8: sockplay's front matter does not read flow collections"},
		{"---\n\ttitle: x\n---\n", "2:1: front matter is indented and spaced with spaces, not tabs"},
		{"---\ntitle: x\ntitle: y\n---\n", `3:1: the key "title" appears twice (first at line 2)`},
		{"text\n```sock id=a\nnet> run\n", "2:1: the code block opened here is never closed"},
		{"```sock id=a b\n```\n", `1:14: expected key=value after sock`},
		{"```sock id=a/b\n```\n", "1:12: a cell id is letters, digits"},
		{"```sock   digest=xyz\n```\n", "1:18: a digest is 12 lowercase hex digits"},
		{"```sock id=a\n```\n```sock id=a\n```\n", "3:1: the cell id a is already the id of the cell at line 1"},
		{"---\ntitle: \"é\\q\"\n---\n", "2:10: unknown escape"},
	} {
		_, probs := Parse(c.text)
		if len(probs) == 0 {
			t.Errorf("%q: no problem, want %q", c.text, c.want)
			continue
		}
		if got := probs[0].Error(); !strings.HasPrefix(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

func TestHugeDocumentRefused(t *testing.T) {
	_, probs := Parse(strings.Repeat("x", maxBytes+1))
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "at most") {
		t.Fatal(probs)
	}
}

func TestEditsKeepTheBodyOutOfTheFrontMatter(t *testing.T) {
	d, _ := Parse("---\n---\n---\n")
	if probs := d.SetFront(""); probs != nil {
		t.Fatal(probs)
	}
	if got := d.Text(); got != "---\n---\n---\n" {
		t.Errorf("removing the front matter of a body starting with --- wrote %q", got)
	}
	if probs := d.SetFront("a: 1\n---\nb: 2\n"); len(probs) != 1 || probs[0].Line != 3 {
		t.Errorf("a --- line inside the front matter: %v", probs)
	}
	d, _ = Parse("```sock id=a\n```\n---\ntext\n")
	if probs := d.SetPart(0, ""); probs != nil {
		t.Fatal(probs)
	}
	if got := d.Text(); got != "---\n---\n---\ntext\n" {
		t.Errorf("deleting the cell before a --- line wrote %q", got)
	}
}

func TestFormatReferenceIsANotebook(t *testing.T) {
	b, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	d, probs := Parse(string(b))
	if probs != nil {
		t.Fatal(probs)
	}
	if d.Title != "The notebook format" || len(d.Cells()) != 2 || d.Text() != string(b) {
		t.Errorf("FORMAT.md read as %q with %d cells", d.Title, len(d.Cells()))
	}
}
