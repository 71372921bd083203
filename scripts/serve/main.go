// Command serve serves a static folder on loopback with the MIME types a
// WebAssembly page needs, answering with a precompressed twin, NAME.br or
// NAME.gz (scripts/precompress), when the client accepts its encoding. It is what `make serve` runs; any static host
// that does the same can serve `make dist`'s output.
package main

import (
	"flag"
	"fmt"
	"log"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

var types = map[string]string{
	".wasm":        "application/wasm",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".webmanifest": "application/manifest+json",
}

func main() {
	dir := flag.String("dir", "dist", "folder to serve")
	addr := flag.String("addr", "127.0.0.1:8080", "loopback address to listen on")
	flag.Parse()
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		log.Fatalf("serve: %s has no index.html (run make dist first)", *dir)
	}
	fmt.Printf("sockplay: serving %s on http://%s/\n", *dir, *addr)
	log.Fatal(http.ListenAndServe(*addr, handler(*dir)))
}

func handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean(r.URL.Path)
		if strings.HasSuffix(name, "/") || name == "." {
			name += "index.html"
		}
		ext := path.Ext(name)
		if t, ok := types[ext]; ok {
			w.Header().Set("Content-Type", t)
		} else if t := mime.TypeByExtension(ext); t != "" {
			w.Header().Set("Content-Type", t)
		}
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Add("Vary", "Accept-Encoding")
		accepted := acceptedEncodings(r.Header.Get("Accept-Encoding"))
		for _, enc := range twins {
			if !accepted[enc.name] {
				continue
			}
			twin := filepath.Join(dir, filepath.FromSlash(name)+enc.suffix)
			if fi, err := os.Stat(twin); err == nil && !fi.IsDir() {
				w.Header().Set("Content-Encoding", enc.name)
				http.ServeFile(w, r, twin)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// twins are the precompressed files beside a file, best first.
var twins = []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// acceptedEncodings reads an Accept-Encoding header (RFC 9110 12.5.3):
// codings with a weight of 0 are refused.
func acceptedEncodings(header string) map[string]bool {
	accepted := map[string]bool{}
	for _, item := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(item, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if coding == "" || q == "q=0" || (strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") == "") {
			continue
		}
		accepted[coding] = true
	}
	return accepted
}
