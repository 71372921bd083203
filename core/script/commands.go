package script

import (
	"strings"

	"github.com/sockplay/sockplay/core/limits"
)

// commandScope says where a command may be typed.
type commandScope int

const (
	hostScope    commandScope = iota // after a host's prompt: server> ss
	netScope                         // after net>: net> step
	sessionScope                     // bare or after any prompt: undo
)

// commandArgKind is what one word of a command must be.
type commandArgKind int

const (
	argCount     commandArgKind = iota // an integer of 1 or more
	argNumber                          // an integer of 0 or more
	argDuration                        // 200ms, 2m
	argPercent                         // 5%
	argRate                            // 10Mbit
	argDirection                       // client>server
	argOnOff                           // on or off
	argHostName                        // a new host's name
	argIP                              // 10.0.0.3
	argTopic                           // a call, command or constant name
	argFlags                           // -tan; commandArg.letters lists the letters allowed
)

type commandArg struct {
	kind        commandArgKind
	placeholder string // in usage lines: N, DURATION, P%
	optional    bool
	letters     string // for argFlags
	max         int64  // the largest value of an argCount or argNumber, 0 for none
}

type commandSpec struct {
	name    string
	scope   commandScope
	forms   [][]commandArg // alternatives, tried in order
	summary string
	detail  string
	example string
	// syntax replaces the usage built from forms for a command the forms
	// cannot express (crowd).
	syntax string
}

// usage lists the command's forms, one per line: "dup [N]", "dup [FROM>TO] P%".
func (c *commandSpec) usage() []string {
	if c.syntax != "" {
		return []string{c.syntax}
	}
	var lines []string
	for _, form := range c.forms {
		words := []string{c.name}
		for _, a := range form {
			w := a.placeholder
			if a.optional {
				w = "[" + w + "]"
			}
			words = append(words, w)
		}
		lines = append(lines, strings.Join(words, " "))
	}
	return lines
}

var (
	optionalCountArg     = commandArg{kind: argCount, placeholder: "N", optional: true}
	stepCountArg         = commandArg{kind: argCount, placeholder: "N", optional: true, max: limits.Steps}
	countArg             = commandArg{kind: argCount, placeholder: "N"}
	durationArg          = commandArg{kind: argDuration, placeholder: "DURATION"}
	percentArg           = commandArg{kind: argPercent, placeholder: "P%"}
	optionalDirectionArg = commandArg{kind: argDirection, placeholder: "FROM>TO", optional: true}
)

const (
	sysctlUsage   = "sysctl [-w] NAME[=VALUE] ... or sysctl -a"
	sysctlExample = "server> sysctl net.ipv4.tcp_abort_on_overflow=1"
)

// commands is every command of the language.
var commands = []commandSpec{
	{name: "ss", scope: hostScope,
		forms:   [][]commandArg{{{kind: argFlags, placeholder: "-tuan", optional: true, letters: "tuan"}}},
		summary: "this host's sockets, as `ss -tan` prints them",
		detail: "Lists the host's sockets with their TCP state, queues and addresses, like Linux's ss. " +
			"-t shows TCP sockets only, -u UDP only, -a includes listening ones, -n is numeric (always the case here); " +
			"with no flags it shows everything, like `ss -tuan`.",
		example: "server> ss -tan"},
	{name: "tcpdump", scope: hostScope,
		forms:   [][]commandArg{{{kind: argFlags, placeholder: "-S", optional: true, letters: "S"}}},
		summary: "the packets this host sent and received, as tcpdump prints them",
		detail: "Prints every packet that left or reached this host, one line each in tcpdump's format. " +
			"Sequence numbers are relative to the first SYN unless -S asks for absolute ones.",
		example: "client> tcpdump -S"},
	{name: "sysctl", scope: hostScope, syntax: sysctlUsage,
		summary: "read or set this host's kernel settings for listening sockets, as sysctl(8)",
		detail: "NAME=VALUE sets a setting, NAME alone prints it, -a prints them all; -w requires every NAME to have a value. " +
			"The settings are Linux's, with its names and ranges: " +
			"net.core.somaxconn caps listen()'s backlog (4096); " +
			"net.ipv4.tcp_max_syn_backlog bounds the SYN queue, whose last quarter stays free for peers the host knows (2048); " +
			"net.ipv4.tcp_syncookies, when 1, answers a SYN that finds the SYN queue full with a SYN cookie, a SYN-ACK whose " +
			"sequence number encodes the handshake so that nothing is kept until the client's ACK brings it back; 2 sends " +
			"cookies always (0 here, 1 on Linux); " +
			"net.ipv4.tcp_abort_on_overflow, when not 0, answers a handshake's last ACK that finds the accept queue full " +
			"with a reset instead of dropping it and resending the SYN-ACK (0). " +
			"A NAME may be written without its prefix (tcp_max_syn_backlog). Sockets already listening keep their backlog.",
		example: sysctlExample},

	{name: "step", scope: netScope, forms: [][]commandArg{{stepCountArg}},
		summary: "deliver the next packet in flight (or the next N)",
		detail:  "Delivers the packet at the head of the network (see `net> next`), or the next N of them, and lets the receiving host react.",
		example: "net> step 3"},
	{name: "run", scope: netScope, forms: [][]commandArg{{}},
		summary: "deliver packets until the network is quiet",
		detail:  "Delivers packets, and whatever they cause, until none is in flight.",
		example: "net> run"},
	{name: "wait", scope: netScope, forms: [][]commandArg{{durationArg}},
		summary: "advance virtual time; due packets arrive and timers fire",
		detail:  "Moves the virtual clock forward by DURATION. Retransmission, delayed-ACK, keepalive and TIME-WAIT timers that fall due fire in order.",
		example: "net> wait 2m"},
	{name: "next", scope: netScope, forms: [][]commandArg{{}},
		summary: "advance the clock to the next timer and fire it",
		detail:  "Moves virtual time to the earliest armed timer (retransmission, persist, delayed ACK, keepalive, TIME-WAIT ...), delivering the packets that arrive before it, and fires it. Prints the new time, or says that no timer is armed.",
		example: "net> next"},
	{name: "deliver", scope: netScope, forms: [][]commandArg{{optionalCountArg}},
		summary: "deliver packet N now, ahead of the others (the next one by default)",
		detail:  "Hands packet N to its destination at the current time, before the packets sent earlier: the way to make packets arrive out of order.",
		example: "net> deliver 3"},
	{name: "list", scope: netScope, forms: [][]commandArg{{}},
		summary: "list the packets in flight, numbered",
		detail:  "Prints every packet in flight with the number that drop, dup, delay and corrupt take.",
		example: "net> list"},
	{name: "drop", scope: netScope, forms: [][]commandArg{{optionalCountArg}},
		summary: "lose packet N in flight (the next one by default)",
		detail:  "Removes a packet from the network as if a router had lost it. TCP recovers by retransmitting (RFC 6298).",
		example: "net> drop 2"},
	{name: "dup", scope: netScope, forms: [][]commandArg{{optionalCountArg}, {optionalDirectionArg, percentArg}},
		summary: "duplicate packet N in flight, or P% of packets",
		detail:  "With a packet number, puts a copy of that packet in flight. With a percentage, duplicates that share of packets at random from now on, on both links or on FROM>TO.",
		example: "net> dup 1"},
	{name: "delay", scope: netScope, forms: [][]commandArg{{countArg, durationArg}},
		summary: "hold packet N back by DURATION",
		detail:  "Makes packet N arrive DURATION later, so packets behind it overtake it.",
		example: "net> delay 1 500ms"},
	{name: "corrupt", scope: netScope, forms: [][]commandArg{{optionalCountArg}, {optionalDirectionArg, percentArg}},
		summary: "damage a byte of packet N in flight, or of P% of packets",
		detail:  "A corrupted packet fails its checksum at the receiver and is discarded there (RFC 9293 section 3.1), so TCP must retransmit.",
		example: "net> corrupt 1"},
	{name: "loss", scope: netScope, forms: [][]commandArg{{optionalDirectionArg, percentArg}},
		summary: "lose P% of packets at random, on both links or on FROM>TO",
		detail:  "Sets the loss rate of both links, or of one direction with FROM>TO (e.g. client>server). The draws come from the session's seed, so a run repeats exactly.",
		example: "net> loss client>server 10%"},
	{name: "reorder", scope: netScope, forms: [][]commandArg{{optionalDirectionArg, percentArg}},
		summary: "let P% of packets overtake the one ahead of them",
		detail:  "Sets how often a packet is delivered before the one sent just before it, on both links or on FROM>TO.",
		example: "net> reorder 5%"},
	{name: "latency", scope: netScope, forms: [][]commandArg{{optionalDirectionArg, durationArg}},
		summary: "one-way delay of each link",
		detail:  "Sets how long a packet takes to cross a link, on both links or on FROM>TO. The round-trip time is the sum of both directions.",
		example: "net> latency 50ms"},
	{name: "bandwidth", scope: netScope, forms: [][]commandArg{{optionalDirectionArg, {kind: argRate, placeholder: "RATE"}}},
		summary: "link speed, e.g. 10Mbit",
		detail:  "Sets the speed of both links, or of FROM>TO: a packet of B bytes occupies the link for 8·B/RATE seconds, so packets queue behind each other.",
		example: "net> bandwidth 10Mbit"},
	{name: "auto", scope: netScope, forms: [][]commandArg{{{kind: argOnOff, placeholder: "on|off"}}},
		summary: "deliver packets by themselves as time passes (on) or only on step/run (off)",
		detail:  "With auto on the network delivers packets whenever they are due; with auto off packets wait in flight until step, run or wait.",
		example: "net> auto off"},
	{name: "seed", scope: netScope, forms: [][]commandArg{{{kind: argNumber, placeholder: "N"}}},
		summary: "start a fresh network whose random choices come from seed N",
		detail: "Every random choice (initial sequence numbers, ports, loss, dup, corrupt and reorder draws) comes from the seed. " +
			"The network starts afresh, without the hosts, sockets and settings of the lines before; undo brings them back. " +
			"The same lines with the same seed give the same trace, byte for byte.",
		example: "net> seed 42"},
	{name: "host", scope: netScope, forms: [][]commandArg{{{kind: argHostName, placeholder: "NAME"}, {kind: argIP, placeholder: "IP"}}},
		summary: "add a host with an IPv4 address",
		detail:  "Adds a machine to the network; it gets its own prompt (NAME>) and its name can be used in addresses (NAME:PORT).",
		example: "net> host db 10.0.0.3"},
	{name: "crowd", scope: netScope, syntax: crowdUsage,
		summary: "start N clients that each run the same calls, and run them to the end",
		detail: "Adds a host named crowd (crowd2, ... for later ones) owning every address of NETWORK; client i has its i-th address. " +
			"Each client starts at a time drawn from the seed within DURATION (1s by default) and runs the calls after `run` in order, " +
			"as a program whose calls block; its variables are its own. A client stops at its first failing call, and when it stops " +
			"or finishes its sockets are closed, as when a process exits. The line runs the network until every client has finished " +
			"and prints a summary: clients started, connected, refused, timed out, failed, and the bytes sent and received. " +
			"Serve the crowd with http.serve. The page's Many clients panel charts the crowd and opens any one client's conversation.",
		example: crowdExample},
	{name: "loop", scope: netScope, syntax: loopUsage,
		summary: "make a host run the same calls over and over, as a server's accept loop",
		detail: "HOST runs the calls after `run` in order, then again from the first, for ever, as a program with one thread " +
			"(`for (;;) { a = accept(s); ... close(a); }`) whose calls block; it sees the variables HOST's lines assigned " +
			"and its own. It runs in the background as the network moves, and stops at its first failing call or when a pass " +
			"of the calls waits for nothing (it would spin). A client, a crowd or several are served one at a time.",
		example: loopExample},
	{name: "crash", scope: netScope, forms: [][]commandArg{{{kind: argHostName, placeholder: "HOST"}}},
		summary: "power a host off: it forgets every socket without sending anything",
		detail: "HOST loses its sockets, connections, timers, blocked call, programs and variables at once, as in a power loss, " +
			"and sends nothing: its peers still believe their connections are open (a half-open connection, RFC 9293 section 3.5.1). " +
			"While it is down, packets reaching it are lost and it takes no calls. net> reboot HOST brings it back.",
		example: "net> crash server"},
	{name: "reboot", scope: netScope, forms: [][]commandArg{{{kind: argHostName, placeholder: "HOST"}}},
		summary: "power a crashed host on again, with no sockets",
		detail: "The host comes back with its address and settings but no sockets. A segment of a connection it had before the crash " +
			"finds none and is answered with a reset, as Linux does (RFC 9293 section 3.5.2): that is how the peer learns its connection is gone.",
		example: "net> reboot server"},
	{name: "reset", scope: netScope, forms: [][]commandArg{{}},
		summary: "put every link back to its defaults",
		detail: "Forgets the loss, dup, reorder, latency and bandwidth settings of every link, both ways: links are back to " +
			"10 ms each way, unlimited bandwidth, nothing lost, duplicated or reordered. Hosts, sockets and packets in flight stay. " +
			"Like any line, undo takes it back; to start the whole session over, type goto 0.",
		example: "net> reset"},

	{name: "undo", scope: sessionScope, forms: [][]commandArg{{}},
		summary: "take back the last line",
		detail:  "The session is replayed from the start without its last line. Written bare (undo) or after any prompt.",
		example: "undo"},
	{name: "goto", scope: sessionScope, forms: [][]commandArg{{{kind: argNumber, placeholder: "N"}}},
		summary: "go back (or forward) to just after line N",
		detail:  "Replays the session's first N lines; goto 0 is the empty session. Written bare (goto 3) or after any prompt.",
		example: "goto 3"},
	{name: "help", scope: sessionScope, forms: [][]commandArg{{{kind: argTopic, placeholder: "TOPIC", optional: true}}},
		summary: "list everything, or explain one call, command, constant or idea",
		detail:  "help alone lists every call, command and idea; help NAME prints NAME's page (help TIME-WAIT, help seq). Written bare or after any prompt.",
		example: "help connect"},
}

func lookupCommand(name string) (*commandSpec, bool) {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i], true
		}
	}
	return nil, false
}

func commandNames(scope commandScope) []string {
	var names []string
	for _, c := range commands {
		if c.scope == scope {
			names = append(names, c.name)
		}
	}
	return names
}
