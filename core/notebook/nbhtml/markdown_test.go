package nbhtml

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/notebook"
)

// hostile is prose that must stay text or lose its target.
var hostile = []string{
	"<script>alert(1)</script>\n",
	"<img src=x onerror=alert(1)>\n\ntext <b>bold</b> <!-- c -->\n",
	"[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c]( javascript:x ) [d](data:text/html,x) [e](vbscript:x) [f](file:///etc/passwd)\n",
	"[ok](https://example.com/a?b=c#d) [rel](../x.md#y) [frag](#cell) [mail](mailto:a@b.c) [ftp](ftp://x)\n",
	"<javascript:alert(1)> <https://example.com> <mailto:x@y.z> <ftp://x.y>\n",
	"![i](javascript:x) ![j](https://example.com/i.png \"t\")\n",
	"[r]: javascript:alert(1)\n\n[r] and [s]\n\n[s]: https://example.com\n",
	"# Title\n\n- a\n- b\n\n1. c\n2. d\n\n> quote\n\n---\n\n`code` **b** *i* \\* &amp; &copy; \"q\" 'a'\n",
	"```js\nalert(1)\n```\n\n    indented <b>\n\nline  \nbreak\\\nhere\n",
	"<div>\n*md*\n</div>\n\n<a href=\"javascript:x\">x</a>\n",
}

// markdownIt renders each text with the page's markdown-it and options.
func markdownIt(t *testing.T, texts []string) []string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is missing")
		}
		t.Skip("node is not installed: the comparison with the page's markdown-it did not run")
	}
	const script = `
const fs = require('fs');
const markdownit = require(require('path').resolve(process.argv[1]));
const SAFE_LINK = /^(?:https?:|[^:]*$|[^:]*[/?#])/i;
const md = markdownit({ html: false, linkify: false, typographer: false });
md.validateLink = (url) => SAFE_LINK.test(url.trim());
const texts = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(texts.map((t) => md.render(t))));
`
	in, _ := json.Marshal(texts)
	cmd := exec.Command("node", "-e", script, "../../../site/js/vendor/markdown-it.min.js")
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v %s", err, err.(*exec.ExitError).Stderr)
	}
	var html []string
	if err := json.Unmarshal(out, &html); err != nil {
		t.Fatal(err)
	}
	return html
}

func TestProseRendersAsThePageRendersIt(t *testing.T) {
	texts := append([]string(nil), hostile...)
	files, _ := filepath.Glob("../../../site/notebooks/*.md")
	for _, name := range append(files, "../FORMAT.md") {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, probs := notebook.Parse(string(b))
		if probs != nil {
			t.Fatal(name, probs)
		}
		for _, p := range d.Parts {
			if p.Kind == notebook.Prose {
				texts = append(texts, p.Text)
			}
		}
	}
	want := markdownIt(t, texts)
	md := newMarkdown()
	for i, text := range texts {
		if got := Prose(md, text); got != want[i] {
			t.Errorf("%q:\ngoldmark:    %q\nmarkdown-it: %q", text, got, want[i])
		}
	}
}
