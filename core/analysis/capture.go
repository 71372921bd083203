package analysis

import "github.com/sockplay/sockplay/core/trace"

// Captured is one line of a host's capture (tcpdump on that host): its
// packet and the tags that hold where the capture is taken.
type Captured struct {
	Packet *Packet
	Sent   bool // the host sent it; else it arrived for the host
	Tags   Tags
	// DupAckOf is the line, in this capture, of the ACK a duplicate ACK
	// repeats; 0 when this capture does not hold it.
	DupAckOf int
}

// receiverTags come from the order segments reached the receiver: a
// sender's capture has none of them. A packet that arrived was not lost.
const (
	receiverTags = Tags(1<<TagOutOfOrder | 1<<TagPrevNotCaptured)
	arrivedDrops = Tags(1 << TagLost)
)

// AtHost is the capture of tcpdump on host, line for line as the session
// prints it (trace.Event.CapturedAt), from events (the trace a was read
// from). A line the host sent keeps the sender's tags, a line that arrived
// the receiver's: there, "previous segment not captured" means what
// Wireshark means by it, sequence space this capture never saw.
func (a *Analysis) AtHost(events []trace.Event, host string) []Captured {
	var out []Captured
	line := map[int]int{} // packet ID -> its line in this capture, from 1
	for i := range events {
		e := &events[i]
		if !e.CapturedAt(host) {
			continue
		}
		p, ok := a.Packet(e.Packet)
		if !ok {
			continue
		}
		c := Captured{Packet: p, Sent: e.Kind == trace.Send, Tags: p.Tags &^ arrivedDrops}
		if c.Sent {
			c.Tags = p.Tags &^ receiverTags
		}
		if p.DupAckOf > 0 {
			c.DupAckOf = line[a.Packets[p.DupAckOf-1].ID]
		}
		out = append(out, c)
		line[p.ID] = len(out)
	}
	return out
}

// Labels are the line's tags as the page and --trace=expert print them.
func (c *Captured) Labels() []string {
	return c.Packet.labels(c.Tags, c.DupAckOf)
}
