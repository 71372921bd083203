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
// The files, in catalogues/:
//
//	ui.en.json     the page's own texts, extracted from site/ (t('id', 'English') and data-i18n): the template
//	ui.zh-CN.json  their translation
//
// `go test ./core/i18n -update` rewrites the English templates from the
// sources; the test fails when they are stale, when a translation lacks a
// key or has one the template lacks, or when a placeholder differs.
package i18n
