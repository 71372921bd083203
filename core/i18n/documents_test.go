package i18n

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/exercise"
	"github.com/sockplay/sockplay/core/notebook"
)

// A translated notebook is a document of its own beside the English one
// (site/notebooks/zh-CN/NAME.md): its prose and title in the language,
// its front matter's lang the language, and every cell exactly the
// English one's (id, lines, digest, attributes, in the same order), so a
// run of either gives the same transcripts and digests.

// TestTranslatedNotebooks holds every translation to its English
// notebook, and wants one for every bundled tutorial.
func TestTranslatedNotebooks(t *testing.T) {
	english, _ := filepath.Glob("../../site/notebooks/*.md")
	if len(english) == 0 {
		t.Fatal("no notebooks")
	}
	for _, lang := range Languages[1:] {
		for _, en := range english {
			tr := filepath.Join(filepath.Dir(en), lang, filepath.Base(en))
			if _, err := os.Stat(tr); err != nil {
				t.Errorf("%s: no %s translation", en, lang)
				continue
			}
			checkNotebookTranslation(t, lang, readNotebook(t, en), readNotebook(t, tr), tr)
		}
		extra, _ := filepath.Glob(filepath.Join("../../site/notebooks", lang, "*.md"))
		for _, tr := range extra {
			if !slices.Contains(english, filepath.Join("../../site/notebooks", filepath.Base(tr))) {
				t.Errorf("%s: no English notebook of that name", tr)
			}
		}
	}
}

func readNotebook(t *testing.T, path string) *notebook.Doc {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, probs := notebook.Parse(string(text))
	for _, p := range probs {
		t.Errorf("%s:%s", path, p.Error())
	}
	if doc == nil {
		t.FailNow()
	}
	return doc
}

// checkNotebookTranslation: the same seed, network and cells; the
// language named; some prose translated.
func checkNotebookTranslation(t *testing.T, lang string, en, tr *notebook.Doc, where string) {
	t.Helper()
	if tr.Lang != lang {
		t.Errorf("%s: front matter says lang: %q, want %s", where, tr.Lang, lang)
	}
	if tr.Seed != en.Seed {
		t.Errorf("%s: seed %d, the English has %d", where, tr.Seed, en.Seed)
	}
	settings := func(d *notebook.Doc) (out []string) {
		for _, s := range d.Settings {
			out = append(out, s.Key+"="+s.Value)
		}
		return out
	}
	if !slices.Equal(settings(tr), settings(en)) {
		t.Errorf("%s: network %v, the English has %v", where, settings(tr), settings(en))
	}
	cell := func(c *notebook.Part) string {
		attrs := []string{"id=" + c.ID, "digest=" + c.Digest}
		for _, a := range c.Attrs {
			attrs = append(attrs, a.Key+"="+a.Value)
		}
		return strings.Join(attrs, " ") + "\n" + c.Source
	}
	ec, tc := en.Cells(), tr.Cells()
	for i := range max(len(ec), len(tc)) {
		switch {
		case i >= len(tc):
			t.Errorf("%s: lacks the English cell %s", where, ec[i].ID)
		case i >= len(ec):
			t.Errorf("%s: cell %s is not in the English", where, tc[i].ID)
		case cell(tc[i]) != cell(ec[i]):
			t.Errorf("%s: cell %d is\n%s\nthe English one\n%s", where, i+1, cell(tc[i]), cell(ec[i]))
		}
	}
	if tr.Title == "" || tr.Title == en.Title {
		t.Errorf("%s: title %q not translated", where, tr.Title)
	}
}

// A translated exercise (core/exercises/LANG/ID.md) is the English one
// with its prose, title, and the goals' missing: and hint: and the
// questions' ask: lines in the language; every other line (front matter,
// setup cells, goals, answers, choices, the solution and the wrong
// attempts) is the English one's, so a learner's lines meet the same
// goals and get the same grade in either language. Every exercise has
// its translation.
func TestTranslatedExercises(t *testing.T) {
	for _, lang := range Languages[1:] {
		paths, _ := filepath.Glob(filepath.Join("../exercises", lang, "*.md"))
		english, _ := filepath.Glob("../exercises/*.md")
		for _, en := range english {
			if _, err := os.Stat(filepath.Join("../exercises", lang, filepath.Base(en))); err != nil {
				t.Errorf("%s: no %s translation", en, lang)
			}
		}
		ui := readJSON(t, "catalogues/ui."+lang+".json")
		for _, tr := range paths {
			en := filepath.Join("../exercises", filepath.Base(tr))
			enText, err := os.ReadFile(en)
			if err != nil {
				t.Errorf("%s: no English exercise of that name", tr)
				continue
			}
			trText, err := os.ReadFile(tr)
			if err != nil {
				t.Fatal(err)
			}
			checkExerciseTranslation(t, lang, string(enText), string(trText), tr)
			// The Exercises list names it as its translation does.
			id := strings.TrimSuffix(filepath.Base(tr), ".md")
			if title := frontTitle(string(trText)); title != ui["ui.ex.item."+id] {
				t.Errorf("%s: titled %q, the list's %s says %q", tr, title, lang, ui["ui.ex.item."+id])
			}
		}
		t.Logf("%s: %d exercises translated", lang, len(paths))
	}
}

func checkExerciseTranslation(t *testing.T, lang, en, tr, where string) {
	t.Helper()
	enEx, probs := exercise.Parse(en)
	if enEx == nil || len(probs) > 0 {
		t.Fatalf("%s: the English does not parse: %v", where, probs)
	}
	trEx, probs := exercise.Parse(tr)
	for _, p := range probs {
		t.Errorf("%s:%s", where, p.Error())
	}
	if trEx == nil {
		return
	}
	if doc, _ := notebook.Parse(tr); doc == nil || doc.Lang != lang {
		t.Errorf("%s: front matter lacks lang: %s", where, lang)
	}
	if trEx.Title == "" || trEx.Title == enEx.Title {
		t.Errorf("%s: title %q not translated", where, trEx.Title)
	}
	if got, want := exerciseSkeleton(tr), exerciseSkeleton(en); !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			g, w := "", ""
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("%s: line %d of what must stay as in English is\n%q\nthe English has\n%q", where, i+1, g, w)
				break
			}
		}
	}
}

// exerciseSkeleton is what a translation keeps: the front matter without
// its title and lang, and the fenced blocks' lines, the translated
// fields' texts left out.
func exerciseSkeleton(text string) []string {
	var out []string
	lines := strings.Split(text, "\n")
	inFront, fence := false, ""
	for i, line := range lines {
		switch {
		case i == 0 && line == "---":
			inFront = true
		case inFront:
			if line == "---" {
				inFront = false
			} else if !strings.HasPrefix(line, "title:") && !strings.HasPrefix(line, "lang:") {
				out = append(out, line)
			}
		case fence == "" && (strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")):
			fence = line[:3]
			out = append(out, line)
		case fence != "":
			if strings.HasPrefix(line, fence) {
				fence = ""
			}
			for _, field := range []string{"missing:", "hint:", "ask:"} {
				if strings.HasPrefix(line, field) {
					line = field
				}
			}
			out = append(out, line)
		}
	}
	return out
}

func frontTitle(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, "title: "); ok {
			return v
		}
	}
	return ""
}
