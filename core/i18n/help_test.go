package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/script"
)

// helpEnglish is the help domain's template: every text of every help
// page, by the id the help renderer asks for (script.Translate).
func helpEnglish(t *testing.T) map[string]string {
	out := map[string]string{}
	record := func(id, en string) string {
		if prev, ok := out[id]; ok && prev != en {
			t.Errorf("help id %s has two texts: %q and %q", id, prev, en)
		}
		out[id] = en
		return en
	}
	cat := script.Default()
	for _, topic := range append([]string{""}, cat.Topics()...) {
		if _, err := cat.HelpIn(topic, record); err != nil {
			t.Errorf("help %s: %v", topic, err)
		}
	}
	return out
}

var codeSpan = regexp.MustCompile("`[^`]+`")

// checkHelp: help texts are plain text, not ICU messages (the renderer
// fills nothing in; `{1, 0}` is a C struct). What is checked instead:
// the code in backticks is the same in both languages, and a page is
// translated whole or not at all (its ids share help.call.NAME and the
// like); the labels and index titles are translated whole.
func checkHelp(t *testing.T, name string, en, tr map[string]string) {
	unit := func(id string) string {
		parts := strings.SplitN(id, ".", 4)
		if len(parts) >= 3 && (parts[1] == "call" || parts[1] == "cmd") {
			return strings.Join(parts[:3], ".")
		}
		if len(parts) >= 2 && parts[1] == "const" {
			return "help.const"
		}
		return "help.labels"
	}
	started := map[string]bool{}
	for id := range tr {
		if _, ok := en[id]; !ok {
			t.Errorf("%s: %s is not in the English template", name, id)
			continue
		}
		started[unit(id)] = true
		want, got := codeSpan.FindAllString(en[id], -1), codeSpan.FindAllString(tr[id], -1)
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Errorf("%s: %s has code %v, English %v", name, id, got, want)
		}
	}
	untranslated := map[string]bool{}
	for _, id := range sortedKeys(en) {
		if _, ok := tr[id]; ok {
			continue
		}
		if started[unit(id)] {
			t.Errorf("%s: %s is missing from a page translated in part (English: %q)", name, id, en[id])
		} else {
			untranslated[unit(id)] = true
		}
	}
	t.Logf("%s: %d help pages translated, %d still English", name, len(started), len(untranslated))
}
