package script

import "strings"

// A concept page explains an idea the diagram shows rather than a call:
// `help handshake`, `help TIME-WAIT`. Its name is what a learner would
// type; other names lead to it too.
type concept struct {
	name    string
	aliases []string
	summary string // a line in the index
	text    string // the page, paragraphs apart
	try     string // what to look at in sockplay
}

var concepts = []concept{
	{name: "handshake", aliases: []string{"SYN", "three-way-handshake"},
		summary: "the three-way handshake: SYN, SYN-ACK, ACK",
		text: "connect() sends a SYN carrying the client's initial sequence number (ISN). The listening server answers with a SYN-ACK that carries its own ISN and acknowledges the client's ISN + 1 (a SYN counts as one byte); the client's ACK acknowledges the server's ISN + 1 (RFC 9293 3.5). Both ends are then ESTABLISHED, and the server's connection waits in the listener's accept queue until accept() takes it.\n\n" +
			"The SYNs also carry the options each side offers: MSS, SACK permitted, timestamps, window scale; an option is used only when both offer it. A SYN to a port where nothing listens is answered with RST, and connect() fails with ECONNREFUSED. A lost SYN is sent again after 1 s, then 2 s, 4 s and so on.",
		try: "the example 01-handshake; `help seq` tells why its arrows say seq 0"},
	{name: "seq", aliases: []string{"ISN", "sequence-numbers", "relative"},
		summary: "sequence numbers, the ISN, and relative numbers",
		text: "Every byte a side sends has a 32-bit sequence number: a segment's seq is the number of its first byte, and ack is the number of the next byte its sender expects (RFC 9293 3.4). A SYN and a FIN each take one number too. Each side starts from an initial sequence number (ISN) of its own, which Linux draws from a clock and a keyed hash of the addresses and ports (RFC 6528), so that segments of an old connection are not taken for a new one's; sockplay draws it from the session's seed, so a session replays exactly.\n\n" +
			"Like tcpdump and Wireshark, the diagram shows numbers relative to each side's ISN: the SYN is seq 0 and the first data byte is 1; seq 1:19 carries bytes 1 to 18. Tick \"absolute seq\" above the diagram (tcpdump -S) for the numbers on the wire.",
		try: "the example 02-data: the data arrows say seq 1:N and the ACKs back ack N"},
	{name: "window", aliases: []string{"rwnd", "zero-window", "flow-control"},
		summary: "the receive window and flow control",
		text: "A segment's window field says how many bytes beyond its ack its sender can still receive: the free room in its receive buffer (RFC 9293 3.8.6). The peer never has more unacknowledged data in flight than this window (nor than its own congestion window: `help retransmission`). The field has 16 bits; window scaling (RFC 7323 2), offered in both SYNs, shifts it: win 502 with scale 7 is 64256 bytes, Wireshark's calculated window size in the inspector.\n\n" +
			"When the application does not read, the buffer fills and the window closes: win 0 on the arrow. The sender then sends zero-window probes, further and further apart, until a window update opens it again.",
		try: "the example 10-zero-window"},
	{name: "retransmission", aliases: []string{"retransmit", "RTO", "fast-retransmit"},
		summary: "retransmission: by timeout, and fast retransmit",
		text: "TCP keeps every byte it sent until it is acknowledged. When no acknowledgment comes before the retransmission timer fires, the first unacknowledged segment is sent again: a retransmission by timeout. The timeout (RTO) comes from the measured round-trip time (RFC 6298), at least 200 ms as on Linux, and doubles after every timeout.\n\n" +
			"Sooner, when segments arrive after a hole, the receiver repeats its ACK (duplicate ACKs) with SACK blocks naming what it holds (RFC 2018). After three duplicate ACKs, or once SACK shows enough data above the hole (RFC 6675; RACK, RFC 8985, also by time), the sender resends the hole at once (fast retransmit, RFC 5681 3.2) and shrinks its congestion window. Every arrow the engine sent again is orange and says why.",
		try: "the examples 08-lost-syn and 09-fast-retransmit"},
	{name: "TIME-WAIT", aliases: []string{"TIME_WAIT", "timewait", "MSL"},
		summary: "why the side that closes first waits",
		text: "The side that sends the first FIN ends in TIME-WAIT once it has acknowledged the peer's FIN, and stays there for twice the maximum segment lifetime (60 s on Linux and here) before the connection is forgotten (RFC 9293 3.6). It waits for two reasons: if its last ACK is lost, the peer sends its FIN again and TIME-WAIT acknowledges it once more instead of answering with RST; and stray old segments of this connection die out before a new connection may use the same addresses and ports.\n\n" +
			"The side that closes second goes through CLOSE-WAIT and LAST-ACK and keeps nothing. A server that closes first keeps one TIME-WAIT per client: see ss.",
		try: "the examples 03-active-close and 04-passive-close"},
	{name: "nagle", aliases: []string{"delayed-ack", "delack"},
		summary: "Nagle's algorithm and delayed ACKs",
		text: "Nagle's algorithm (RFC 896, RFC 9293 3.7.4): while a short segment is unacknowledged, a sender holds back the next one shorter than the MSS until the ACK comes or a full segment has gathered (Linux's variant, as here: the RFC's waits while any data is unacknowledged). TCP_NODELAY (setsockopt) turns it off.\n\n" +
			"Delayed ACK (RFC 9293 3.8.6.3): a receiver waits a little before acknowledging (from 40 ms up to 200 ms, as on Linux), so that the ACK can ride on a reply, but acknowledges every second full segment at once. Together they can stall a write-write-read exchange: the second small write waits for an ACK that waits for more data.",
		try: "setsockopt(c, IPPROTO_TCP, TCP_NODELAY, 1); the timer notes show each delayed ACK"},
	{name: "keepalive", aliases: []string{"keep-alive", "SO_KEEPALIVE"},
		summary: "keep-alive probes on an idle connection",
		text: "An idle TCP connection sends nothing, so a peer that vanished goes unnoticed. With SO_KEEPALIVE set, after TCP_KEEPIDLE seconds of silence (7200 by default on Linux and here) the host sends a probe: an ACK one byte behind, which the peer must answer (RFC 9293 3.8.4). An answer keeps the connection; after TCP_KEEPCNT (9) probes TCP_KEEPINTVL (75 s) apart with no answer it is dropped and the next call fails with ETIMEDOUT.\n\n" +
			"HTTP keep-alive is another thing: several requests over one connection.",
		try: "the examples 11-keepalive and 14-http11-keepalive"},
}

// lookupConcept finds a concept page by its name or another name, in any case.
func lookupConcept(topic string) (*concept, bool) {
	for i := range concepts {
		c := &concepts[i]
		if strings.EqualFold(topic, c.name) {
			return c, true
		}
		for _, a := range c.aliases {
			if strings.EqualFold(topic, a) {
				return c, true
			}
		}
	}
	return nil, false
}

func conceptPage(c *concept, tr Translate) string {
	id := "help.concept." + c.name + "."
	return c.name + " — " + tr(id+"summary", c.summary) + "\n\n" + wrap(tr(id+"text", c.text), 0, helpWidth) +
		"\n" + wrap(tr("help.label.try", "Try: ")+tr(id+"try", c.try), 0, helpWidth)
}
