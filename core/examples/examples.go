// Package examples holds the scenarios that the CLI tests, the page's
// example buttons and the documentation share. Each is a script whose first
// comment lines give a title (`# title: ...`) and a short description.
package examples

import (
	"embed"
	"path"
	"sort"
	"strings"
)

//go:embed scripts/*.sock
var scripts embed.FS

// Example is one scenario.
type Example struct {
	Name        string `json:"name"` // file name without extension, e.g. "01-handshake"
	Title       string `json:"title"`
	Description string `json:"description"`
	Script      string `json:"script"`
}

// All returns every example in file-name order.
func All() []Example {
	entries, err := scripts.ReadDir("scripts")
	if err != nil {
		return nil
	}
	var out []Example
	for _, e := range entries {
		b, err := scripts.ReadFile("scripts/" + e.Name())
		if err != nil {
			continue
		}
		out = append(out, parse(strings.TrimSuffix(e.Name(), path.Ext(e.Name())), string(b)))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// parse reads the header comments: "# title: X" then description lines up
// to the first line that is not a comment.
func parse(name, script string) Example {
	ex := Example{Name: name, Script: script}
	var desc []string
	for _, line := range strings.Split(script, "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		text := strings.TrimSpace(strings.TrimPrefix(line, "#"))
		if t, ok := strings.CutPrefix(text, "title:"); ok {
			ex.Title = strings.TrimSpace(t)
			continue
		}
		desc = append(desc, text)
	}
	ex.Description = strings.Join(desc, " ")
	if ex.Title == "" {
		ex.Title = name
	}
	return ex
}
