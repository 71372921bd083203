package goal

import (
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/session"
)

// FuzzParse: any text parses or gets an error whose column lies within
// the text (or just after it); a parsed goal evaluates without panicking.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"socket client port 80 TIME-WAIT", "segment client > server [S.] dropped", "count request per connection >= 3",
		"never retransmit timeout and (call * connect fails or not entered server CLOSE-WAIT)",
		"segment * > client [F*] cause data win 0 no-data", "fired * *", "icmp port-unreachable", "[", "\"", "(((", "count x",
	} {
		f.Add(s)
	}
	s := session.New(1)
	s.Load("server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\nclient> close(c)\nnet> run\n")
	f.Fuzz(func(t *testing.T, src string) {
		g, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Col < 1 || e.Col > len(src)+1 || e.Message == "" {
				t.Fatalf("%q: bad error %#v", src, err)
			}
			return
		}
		if strings.TrimSpace(src) == "" {
			t.Fatalf("%q parsed", src)
		}
		NewChecker([]*Goal{g}).Check(s)
	})
}

// FuzzParseValue: as FuzzParse, for the values questions ask.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{
		"seq of segment server > client [S.]", "count request per connection", "ret of last call client recv",
		"time from segment [S] dropped until retransmit timeout", "time from", "len of", "count",
	} {
		f.Add(s)
	}
	s := session.New(1)
	s.Load("server> s = socket(AF_INET, SOCK_STREAM)\nserver> bind(s, 0.0.0.0:80)\nserver> listen(s, 5)\nclient> c = socket(AF_INET, SOCK_STREAM)\nclient> connect(c, server:80)\nnet> run\n")
	f.Fuzz(func(t *testing.T, src string) {
		v, err := ParseValue(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Col < 1 || e.Col > len(src)+1 || e.Message == "" {
				t.Fatalf("%q: bad error %#v", src, err)
			}
			return
		}
		v.Eval(s)
	})
}
