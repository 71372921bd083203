package main

import (
	"strings"

	"github.com/sockplay/sockplay/core/script"
)

// helpTable reads the help messages the page passes to help(topic, table)
// in the reader's language: one "id<TAB>text" a line, the text's newlines,
// tabs and backslashes written \n, \t and \\ (site/js/i18n.mjs writes it;
// a JSON object would need encoding/json in the wasm). The engine holds
// no catalogue of its own.
func helpTable(table string) script.Translate {
	msgs := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		tab := strings.IndexByte(line, '\t')
		if tab <= 0 {
			continue
		}
		msgs[line[:tab]] = unescapeHelp(line[tab+1:])
	}
	return func(id, en string) string {
		if m, ok := msgs[id]; ok {
			return m
		}
		return en
	}
}

func unescapeHelp(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
