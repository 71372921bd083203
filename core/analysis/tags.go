package analysis

// Tag is one expert finding on a packet.
type Tag uint8

const (
	TagRetransmission     Tag = iota // the sender resent sequence space (Packet.Cause says which kind)
	TagSpurious                      // a retransmission of bytes that had arrived, or would: the original was not lost
	TagDupACK                        // the receiver ACKed RCV.NXT again for out-of-order data (RFC 5681 4.2)
	TagZeroWindow                    // the segment advertises a zero window
	TagZeroWindowProbe               // the persist timer probes a zero window (RFC 9293 3.8.6.1)
	TagZeroWindowProbeACK            // the receiver's answer to a zero-window probe
	TagWindowProbe                   // the persist timer sent data into a window too small to fill
	TagWindowFull                    // this segment's data filled the peer's window
	TagWindowUpdate                  // the receiver read and announces a larger window
	TagKeepAlive                     // a keep-alive probe (RFC 1122 4.2.3.6)
	TagKeepAliveACK                  // the answer to a keep-alive probe
	TagOutOfOrder                    // it arrived after a segment of its direction sent later
	TagLost                          // it never arrived: lost on the link, dropped, or discarded
	TagPrevNotCaptured               // at the receiver's capture, sequence space before it never arrived
	TagLinkCopy                      // a copy the link made of another packet
	numTags
)

// Tags is a set of Tag.
type Tags uint32

// Has reports whether t is in the set.
func (s Tags) Has(t Tag) bool { return s&(1<<t) != 0 }

func (s *Tags) add(t Tag) { *s |= 1 << t }

// Severity ranks findings as Wireshark's expert info does.
type Severity uint8

const (
	Chat Severity = iota
	Note
	Warn
	Error
)

var severityNames = [...]string{Chat: "Chat", Note: "Note", Warn: "Warning", Error: "Error"}

func (s Severity) String() string { return severityNames[s] }

type tagInfo struct {
	name     string // the word filters, the trace and the page use
	field    string // the display-filter field: Wireshark's where it has one
	summary  string // the expert summary, Wireshark's wording where it has the finding
	severity Severity
}

var tagInfos = [numTags]tagInfo{
	TagRetransmission:     {"retransmission", "tcp.analysis.retransmission", "Retransmission", Note},
	TagSpurious:           {"spurious-retransmission", "tcp.analysis.spurious_retransmission", "Spurious retransmission: the original arrived", Note},
	TagDupACK:             {"dup-ack", "tcp.analysis.duplicate_ack", "Duplicate ACK", Note},
	TagZeroWindow:         {"zero-window", "tcp.analysis.zero_window", "TCP Zero Window segment", Warn},
	TagZeroWindowProbe:    {"zero-window-probe", "tcp.analysis.zero_window_probe", "TCP Zero Window Probe", Note},
	TagZeroWindowProbeACK: {"zero-window-probe-ack", "tcp.analysis.zero_window_probe_ack", "ACK to a TCP Zero Window Probe", Note},
	TagWindowProbe:        {"window-probe", "sockplay.window_probe", "Window probe: data into a window too small to fill", Note},
	TagWindowFull:         {"window-full", "tcp.analysis.window_full", "TCP window specified by the receiver is now completely full", Warn},
	TagWindowUpdate:       {"window-update", "tcp.analysis.window_update", "TCP window update", Chat},
	TagKeepAlive:          {"keep-alive", "tcp.analysis.keep_alive", "TCP keep-alive segment", Note},
	TagKeepAliveACK:       {"keep-alive-ack", "tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", Note},
	TagOutOfOrder:         {"out-of-order", "tcp.analysis.out_of_order", "Out-of-order arrival: a segment sent later arrived first", Warn},
	TagLost:               {"lost", "sockplay.lost", "Lost on the wire", Warn},
	TagPrevNotCaptured:    {"previous-segment-not-captured", "tcp.analysis.lost_segment", "Previous segment(s) not captured (at the receiver)", Warn},
	TagLinkCopy:           {"link-copy", "sockplay.link_copy", "A copy the link made", Note},
}

// Name is the tag's word: "retransmission", "dup-ack", ...
func (t Tag) Name() string { return tagInfos[t].name }

// Field is the display-filter field that selects the tag.
func (t Tag) Field() string { return tagInfos[t].field }

// Summary is the expert list's wording.
func (t Tag) Summary() string { return tagInfos[t].summary }

// Severity is the finding's severity.
func (t Tag) Severity() Severity { return tagInfos[t].severity }

// List is the tags in the set, in Tag order.
func (s Tags) List() []Tag {
	var out []Tag
	for t := Tag(0); t < numTags; t++ {
		if s.Has(t) {
			out = append(out, t)
		}
	}
	return out
}

// AllTags is every tag, in order.
func AllTags() []Tag {
	out := make([]Tag, numTags)
	for i := range out {
		out[i] = Tag(i)
	}
	return out
}
