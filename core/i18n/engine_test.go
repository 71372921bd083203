package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	goSay    = regexp.MustCompile(`\bsay\("([a-z0-9][\w.-]*)", ("(?:[^"\\\n]|\\.)*"|` + "`[^`]*`" + `)`)
	goSayAny = regexp.MustCompile(`\bsay\(`)
)

// engineEnglish is the engine domain's template: the texts the engine
// names for translation with script.say (a Ref),
// keyed engine.ID.
func engineEnglish(t *testing.T) map[string]string {
	out := map[string]string{}
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(data)
		found := goSay.FindAllStringSubmatch(text, -1)
		if n := len(goSayAny.FindAllString(text, -1)) - strings.Count(text, "func say("); n != len(found) {
			t.Errorf("%s: %d say() calls, %d with a literal id and English", path, n, len(found))
		}
		for _, m := range found {
			en, err := strconv.Unquote(m[2])
			if err != nil {
				t.Errorf("%s: %s: %v", path, m[2], err)
				continue
			}
			id := "engine." + m[1]
			if prev, ok := out[id]; ok && prev != en {
				t.Errorf("%s: %s is %q here and %q elsewhere", path, id, en, prev)
			}
			out[id] = en
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
