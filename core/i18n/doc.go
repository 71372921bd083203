// Package i18n is sockplay's message catalogues: every text a learner
// reads, keyed by a stable id, in English (the source) and Simplified
// Chinese. Messages are ICU MessageFormat in flat JSON files, the form
// Crowdin, Weblate and Lokalise read as "ICU JSON":
//
//	"ui.timeline.label": "line {n} of {total}"
//	"ui.crowd.started": "{n, plural, one {# client started} other {# clients started}}"
//
// This package formats the subset the catalogues use (arguments, plural
// with =N, one and other, '#', and ICU's apostrophe quoting) for the CLI
// and checks the catalogues; the page formats the same subset with
// site/js/i18n.mjs and the browser's Intl.PluralRules. The engine itself
// never formats a translation and the wasm holds no catalogue: a page
// fetches a language's catalogue only when that language is used.
//
// The files, in catalogues/, a template DOMAIN.en.json and a translation
// DOMAIN.zh-CN.json per domain:
//
//	ui        the page's own texts: t('id', 'English') in site/js and data-i18n in the pages
//	examples  the examples' titles, descriptions and narration (core/examples)
//	help      every text of the help pages (script.Translate); plain text, not ICU:
//	          a page is translated whole or not at all, its `code` as in English
//	engine    the engine's messages that carry a Ref (made by script.say),
//	          shown by the page and the CLI in the reader's language
//
// Notebooks and exercises are translated as whole documents beside the
// English ones (site/notebooks/LANG/NAME.md, core/exercises/LANG/ID.md):
// documents_test.go holds each to its English, every cell, goal, answer
// and solution line the same, so digests and grades do not depend on the
// language; the pages open the translation in that language.
//
// `go test ./core/i18n -update` rewrites the English templates from the
// sources; the test fails when they are stale, when a translation lacks a
// key or has one the template lacks, or when a placeholder differs.
package i18n
