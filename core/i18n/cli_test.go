package i18n

import (
	"os"
	"regexp"
	"testing"
)

var usageConst = regexp.MustCompile("(?s)\nconst usage = `([^`]*)`")

// cliEnglish is the cli domain's template: the command's usage text
// (core/cmd/sockplay's usage), which sockplay help prints in the reader's
// language.
func cliEnglish(t *testing.T) map[string]string {
	src, err := os.ReadFile("../cmd/sockplay/main.go")
	if err != nil {
		t.Fatal(err)
	}
	m := usageConst.FindSubmatch(src)
	if m == nil {
		t.Fatal("core/cmd/sockplay/main.go: no const usage = `...`")
	}
	return map[string]string{"cli.usage": string(m[1])}
}
