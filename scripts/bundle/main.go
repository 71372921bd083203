// Command bundle joins the page's ES modules into one file in a built
// site (make dist): the browser then fetches and links one script instead
// of two dozen before the consoles can take keys, about 60 ms sooner on a
// first visit (make bench-web). It reads only the subset of module syntax
// the page uses (see bundle.go) and refuses anything else.
//
//	go run ./scripts/bundle -dir dist -entry js/main.mjs
//
// writes the bundle over the entry, deletes the modules it absorbed (not
// with -keep, when another page's bundle is made after it) and drops the
// <link rel="modulepreload"> lines from the page (-html, index.html).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("dir", "dist", "the built site")
	entry := flag.String("entry", "js/main.mjs", "the page's module script, relative to -dir")
	page := flag.String("html", "index.html", "the page that loads it, relative to -dir")
	keep := flag.Bool("keep", false, "keep the modules it absorbed (another page's bundle still reads them)")
	flag.Parse()
	if err := run(*dir, *entry, *page, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
}

func run(dir, entry, page string, keep bool) error {
	code, files, err := bundle(dir, entry)
	if err != nil {
		return err
	}
	html, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		return err
	}
	if !strings.Contains(string(html), `src="`+entry+`"`) {
		return fmt.Errorf("%s does not load %s", page, entry)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(html), "\n") {
		if !strings.Contains(line, `rel="modulepreload"`) {
			kept = append(kept, line)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, page), []byte(strings.Join(kept, "")), 0o644); err != nil {
		return err
	}
	for _, f := range files {
		if f != entry && !keep {
			if err := os.Remove(filepath.Join(dir, f)); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(filepath.Join(dir, entry), code, 0o644)
}
