// Package examples holds the scenarios that the CLI tests, the page's
// example buttons and the documentation share. Each is a script whose first
// comment lines give a title (`# title: ...`) and a short description.
package examples

import (
	_ "embed" // the scripts
	"strings"
)

// scripts are the example files in file-name order. Each is embedded as a
// string: an embed.FS would bring io/fs and, through its FileInfo, time's
// formatting code into the WebAssembly build. A test checks the list
// against the directory.
var scripts = []struct {
	name string
	text *string // a pointer keeps this table static data, not start-up code
}{
	{"01-handshake", &handshake},
	{"02-data", &data},
	{"03-active-close", &activeClose},
	{"04-passive-close", &passiveClose},
	{"05-simultaneous-close", &simultaneousClose},
	{"06-half-close", &halfClose},
	{"07-refused", &refused},
	{"08-lost-syn", &lostSyn},
	{"09-fast-retransmit", &fastRetransmit},
	{"10-zero-window", &zeroWindow},
	{"11-keepalive", &keepalive},
	{"12-udp-vs-tcp", &udpVsTCP},
	{"13-http10", &http10},
	{"14-http11-keepalive", &http11Keepalive},
	{"15-pipelining", &pipelining},
	{"16-idle-timeout", &idleTimeout},
	{"17-bulk-under-loss", &bulkUnderLoss},
	{"18-websocket-push", &websocketPush},
	{"19-long-polling", &longPolling},
	{"20-two-clients-in-turn", &twoClientsInTurn},
	{"21-two-clients-poll", &twoClientsPoll},
	{"22-backlog-one", &backlogOne},
	{"23-slow-start", &slowStart},
	{"24-sack-burst", &sackBurst},
	{"25-small-receive-buffer", &smallReceiveBuffer},
	{"26-accept-loop", &acceptLoop},
}

//go:embed scripts/01-handshake.sock
var handshake string

//go:embed scripts/02-data.sock
var data string

//go:embed scripts/03-active-close.sock
var activeClose string

//go:embed scripts/04-passive-close.sock
var passiveClose string

//go:embed scripts/05-simultaneous-close.sock
var simultaneousClose string

//go:embed scripts/06-half-close.sock
var halfClose string

//go:embed scripts/07-refused.sock
var refused string

//go:embed scripts/08-lost-syn.sock
var lostSyn string

//go:embed scripts/09-fast-retransmit.sock
var fastRetransmit string

//go:embed scripts/10-zero-window.sock
var zeroWindow string

//go:embed scripts/11-keepalive.sock
var keepalive string

//go:embed scripts/12-udp-vs-tcp.sock
var udpVsTCP string

//go:embed scripts/13-http10.sock
var http10 string

//go:embed scripts/14-http11-keepalive.sock
var http11Keepalive string

//go:embed scripts/15-pipelining.sock
var pipelining string

//go:embed scripts/16-idle-timeout.sock
var idleTimeout string

//go:embed scripts/17-bulk-under-loss.sock
var bulkUnderLoss string

//go:embed scripts/18-websocket-push.sock
var websocketPush string

//go:embed scripts/19-long-polling.sock
var longPolling string

//go:embed scripts/20-two-clients-in-turn.sock
var twoClientsInTurn string

//go:embed scripts/21-two-clients-poll.sock
var twoClientsPoll string

//go:embed scripts/22-backlog-one.sock
var backlogOne string

//go:embed scripts/23-slow-start.sock
var slowStart string

//go:embed scripts/24-sack-burst.sock
var sackBurst string

//go:embed scripts/25-small-receive-buffer.sock
var smallReceiveBuffer string

//go:embed scripts/26-accept-loop.sock
var acceptLoop string

// Example is one scenario.
type Example struct {
	Name        string `json:"name"` // file name without extension, e.g. "01-handshake"
	Title       string `json:"title"`
	Description string `json:"description"`
	Script      string `json:"script"`
}

// All returns every example in file-name order.
func All() []Example {
	out := make([]Example, len(scripts))
	for i, s := range scripts {
		out[i] = parse(s.name, *s.text)
	}
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
