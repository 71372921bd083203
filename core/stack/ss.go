package stack

import (
	"errors"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/inet"
	"github.com/sockplay/sockplay/core/tcp"
)

// ssColumn is one of ss's output columns (iproute2 misc/ss.c, Netid
// hidden as it is when one protocol is listed).
type ssColumn struct {
	header     string
	delim      string // printed before the field unless it starts the line
	alignRight bool
}

var ssColumns = [...]ssColumn{
	{"State", "", false},
	{"Recv-Q", " ", false},
	{"Send-Q", " ", false},
	{"Local Address:", " ", true},
	{"Port", "", false},
	{"Peer Address:", " ", true},
	{"Port", "", false},
	{"Process", "", false},
}

// SS prints this host's TCP (or UDP) sockets exactly as `ss -tan` (or
// `ss -uan`) prints them when its output is not a terminal: columns as
// wide as their widest field, listeners first. A listener shows its
// accept queue as Recv-Q and its backlog as Send-Q. UDP Recv-Q counts
// payload bytes (Linux counts buffer overhead too).
func (h *Host) SS(udp bool) string {
	rows := [][]string{headerRow()}
	if udp {
		rows = append(rows, h.udpRows()...)
	} else {
		rows = append(rows, h.tcpRows()...)
	}
	return renderSS(rows)
}

// SS is Host.SS for the host called name.
func (w *World) SS(name string, udp bool) (string, error) {
	h := w.Host(name)
	if h == nil {
		return "", errors.New("no host " + strconv.Quote(name))
	}
	return h.SS(udp), nil
}

func headerRow() []string {
	r := make([]string, len(ssColumns))
	for i, c := range ssColumns {
		r[i] = c.header
	}
	return r
}

func ssRow(state string, recvQ, sendQ int, local, peer string, peerPort string) []string {
	la, lp := splitHostPort(local)
	pa := peer + ":"
	return []string{state, pad6(recvQ), pad6(sendQ), la, lp, pa, peerPort, ""}
}

// pad6 is ss's "%-6d".
func pad6(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 6 {
		s += strings.Repeat(" ", 6-len(s))
	}
	return s
}

func splitHostPort(a string) (string, string) {
	i := strings.LastIndexByte(a, ':')
	return a[:i+1], a[i+1:]
}

func addrString(a inet.AddrPort) string {
	if !a.IsValid() {
		return "0.0.0.0:*"
	}
	port := "*"
	if a.Port() != 0 {
		port = strconv.Itoa(int(a.Port()))
	}
	return a.Addr().String() + ":" + port
}

func (h *Host) tcpRows() [][]string {
	var rows [][]string
	for _, s := range h.socks {
		if s.proto == TCP && s.listening {
			rows = append(rows, ssRow("LISTEN", len(s.acceptQ), s.backlog, addrString(s.local), "0.0.0.0", "*"))
		}
	}
	for _, tc := range h.conns {
		st := tc.c.State()
		rq, sq := tc.c.RecvQueued(), tc.c.SendQueued()
		if (st == tcp.SynReceived && tc.parent != nil) || st == tcp.TimeWait {
			rq, sq = 0, 0 // request and TIME-WAIT sockets have no queues
		}
		_, port := splitHostPort(addrString(tc.key.remote))
		rows = append(rows, ssRow(st.SSName(), rq, sq, addrString(tc.key.local), tc.key.remote.Addr().String(), port))
	}
	return rows
}

func (h *Host) udpRows() [][]string {
	var rows [][]string
	for _, s := range h.socks {
		if s.proto != UDP || !s.bound() {
			continue
		}
		if s.state == connected {
			_, port := splitHostPort(addrString(s.remote))
			rows = append(rows, ssRow("ESTAB", s.rcvBytes, 0, addrString(s.local), s.remote.Addr().String(), port))
		} else {
			rows = append(rows, ssRow("UNCONN", s.rcvBytes, 0, addrString(s.local), "0.0.0.0", "*"))
		}
	}
	return rows
}

// renderSS lays rows out like ss's render(): each column as wide as its
// widest field plus its delimiter; right-aligned columns pad on the left.
func renderSS(rows [][]string) string {
	widths := make([]int, len(ssColumns))
	for i, c := range ssColumns {
		longest := 0
		for _, r := range rows {
			longest = max(longest, len(r[i]))
		}
		widths[i] = longest
		if i > 0 && longest > 0 {
			widths[i] += len(c.delim)
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range ssColumns {
			printed := 0
			if i > 0 {
				b.WriteString(c.delim)
				printed = len(c.delim)
			}
			if c.alignRight {
				b.WriteString(strings.Repeat(" ", max(widths[i]-len(r[i])-printed, 0)))
				b.WriteString(r[i])
				continue
			}
			b.WriteString(r[i])
			printed += len(r[i])
			b.WriteString(strings.Repeat(" ", max(widths[i]-printed, 0)))
		}
		b.WriteString("\n")
	}
	return b.String()
}
