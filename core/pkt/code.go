package pkt

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/stack"
	"github.com/sockplay/sockplay/core/tcp"
)

// A `%{ }%` block is Python that packetdrill runs with the socket's
// struct tcp_info as tcpi_* variables. The corpus's blocks are assertions
// on those fields, one per line or `;`-separated; that is all this
// accepts. Anything else is refused as not supported.

// infoField is the tcp_info field of that name, if the engine models it.
func infoField(name string, i tcp.Info) (int64, bool) {
	switch name {
	case "tcpi_state":
		return int64(i.State), true
	case "tcpi_ca_state":
		return int64(i.CAState), true
	case "tcpi_options":
		return int64(i.Options), true
	case "tcpi_backoff":
		return int64(i.Backoff), true
	case "tcpi_probes":
		return int64(i.Probes), true
	case "tcpi_rto":
		return i.RTO, true
	case "tcpi_snd_mss":
		return int64(i.SndMSS), true
	case "tcpi_rcv_mss":
		return int64(i.RcvMSS), true
	case "tcpi_unacked":
		return int64(i.Unacked), true
	case "tcpi_sacked":
		return int64(i.Sacked), true
	case "tcpi_lost":
		return int64(i.Lost), true
	case "tcpi_last_data_recv":
		return i.LastDataRecv, true
	case "tcpi_rtt":
		return i.RTT, true
	case "tcpi_rttvar":
		return i.RTTVar, true
	case "tcpi_snd_ssthresh":
		return int64(i.SndSsthresh), true
	case "tcpi_snd_cwnd":
		return int64(i.SndCwnd), true
	case "tcpi_advmss":
		return int64(i.AdvMSS), true
	case "tcpi_reordering":
		return int64(i.Reordering), true
	case "tcpi_total_retrans":
		return int64(i.TotalRetrans), true
	case "tcpi_bytes_received":
		return int64(i.BytesRecv), true
	}
	return 0, false
}

// caStates are Linux's TCP_CA_* names, by value.
var caStates = [...]string{"TCP_CA_Open", "TCP_CA_Disorder", "TCP_CA_CWR", "TCP_CA_Recovery", "TCP_CA_Loss"}

// code reads a %{ }% block.
func (p *parser) code() []Assert {
	p.expect("%{")
	end := strings.Index(p.src[p.pos:], "}%")
	if end < 0 {
		p.fail("unterminated %{ block")
	}
	body := p.src[p.pos : p.pos+end]
	var out []Assert
	for i, line := range strings.Split(strings.ReplaceAll(body, "\\\n", " \n"), "\n") {
		if i > 0 {
			p.line++
		}
		if k := strings.IndexByte(line, '#'); k >= 0 {
			line = line[:k]
		}
		for _, stmt := range strings.Split(line, ";") {
			if stmt = strings.TrimSpace(stmt); stmt != "" {
				out = append(out, p.assertion(stmt))
			}
		}
	}
	p.pos += end + 2
	if len(out) == 0 {
		p.fail("empty %{ }% block")
	}
	return out
}

// assertion reads `assert CONDITION[, message]`.
func (p *parser) assertion(stmt string) Assert {
	cond, ok := strings.CutPrefix(stmt, "assert ")
	if !ok {
		p.unsupported("Python in %{ }% other than assertions on tcp_info: " + strconv.Quote(stmt))
	}
	if k := strings.IndexByte(cond, ','); k >= 0 {
		cond = cond[:k]
	}
	a := Assert{Text: strings.TrimSpace(cond)}
	rest := a.Text
	for {
		rest = strings.TrimLeft(rest, " \t")
		n := 0
		for n < len(rest) && (rest[n] == '_' || rest[n] >= '0' && rest[n] <= '9' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= 'A' && rest[n] <= 'Z') {
			n++
		}
		word := rest[:n]
		rest = strings.TrimLeft(rest[n:], " \t")
		var t Term
		ca := slices.Index(caStates[:], word)
		if v, err := strconv.ParseInt(word, 10, 64); err == nil {
			t.Int = v
		} else if ca >= 0 {
			t.Int = int64(ca)
		} else if _, ok := infoField(word, tcp.Info{}); ok {
			t.Field = word
		} else if strings.HasPrefix(word, "tcpi_") {
			p.unsupported("tcp_info field " + word + " (not modelled)")
		} else {
			p.unsupported("Python in %{ }%: " + strconv.Quote(a.Text))
		}
		a.Terms = append(a.Terms, t)
		if rest == "" {
			break
		}
		op := ""
		for _, o := range []string{"==", "!=", "<=", ">=", "<", ">"} {
			if strings.HasPrefix(rest, o) {
				op = o
				break
			}
		}
		if op == "" {
			p.unsupported("Python in %{ }%: " + strconv.Quote(a.Text))
		}
		a.Ops = append(a.Ops, op)
		rest = rest[len(op):]
	}
	if len(a.Ops) == 0 {
		p.unsupported("Python in %{ }%: " + strconv.Quote(a.Text))
	}
	return a
}

// check evaluates the block against the socket under test's tcp_info,
// failing as packetdrill does when Python raises AssertionError.
func (r *runner) check(code []Assert) error {
	info, ok := stack.TCPInfo(r.h, r.underTest)
	if !ok {
		return r.fail("error executing code: no TCP connection to read tcp_info from")
	}
	if msg := failedAssert(code, info); msg != "" {
		return r.fail(msg)
	}
	return nil
}

// failedAssert is the first assertion info does not satisfy, in
// packetdrill's words, or "".
func failedAssert(code []Assert, info tcp.Info) string {
	for _, a := range code {
		vals := make([]int64, len(a.Terms))
		var got []string
		for i, t := range a.Terms {
			vals[i] = t.Int
			if t.Field != "" {
				vals[i], _ = infoField(t.Field, info)
				got = append(got, t.Field+" = "+strconv.FormatInt(vals[i], 10))
			}
		}
		for i, op := range a.Ops {
			if !compare(vals[i], op, vals[i+1]) {
				return "error executing code: AssertionError: assert " + a.Text + " (" + strings.Join(got, ", ") + ")"
			}
		}
	}
	return ""
}

func compare(x int64, op string, y int64) bool {
	switch op {
	case "==":
		return x == y
	case "!=":
		return x != y
	case "<":
		return x < y
	case "<=":
		return x <= y
	case ">":
		return x > y
	}
	return x >= y
}
