package i18n

import (
	"slices"
	"testing"
)

func TestFormat(t *testing.T) {
	cases := []struct {
		lang, msg string
		args      map[string]string
		want      string
	}{
		{"en", "line {n} of {total}", map[string]string{"n": "3", "total": "7"}, "line 3 of 7"},
		{"en", "{n, plural, one {# packet} other {# packets}}", map[string]string{"n": "1"}, "1 packet"},
		{"en", "{n, plural, one {# packet} other {# packets}}", map[string]string{"n": "2"}, "2 packets"},
		{"en", "{n, plural, =0 {no packet} one {# packet} other {# packets}}", map[string]string{"n": "0"}, "no packet"},
		{"zh-CN", "{n, plural, other {# 个报文段}}", map[string]string{"n": "1"}, "1 个报文段"},
		{"en", "can't stop", nil, "can't stop"},
		{"en", "it''s '{literal}' braces", nil, "it's {literal} braces"},
		{"en", "missing {arg}", nil, "missing {arg}"},
		{"zh-CN", "第 {n} 行，共 {total} 行", map[string]string{"n": "3", "total": "7"}, "第 3 行，共 7 行"},
	}
	for _, c := range cases {
		got, err := Format(c.lang, c.msg, c.args)
		if err != nil || got != c.want {
			t.Errorf("Format(%q, %q) = %q, %v; want %q", c.lang, c.msg, got, err, c.want)
		}
	}
}

func TestFormatRefuses(t *testing.T) {
	for _, msg := range []string{"{", "}", "{n", "{n, select, a {x}}", "{n, plural, one {x}}", "{bad name}", "{n, plural, other {x}", "'{unterminated"} {
		if _, err := Format("en", msg, nil); err == nil {
			t.Errorf("Format(%q) accepted a bad message", msg)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	got, err := Placeholders("{b} {a, plural, one {# {c}} other {# {c}s}} {b}")
	if err != nil || !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Placeholders = %v, %v", got, err)
	}
}

func TestMatch(t *testing.T) {
	for tag, want := range map[string]string{"zh-CN": "zh-CN", "zh_CN.UTF-8": "zh-CN", "zh-Hans": "zh-CN", "zh-TW": "zh-CN", "zh": "zh-CN", "en-GB": "en", "C": "en", "zhx": "en"} {
		if got := Match(tag); got != want {
			t.Errorf("Match(%q) = %q, want %q", tag, got, want)
		}
	}
	env := map[string]string{"LANG": "zh_CN.UTF-8"}
	if got := Pick("", func(k string) string { return env[k] }); got != "zh-CN" {
		t.Errorf("Pick from LANG = %q", got)
	}
	if got := Pick("en", func(k string) string { return env[k] }); got != "en" {
		t.Errorf("--lang en over LANG = %q", got)
	}
}

// FuzzFormat: any message is formatted or refused, never a panic; a
// message with no syntax characters is itself.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{"a {b} c", "{n, plural, =0 {x} one {# y} other {# z}}", "'{'", "''", "#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		out, err := Format("en", msg, map[string]string{"n": "1", "b": "B"})
		if err == nil && !containsAny(msg, "{}'") && out != msg {
			t.Errorf("Format(%q) = %q", msg, out)
		}
		_, _ = Placeholders(msg)
	})
}

func containsAny(s, chars string) bool {
	for _, c := range chars {
		for _, d := range s {
			if c == d {
				return true
			}
		}
	}
	return false
}
