package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The page's head, as site/notebook.html writes it: one tag a line.
var (
	styleLink   = regexp.MustCompile(`^<link rel="stylesheet" href="([^"]+)">$`)
	manifest    = regexp.MustCompile(`^<link rel="manifest" href="[^"]+">$`)
	iconLink    = regexp.MustCompile(`^<link rel="icon" href="([^"]+)" type="([^"]+)">$`)
	scriptTag   = regexp.MustCompile(`^<script (defer |type="module" )src="([^"]+)"></script>$`)
	cspMeta     = regexp.MustCompile(`^<meta http-equiv="Content-Security-Policy" content="[^"]*">$`)
	scriptEnd   = regexp.MustCompile(`(?i)</script`)
	commentOpen = regexp.MustCompile(`<!--`)
)

// build returns the page of dir with everything it loads inside it.
func build(dir, page, engine string) ([]byte, error) {
	src, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		return nil, err
	}
	var scriptHashes, styleHashes []string
	var out []string
	cspAt := -1
	for i, line := range strings.Split(string(src), "\n") {
		where := fmt.Sprintf("%s:%d", page, i+1)
		switch {
		case cspMeta.MatchString(line):
			cspAt = len(out)
			out = append(out, "")
		case manifest.MatchString(line):
			// A page opened from file:// is not installable: no manifest.
		case styleLink.MatchString(line):
			css, err := os.ReadFile(filepath.Join(dir, styleLink.FindStringSubmatch(line)[1]))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			if err := rawText(string(css), "style"); err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			styleHashes = append(styleHashes, hash(string(css)))
			out = append(out, "<style>"+string(css)+"</style>")
		case iconLink.MatchString(line):
			g := iconLink.FindStringSubmatch(line)
			icon, err := os.ReadFile(filepath.Join(dir, g[1]))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			out = append(out, fmt.Sprintf(`<link rel="icon" href="data:%s;base64,%s">`, g[2], base64.StdEncoding.EncodeToString(icon)))
		case scriptTag.MatchString(line):
			g := scriptTag.FindStringSubmatch(line)
			js, err := os.ReadFile(filepath.Join(dir, g[2]))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			if err := rawText(string(js), "script"); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", where, g[2], err)
			}
			scriptHashes = append(scriptHashes, hash(string(js)))
			open := "<script>" // an inline classic script runs at once, in order: as defer would
			if strings.HasPrefix(g[1], "type=") {
				open = `<script type="module">`
			}
			out = append(out, open+string(js)+"</script>")
		case line == "</head>":
			data, err := payload(dir, engine)
			if err != nil {
				return nil, err
			}
			out = append(out, data, line)
		default:
			if strings.Contains(line, `src="`) || strings.Contains(line, `<link `) {
				return nil, fmt.Errorf("%s: singlefile cannot inline %q", where, line)
			}
			out = append(out, line)
		}
	}
	if cspAt < 0 {
		return nil, fmt.Errorf("%s has no Content-Security-Policy to keep", page)
	}
	out[cspAt] = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ` +
		strings.Join(quoted(scriptHashes), " ") + ` 'wasm-unsafe-eval'; style-src ` + strings.Join(quoted(styleHashes), " ") +
		`; img-src data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'">`
	return []byte(strings.Join(out, "\n")), nil
}

// payload is the engine and the notebooks, in script elements of types
// the browser does not run (so the policy need not allow them) and whose
// text holds no "<": base64, and JSON with "<" escaped.
func payload(dir, engine string) (string, error) {
	gz, err := gzipped(filepath.Join(dir, engine))
	if err != nil {
		return "", err
	}
	files, err := filepath.Glob(filepath.Join(dir, "notebooks", "*.md"))
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	notebooks := map[string]string{}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		notebooks[strings.TrimSuffix(path.Base(filepath.ToSlash(f)), ".md")] = string(text)
	}
	js, err := json.Marshal(notebooks) // escapes <, > and & as \u003c…
	if err != nil {
		return "", err
	}
	return `<script type="application/octet-stream" id="sockplay-engine" data-encoding="gzip">` +
		base64.StdEncoding.EncodeToString(gz) + "</script>\n" +
		`<script type="application/json" id="sockplay-notebooks">` + string(js) + "</script>", nil
}

// gzipped is the engine in gzip: the site's twin (scripts/precompress,
// zopfli) when it holds exactly the engine, else gzip -9. Browsers
// decompress gzip with DecompressionStream; brotli they cannot.
func gzipped(file string) ([]byte, error) {
	wasm, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if twin, err := os.ReadFile(file + ".gz"); err == nil {
		if r, err := gzip.NewReader(bytes.NewReader(twin)); err == nil {
			if got, err := io.ReadAll(r); err == nil && bytes.Equal(got, wasm) {
				return twin, nil
			}
		}
	}
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(wasm)
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// rawText refuses content that would end its element early or change how
// the HTML parser reads it (the spec's script data escape states).
func rawText(text, element string) error {
	if loc := scriptEnd.FindStringIndex(text); loc != nil && element == "script" {
		return fmt.Errorf("holds </script at byte %d", loc[0])
	}
	if element == "style" && strings.Contains(strings.ToLower(text), "</style") {
		return fmt.Errorf("holds </style")
	}
	if element == "script" {
		for _, loc := range commentOpen.FindAllStringIndex(text, -1) {
			rest := text[loc[1]:]
			end := strings.Index(rest, "-->")
			if end < 0 {
				end = len(rest)
			}
			if strings.Contains(strings.ToLower(rest[:end]), "<script") {
				return fmt.Errorf("holds <!-- … <script at byte %d", loc[0])
			}
		}
	}
	return nil
}

func hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func quoted(hashes []string) []string {
	q := make([]string, len(hashes))
	for i, h := range hashes {
		q[i] = "'" + h + "'"
	}
	return q
}
