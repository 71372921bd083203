package httpapp

import (
	"strconv"
	"strings"
)

// BigFileSize is the size of /big.bin, for bulk transfers.
const BigFileSize = 1 << 20

// document is one static resource of the built-in site.
type document struct {
	contentType string
	body        []byte
}

const indexHTML = `<!DOCTYPE html>
<html>
<head>
<title>sockplay</title>
<link rel="stylesheet" href="/style.css">
<script src="/app.js"></script>
</head>
<body>
<h1>Hello from the virtual server</h1>
<img src="/logo.svg" alt="logo">
<p>This page links three resources. A browser fetches each with its own
GET: on this connection if it persists (HTTP/1.1), on new ones if not
(HTTP/1.0).</p>
<ul>
<li><a href="/big.bin">/big.bin</a>: 1 MiB for bulk transfer</li>
<li><a href="/slow">/slow</a>: answers after 2 seconds</li>
<li><a href="/stream">/stream</a>: a chunked body, one chunk every 500 ms</li>
<li><a href="/poll">/poll</a>: long polling, answers at the next tick</li>
<li>/push: a WebSocket that pushes a tick every second</li>
</ul>
</body>
</html>
`

const styleCSS = `body { font-family: sans-serif; max-width: 40em; margin: 2em auto; }
h1 { color: #225; }
img { width: 64px; height: 64px; }
`

const appJS = `// Counts the ticks the server pushes over a WebSocket.
const ws = new WebSocket("ws://" + location.host + "/push");
let ticks = 0;
ws.onmessage = (ev) => {
  ticks++;
  document.title = ev.data + " (" + ticks + " received)";
};
`

const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="8" fill="#225"/>
<path d="M12 32h16M36 32h16" stroke="#fff" stroke-width="4"/>
<circle cx="32" cy="32" r="4" fill="#fc3"/>
</svg>
`

// staticDocument finds a static resource by path.
func staticDocument(path string) (document, bool) {
	switch path {
	case "/", "/index.html":
		return document{"text/html", []byte(indexHTML)}, true
	case "/style.css":
		return document{"text/css", []byte(styleCSS)}, true
	case "/app.js":
		return document{"text/javascript", []byte(appJS)}, true
	case "/logo.svg":
		return document{"image/svg+xml", []byte(logoSVG)}, true
	case "/big.bin":
		return document{"application/octet-stream", BigFile()}, true
	}
	return document{}, false
}

// BigFile is the body of /big.bin: numbered 64-byte lines, so a damaged
// or misplaced byte is easy to spot in a dump.
func BigFile() []byte {
	const lineLen = 64
	var b strings.Builder
	b.Grow(BigFileSize)
	for i := 0; i < BigFileSize/lineLen; i++ {
		line := "line " + pad(strconv.Itoa(i+1), 6) + " of the sockplay bulk transfer test file"
		b.WriteString(line)
		b.WriteString(strings.Repeat(".", lineLen-1-len(line)))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat("0", n-len(s)) + s
}
