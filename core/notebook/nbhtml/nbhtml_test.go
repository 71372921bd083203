package nbhtml

import (
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/notebook"
)

func TestRenderIsStaticAndSafe(t *testing.T) {
	d, probs := notebook.Parse("---\ntitle: <T> & \"x\"\nlang: fr\n---\n# Head\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n" +
		"```sock id=a\nserver> s = socket(AF_INET, SOCK_STREAM)\nserver> listen(s, 5)\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n```\n\n" +
		"```sock id=b\nclient> send(c, \"</pre><script>x</script>\")\nserver> recv(q, 1)\n```\n\n```sock id=c\nnet> run\n```\n")
	if probs != nil {
		t.Fatal(probs)
	}
	var r notebook.Runner
	run, _ := r.Run(d, "")
	page := Render(d, run)
	for _, want := range []string{
		"<html lang=\"fr\">", "<h1 class=\"title\">&lt;T&gt; &amp; &#34;x&#34;</h1>", "<title>&lt;T&gt; &amp; &#34;x&#34;</title>", "<h1>Head</h1>",
		"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<p>[x](javascript:alert(1))</p>",
		"<section class=\"cell\" id=\"a\">", "Flags [S]", "&lt;/pre&gt;&lt;script&gt;",
		"<p class=\"error\">line 21, column 14: no variable `q`", "Not run: an earlier cell stopped the run.", "@media print",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(strings.ToLower(page), "<script") || strings.Contains(page, "javascript:alert(1)\"") {
		t.Error("the page holds a script")
	}
}
