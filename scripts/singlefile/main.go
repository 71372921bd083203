// Command singlefile writes the notebook page as one self-contained HTML
// file that runs when opened from file:// with no server and no network:
// a teacher can e-mail it or hand it out on a USB stick. It reads a built
// site (make dist) and inlines into the page its stylesheets, scripts
// (Go's loader, markdown-it, the page's module bundle), its icon, the
// notebook engine (gzip, base64) and the bundled notebooks:
//
//	go run ./scripts/singlefile -dir dist -o dist/sockplay-notebook.html
//
// The Content-Security-Policy stays as strict as the served page's: the
// inline scripts and styles are allowed by their SHA-256 hashes, nothing
// else runs.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	dir := flag.String("dir", "dist", "the built site (make dist)")
	page := flag.String("html", "notebook.html", "the page, relative to -dir")
	engine := flag.String("wasm", "sockplay-notebook.wasm", "the page's engine, relative to -dir")
	out := flag.String("o", "dist/sockplay-notebook.html", "the file to write")
	flag.Parse()
	html, err := build(*dir, *page, *engine)
	if err == nil {
		err = os.WriteFile(*out, html, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "singlefile:", err)
		os.Exit(1)
	}
	fmt.Printf("singlefile: wrote %s (%d bytes)\n", *out, len(html))
}
