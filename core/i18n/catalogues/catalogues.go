// Package catalogues holds the catalogue files, for the CLI (the page
// fetches them from the site's i18n/ folder; the wasm never has them).
package catalogues

import (
	"embed"

	"github.com/sockplay/sockplay/core/i18n"
)

//go:embed *.json
var files embed.FS

// Load is domain's catalogue in lang, or nil for English (the source,
// which lives in the code) and for a language without that domain.
func Load(domain, lang string) *i18n.Catalogue {
	if lang == "en" {
		return nil
	}
	data, err := files.ReadFile(domain + "." + lang + ".json")
	if err != nil {
		return nil
	}
	c, err := i18n.Parse(lang, data)
	if err != nil {
		return nil
	}
	return c
}
