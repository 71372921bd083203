package i18n

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The page's texts, as xgettext finds them: t('id', 'English') and
// msg('id', 'English') in site/js (single or double quotes), data-i18n
// and its attribute forms in the site's pages.
var (
	jsCall  = regexp.MustCompile(`\b(?:t|msg)\(\s*'([a-z0-9][\w.-]*)',\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")`)
	jsAny   = regexp.MustCompile(`\b(?:t|msg)\(\s*'[a-z0-9][\w.-]*'`)
	tagRe   = regexp.MustCompile(`<([a-z][a-z0-9]*)((?:\s+[a-z][\w-]*(?:="[^"]*")?)*)\s*/?>`)
	markRe  = regexp.MustCompile(`\bdata-i18n(?:-title|-label|-placeholder)?="`)
	attrRe  = regexp.MustCompile(`([a-z][\w-]*)="([^"]*)"`)
	childRe = regexp.MustCompile(`<([a-z][a-z0-9]*)\b[^>]*>.*?</([a-z][a-z0-9]*)>|<[a-z][a-z0-9]*\b[^>]*/?>`)
)

// extractSite returns the English template of the ui domain.
func extractSite(t *testing.T, site string) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(where, id, en string) {
		if prev, ok := out[id]; ok && prev != en {
			t.Errorf("%s: %s is %q here and %q elsewhere", where, id, en, prev)
		}
		out[id] = en
	}
	err := filepath.WalkDir(site, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && d.Name() == "vendor" {
				return filepath.SkipDir
			}
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(data)
		switch {
		case strings.HasSuffix(path, ".mjs"):
			found := jsCall.FindAllStringSubmatch(text, -1)
			if n := len(jsAny.FindAllString(text, -1)); n != len(found) {
				t.Errorf("%s: %d t()/msg() calls, but only %d with a literal English text", path, n, len(found))
			}
			for _, m := range found {
				add(path, m[1], jsString(t, path, m[2]))
			}
		case strings.HasSuffix(path, ".html"):
			marks := 0
			for _, m := range tagRe.FindAllStringSubmatchIndex(text, -1) {
				name, attrs := text[m[2]:m[3]], text[m[4]:m[5]]
				marks += len(markRe.FindAllString(attrs, -1))
				values := map[string]string{}
				for _, a := range attrRe.FindAllStringSubmatch(attrs, -1) {
					values[a[1]] = html.UnescapeString(a[2])
				}
				for key, attr := range map[string]string{"data-i18n-title": "title", "data-i18n-label": "aria-label", "data-i18n-placeholder": "placeholder"} {
					if id := values[key]; id != "" {
						add(path, id, values[attr])
					}
				}
				if id := values["data-i18n"]; id != "" {
					body := text[m[1]:]
					end := strings.Index(body, "</"+name+">")
					if end < 0 || strings.Contains(body[:end], "<"+name) {
						t.Errorf("%s: data-i18n=%q: write the element on one line, without a %s inside", path, id, name)
						continue
					}
					n := 0
					inner := childRe.ReplaceAllStringFunc(body[:end], func(string) string {
						n++
						return "{" + strconv.Itoa(n-1) + "}"
					})
					add(path, id, html.UnescapeString(inner))
				}
			}
			if n := len(markRe.FindAllString(text, -1)); n != marks {
				t.Errorf("%s: %d data-i18n marks, %d read: a tag the reader does not understand", path, n, marks)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// jsString reads a JavaScript string literal with the escapes the site uses.
func jsString(t *testing.T, where, lit string) string {
	body := lit[1 : len(lit)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' || i+1 == len(body) {
			b.WriteByte(body[i])
			continue
		}
		i++
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case '\'', '"', '\\', '`':
			b.WriteByte(body[i])
		default:
			t.Errorf("%s: escape \\%c in %s: write the character itself", where, body[i], lit)
		}
	}
	return b.String()
}
