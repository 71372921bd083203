// Command precache writes a built site's service worker (site/sw.js):
// the build's id, a hash of every file it precaches, and their list, so
// that after one visit the site works offline and a new build replaces
// the old one on the next load.
//
//	go run ./scripts/precache -dir dist
//
// Precached: every file of the site but the compressed twins (the
// browser asks for the file; the server picks the twin), the worker
// itself, the single-file notebook (a download, not a page of the site)
// and the packetdrill engine (loaded only for a packetdrill script: kept
// once fetched).
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

var skipped = map[string]bool{"sw.js": true, "sockplay-notebook.html": true, "sockplay-pkt.wasm": true, "README.md": true}

func main() {
	dir := flag.String("dir", "dist", "the built site")
	flag.Parse()
	n, build, err := write(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "precache:", err)
		os.Exit(1)
	}
	fmt.Printf("precache: sw.js precaches %d files, build %s\n", n, build)
}

// files lists the site's files to precache, as URLs relative to the site.
func files(dir string) ([]string, error) {
	var list []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(must(filepath.Rel(dir, p)))
		if skipped[rel] || strings.HasSuffix(rel, ".br") || strings.HasSuffix(rel, ".gz") {
			return nil
		}
		list = append(list, rel)
		return nil
	})
	sort.Strings(list)
	return list, err
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

func write(dir string) (int, string, error) {
	list, err := files(dir)
	if err != nil {
		return 0, "", err
	}
	h := sha256.New()
	for _, f := range list {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return 0, "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(b))
		h.Write(b)
	}
	build := hex.EncodeToString(h.Sum(nil))[:12]
	swPath := filepath.Join(dir, "sw.js")
	sw, err := os.ReadFile(swPath)
	if err != nil {
		return 0, "", err
	}
	urls := append([]string{"./"}, list...) // the site's root is index.html
	js, _ := json.Marshal(urls)
	out := strings.Replace(string(sw), "const BUILD = 'dev';", "const BUILD = '"+build+"';", 1)
	out = strings.Replace(out, "const PRECACHE = [];", "const PRECACHE = "+string(js)+";", 1)
	if out == string(sw) || !strings.Contains(out, build) || !strings.Contains(out, string(js)) {
		return 0, "", fmt.Errorf("%s has no `const BUILD = 'dev';` and `const PRECACHE = [];` to fill", swPath)
	}
	return len(urls), build, os.WriteFile(swPath, []byte(out), 0o644)
}
