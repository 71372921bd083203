package i18n

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the English templates from the sources")

// domains are the catalogue domains and where their English comes from.
var domains = []struct {
	name    string
	english func(t *testing.T) map[string]string
	check   func(t *testing.T, name string, en, tr map[string]string)
}{
	{"ui", func(t *testing.T) map[string]string { return extractSite(t, "../../site") }, checkTranslation},
	{"examples", func(*testing.T) map[string]string { return examplesEnglish() }, checkTranslation},
	{"help", helpEnglish, checkHelp},
	{"engine", engineEnglish, checkTranslation},
	{"cli", cliEnglish, checkTranslation},
}

// TestCatalogues is the check make test runs: the English templates are
// what the sources say, and every translation has exactly their keys,
// each with the same placeholders, each message well formed.
func TestCatalogues(t *testing.T) {
	for _, d := range domains {
		en := d.english(t)
		path := "catalogues/" + d.name + ".en.json"
		if *update {
			writeJSON(t, path, en)
		}
		// The template is for translators and their tools; the check itself
		// reads the English from the sources. A text changed under the same
		// id keeps its translation until a translator looks (gettext's
		// "fuzzy"): logged, so changing an English sentence blocks no one.
		if got := readJSON(t, path); !equalMaps(got, en) {
			t.Logf("%s is stale: run go test ./core/i18n -update, then translate what changed", path)
			for id, m := range en {
				if got[id] != m {
					t.Logf("  %s: source %q, template %q", id, m, got[id])
				}
			}
		}
		for _, lang := range Languages[1:] {
			tr := readJSON(t, "catalogues/"+d.name+"."+lang+".json")
			d.check(t, d.name+"."+lang, en, tr)
		}
	}
}

func checkTranslation(t *testing.T, name string, en, tr map[string]string) {
	for _, id := range sortedKeys(en) {
		want, err := Placeholders(en[id])
		if err != nil {
			t.Errorf("%s: English %s: %v: %q", name, id, err, en[id])
			continue
		}
		m, ok := tr[id]
		if !ok {
			t.Errorf("%s: %s is missing (English: %q)", name, id, en[id])
			continue
		}
		got, err := Placeholders(m)
		if err != nil {
			t.Errorf("%s: %s: %v: %q", name, id, err, m)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s has placeholders %v, English %v", name, id, got, want)
		}
		if strings.Count(m, "{") != strings.Count(m, "}") {
			t.Errorf("%s: %s: unbalanced braces: %q", name, id, m)
		}
	}
	for id := range tr {
		if _, ok := en[id]; !ok {
			t.Errorf("%s: %s is not in the English template (renamed or removed?)", name, id)
		}
	}
}

func readJSON(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// writeJSON writes keys sorted, one a line, so that diffs are readable.
func writeJSON(t *testing.T, path string, m map[string]string) {
	var b strings.Builder
	b.WriteString("{\n")
	for i, id := range sortedKeys(m) {
		b.WriteString("  " + quote(id) + ": " + quote(m[id]))
		if i < len(m)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// quote is s as a JSON string, with <, > and & as they are.
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
