package i18n

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/examples"
)

// examplesEnglish is the examples domain's template: each example's title
// and description, and the comments that narrate it as the page plays it
// (site/js/player.mjs: every comment line after the first statement).
func examplesEnglish() map[string]string {
	out := map[string]string{}
	for _, ex := range examples.All() {
		key := "example." + ex.Name + "."
		out[key+"title"] = ex.Title
		out[key+"description"] = ex.Description
		said, started := 0, false
		for _, raw := range strings.Split(ex.Script, "\n") {
			line := strings.TrimSpace(raw)
			switch {
			case line == "":
			case strings.HasPrefix(line, "#"):
				if started {
					said++
					out[key+"say."+strconv.Itoa(said)] = strings.TrimPrefix(strings.TrimPrefix(line, "#"), " ")
				}
			default:
				started = true
			}
		}
	}
	return out
}
