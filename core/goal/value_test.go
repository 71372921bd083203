package goal

import (
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/session"
)

// exampleSession is an example's session played with seed.
func exampleSession(t *testing.T, name string, seed uint64) *session.Session {
	t.Helper()
	src := exampleScript(t, name)
	s := session.New(seed)
	for _, o := range s.Load(src) {
		if o.Err != nil {
			t.Fatalf("%s: %s", o.Input, o.Err.Message)
		}
	}
	return s
}

func value(t *testing.T, s *session.Session, src string) (float64, bool) {
	t.Helper()
	v, err := ParseValue(src)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return v.Eval(s)
}

func TestValuesOfTheHandshake(t *testing.T) {
	for _, seed := range []uint64{1, 2, 99} {
		s := exampleSession(t, "01", seed)
		isn, ok := value(t, s, "seq of segment server > client [S.]")
		if !ok {
			t.Fatal("no SYN-ACK")
		}
		ack, _ := value(t, s, "ack of segment client > server [.]")
		if ack != isn+1 && !(isn == 4294967295 && ack == 0) {
			t.Errorf("seed %d: the client acknowledged %v, the server's ISN is %v", seed, ack, isn)
		}
		cisn, _ := value(t, s, "seq of segment client > server [S]")
		synack, _ := value(t, s, "ack of segment server > client [S.]")
		if synack != cisn+1 {
			t.Errorf("seed %d: SYN-ACK acknowledged %v, the client's ISN is %v", seed, synack, cisn)
		}
		if n, _ := value(t, s, "count segment [S*]"); n != 2 {
			t.Errorf("count segment [S*] = %v", n)
		}
		if p, _ := value(t, s, "dport of segment client > server [S]"); p != 80 {
			t.Errorf("dport = %v", p)
		}
		if r, _ := value(t, s, "ret of last call client connect"); r != 0 {
			t.Errorf("connect returned %v", r)
		}
		if _, ok := value(t, s, "seq of segment [R*]"); ok {
			t.Error("a reset that never happened has a value")
		}
	}
	// Different seeds give different ISNs: copying a neighbour's fails.
	a, _ := value(t, exampleSession(t, "01", 1), "seq of segment server > client [S.]")
	b, _ := value(t, exampleSession(t, "01", 2), "seq of segment server > client [S.]")
	if a == b {
		t.Errorf("seeds 1 and 2 give the same ISN %v", a)
	}
}

func TestTimeFromLossToRetransmission(t *testing.T) {
	s := exampleSession(t, "08", 1)
	ms, ok := value(t, s, "time from segment client > server [S] dropped until retransmit timeout from client")
	if !ok || ms < 900 || ms > 1100 {
		t.Errorf("the SYN was retransmitted %v ms after its loss (ok %v); Linux's initial RTO is 1 s", ms, ok)
	}
	if _, ok := value(t, s, "time from segment [R*] until retransmit"); ok {
		t.Error("a time from something that never happened")
	}
}

func TestValueCounts(t *testing.T) {
	s := exampleSession(t, "14", 1)
	perConn, _ := value(t, s, "count request per connection")
	all, _ := value(t, s, "count request")
	if perConn < 2 || all < perConn {
		t.Errorf("requests: %v on one connection, %v in all", perConn, all)
	}
}

func TestValueErrors(t *testing.T) {
	for src, want := range map[string]string{
		"":                                   "col 1: expected a value",
		"seq segment [S]":                    "col 5: expected `of`",
		"seq of call client connect":         "col 8: seq is a TCP segment's field",
		"ret of segment [S]":                 "col 8: ret is a call's",
		"time from segment [S] segment [S.]": "col 23: expected `until`",
		"count segment [S] 3":                "col 19: expected the end",
		"len of datagram to server extra":    "col 27: expected the end",
	} {
		_, err := ParseValue(src)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %s", src, err, want)
		}
	}
}
