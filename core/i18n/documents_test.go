package i18n

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/notebook"
)

// A translated notebook is a document of its own beside the English one
// (site/notebooks/zh-CN/NAME.md): its prose and title in the language,
// its front matter's lang the language, and every cell exactly the
// English one's (id, lines, digest, attributes, in the same order), so a
// run of either gives the same transcripts and digests.

// TestTranslatedNotebooks holds every translation to its English
// notebook.
func TestTranslatedNotebooks(t *testing.T) {
	english, _ := filepath.Glob("../../site/notebooks/*.md")
	if len(english) == 0 {
		t.Fatal("no notebooks")
	}
	for _, lang := range Languages[1:] {
		for _, en := range english {
			tr := filepath.Join(filepath.Dir(en), lang, filepath.Base(en))
			if _, err := os.Stat(tr); err != nil {
				t.Logf("%s: no %s translation yet", en, lang)
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
