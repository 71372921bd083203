package analysis

import (
	"strconv"

	"github.com/sockplay/sockplay/core/wire"
)

// Finding is one line of the expert list: a tag on a packet, or a
// connection event (SYN, SYN+ACK, FIN, RST) as Wireshark lists them too.
type Finding struct {
	Frame    int
	Packet   int // the trace's packet number
	Tag      Tag // numTags for a connection event
	Severity Severity
	Summary  string
}

// IsTag reports whether the finding is one of the tags, not a connection event.
func (f Finding) IsTag() bool { return f.Tag < numTags }

// Findings is the expert list, in the order of the packets.
func (a *Analysis) Findings() []Finding {
	var out []Finding
	for i := range a.Packets {
		out = appendFindings(out, &a.Packets[i], a.Packets[i].Tags, a.Packets[i].Frame)
	}
	return out
}

// FindingsAt is the expert list of a host's capture (AtHost): its lines'
// tags, each finding's Frame its line in that capture.
func FindingsAt(capture []Captured) []Finding {
	var out []Finding
	for i, c := range capture {
		out = appendFindings(out, c.Packet, c.Tags, i+1)
	}
	return out
}

// appendFindings adds p's connection event and one finding per tag.
func appendFindings(out []Finding, p *Packet, tags Tags, frame int) []Finding {
	if p.TCP != nil {
		if sum, sev, ok := connectionEvent(p); ok {
			out = append(out, Finding{Frame: frame, Packet: p.ID, Tag: numTags, Severity: sev, Summary: sum})
		}
	}
	for _, t := range tags.List() {
		out = append(out, Finding{Frame: frame, Packet: p.ID, Tag: t, Severity: t.Severity(), Summary: p.Summary(t)})
	}
	return out
}

// connectionEvent is the finding Wireshark lists for a segment opening or
// closing a connection.
func connectionEvent(p *Packet) (string, Severity, bool) {
	f := p.TCP.Flags
	port := " server port " + strconv.Itoa(int(p.TCP.DstPort))
	switch {
	case f&wire.RST != 0:
		return "Connection reset (RST)", Warn, true
	case f&(wire.SYN|wire.ACK) == wire.SYN:
		return "Connection establish request (SYN):" + port, Chat, true
	case f&(wire.SYN|wire.ACK) == wire.SYN|wire.ACK:
		return "Connection establish acknowledge (SYN+ACK): server port " + strconv.Itoa(int(p.TCP.SrcPort)), Chat, true
	case f&wire.FIN != 0:
		return "Connection finish (FIN)", Chat, true
	}
	return "", 0, false
}

// retransmissionKind words a retransmitting cause.
func retransmissionKind(cause string) string {
	switch cause {
	case "retransmit-timeout":
		return "Retransmission by timeout (RFC 6298)"
	case "retransmit-fast":
		return "Fast retransmission (RFC 5681 3.2)"
	case "retransmit-recovery":
		return "Retransmission in fast recovery (RFC 6675)"
	case "retransmit-reply":
		return "SYN+ACK resent answering a resent SYN"
	}
	return ""
}

// Summary is the expert list's wording of tag t on p.
func (p *Packet) Summary(t Tag) string {
	switch t {
	case TagRetransmission:
		if k := retransmissionKind(p.Cause); k != "" {
			return k
		}
	case TagDupACK:
		return "Duplicate ACK (#" + strconv.Itoa(p.DupAckNum) + ")"
	}
	return t.Summary()
}

// Labels are p's tags as short words for beside a packet line, e.g.
// "fast retransmission", "dup ACK 2#1".
func (p *Packet) Labels() []string {
	return p.labels(p.Tags, p.DupAckOf)
}

// labels words tags of p; dupOf is the frame a duplicate ACK repeats, in
// the capture at hand (0: not in it).
func (p *Packet) labels(tags Tags, dupOf int) []string {
	var out []string
	for _, t := range tags.List() {
		switch t {
		case TagRetransmission:
			out = append(out, "retransmission ("+trimRetransmit(p.Cause)+")")
		case TagDupACK:
			of := ""
			if dupOf > 0 {
				of = strconv.Itoa(dupOf)
			}
			out = append(out, "dup ACK "+of+"#"+strconv.Itoa(p.DupAckNum))
		default:
			out = append(out, t.Name())
		}
	}
	return out
}

func trimRetransmit(cause string) string {
	const prefix = "retransmit-"
	if len(cause) > len(prefix) && cause[:len(prefix)] == prefix {
		return cause[len(prefix):]
	}
	return cause
}
