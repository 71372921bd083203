package i18n

import (
	"encoding/json"
	"strings"
)

// Languages are the languages sockplay speaks; the first is the source.
var Languages = []string{"en", "zh-CN"}

// Catalogue is one language's messages of one domain (ui, help, …).
type Catalogue struct {
	Lang string
	msgs map[string]string
}

// Parse reads a catalogue file: one JSON object of id → message.
func Parse(lang string, data []byte) (*Catalogue, error) {
	msgs := map[string]string{}
	if err := json.Unmarshal(data, &msgs); err != nil {
		return nil, err
	}
	return &Catalogue{Lang: lang, msgs: msgs}, nil
}

// Text is message id in the catalogue's language with args filled in, or
// the English source en when the catalogue lacks it (or is nil).
func (c *Catalogue) Text(id, en string, args map[string]string) string {
	lang, msg := "en", en
	if c != nil {
		if m, ok := c.msgs[id]; ok {
			lang, msg = c.Lang, m
		}
	}
	out, err := Format(lang, msg, args)
	if err != nil {
		return en
	}
	return out
}

// Lookup is message id unformatted, if the catalogue has it.
func (c *Catalogue) Lookup(id string) (string, bool) {
	if c == nil {
		return "", false
	}
	m, ok := c.msgs[id]
	return m, ok
}

// Pick chooses the language from a --lang flag, else the environment's
// LC_ALL, LC_MESSAGES and LANG as POSIX orders them ("zh_CN.UTF-8"):
// any Chinese is zh-CN (the one Chinese catalogue), anything else English.
func Pick(flag string, getenv func(string) string) string {
	for _, v := range []string{flag, getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")} {
		if v != "" {
			return Match(v)
		}
	}
	return "en"
}

// Match maps a language tag ("zh-Hans-CN", "zh_TW.UTF-8", "en-GB", "C")
// to one of Languages.
func Match(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if tag == "zh" || strings.HasPrefix(tag, "zh-") || strings.HasPrefix(tag, "zh_") || strings.HasPrefix(tag, "zh.") {
		return "zh-CN"
	}
	return "en"
}
