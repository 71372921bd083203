// Package nbhtml writes a notebook with its outputs as one static HTML
// page that needs no script to read: the prose rendered as the notebook
// page renders it, each cell's source and transcript, and a print
// stylesheet so it prints to PDF cleanly. It is for the CLI (goldmark is
// not linked into the wasm).
package nbhtml

import (
	"html"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/notebook"
)

// Render is the page of d with the outputs of run.
func Render(d *notebook.Doc, run notebook.Run) string {
	md := newMarkdown()
	ran := map[string]*notebook.CellRun{}
	for i := range run.Cells {
		ran[run.Cells[i].ID] = &run.Cells[i]
	}
	title := d.Title
	if title == "" {
		title = "sockplay notebook"
	}
	lang := d.Lang
	if lang == "" {
		lang = "en"
	}
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html lang=\"" + escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta name=\"generator\" content=\"sockplay notebook html\">\n")
	b.WriteString("<title>" + escape(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n<main>\n")
	if d.Title != "" {
		b.WriteString("<h1 class=\"title\">" + escape(d.Title) + "</h1>\n") // as the notebook page heads it
	}
	if run.Problem != nil {
		b.WriteString("<p class=\"error\">" + escape("line "+itoa(run.Problem.Line)+": "+run.Problem.Message) + "</p>\n")
	}
	for _, p := range d.Parts {
		if p.Kind == notebook.Prose {
			b.WriteString("<div class=\"prose\">\n" + Prose(md, p.Text) + "</div>\n")
			continue
		}
		b.WriteString("<section class=\"cell\" id=\"" + escape(p.ID) + "\">\n")
		b.WriteString("<pre class=\"source\"><code>" + escape(p.Source) + "</code></pre>\n")
		r := ran[p.ID]
		switch {
		case r == nil:
			b.WriteString("<p class=\"note\">Not run: an earlier cell stopped the run.</p>\n")
		default:
			if t := r.Transcript(); t != "" {
				b.WriteString("<pre class=\"transcript\">" + escape(strings.TrimSuffix(t, "\n")) + "</pre>\n")
			}
			if r.Error != nil {
				b.WriteString("<p class=\"error\">" + escape("line "+itoa(r.Error.Line)+", column "+itoa(r.Error.Col)+": "+r.Error.Message) + "</p>\n")
			}
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.String()
}

func escape(s string) string { return html.EscapeString(s) }

func itoa(n int) string { return strconv.Itoa(n) }

// style reads well on screen and prints cleanly: no backgrounds, cells
// kept whole on a page where they fit, long transcript lines wrapped.
const style = `
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
pre { font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; overflow-x: auto; padding: .6rem .8rem; margin: .4rem 0; border-radius: 4px; }
.source { background: #f3f5f8; border-left: 3px solid #3b6db3; }
.transcript { background: #fbfbfb; border: 1px solid #e3e3e3; white-space: pre-wrap; overflow-wrap: anywhere; }
.error { color: #a4161a; font-weight: 600; }
.note { color: #666; font-style: italic; }
.cell { margin: 1rem 0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
a { color: #1d4f91; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  pre { font-size: 8.5pt; white-space: pre-wrap; overflow-wrap: anywhere; border-radius: 0; }
  .source { background: none; }
  .cell { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; }
}
`
