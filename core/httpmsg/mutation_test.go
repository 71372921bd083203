package httpmsg

import (
	"testing"
)

// mutationBytes are the bytes most likely to change how a message parses.
var mutationBytes = []byte(" \t\r\n:;,0aF#%?/*@[]\"\x00\x7f\x80")

// TestMutationsStayWithinNetHTTP replaces, inserts and deletes bytes at
// every position of every accepted corpus stream: whatever we still accept,
// net/http must accept with the same result.
func TestMutationsStayWithinNetHTTP(t *testing.T) {
	all := append(append([]corpusCase{}, requestCorpus...), responseCorpus...)
	checked := 0
	for i, c := range all {
		if !c.accept {
			continue
		}
		response := i >= len(requestCorpus)
		s := []byte(c.stream)
		try := func(m []byte) {
			ours, err := ourParse(response, c.methods, [][]byte{m})
			if err != nil {
				return
			}
			checked++
			theirs, theirErr := netHTTPParse(response, c.methods, m)
			if theirErr != nil {
				t.Errorf("%s: we accept %q, net/http refuses: %v", c.name, m, theirErr)
				return
			}
			want, got := normalizeEmpty(theirs), normalizeEmpty(summarizeAll(ours))
			if len(want) != len(got) {
				t.Errorf("%s: %q: net/http %d messages, we %d", c.name, m, len(want), len(got))
				return
			}
			for k := range want {
				if !equalSummary(want[k], got[k]) {
					t.Errorf("%s: %q: message %d differs:\nnet/http %+v\nours     %+v", c.name, m, k, want[k], got[k])
				}
			}
		}
		for pos := 0; pos <= len(s); pos++ {
			if pos < len(s) {
				try(append(append([]byte{}, s[:pos]...), s[pos+1:]...))
			}
			for _, b := range mutationBytes {
				if pos < len(s) {
					m := append([]byte{}, s...)
					m[pos] = b
					try(m)
				}
				try(append(append(append([]byte{}, s[:pos]...), b), s[pos:]...))
			}
		}
	}
	t.Logf("%d accepted mutants checked against net/http", checked)
}

func equalSummary(a, b summary) bool {
	if a.Method != b.Method || a.Target != b.Target || a.Status != b.Status || a.Major != b.Major ||
		a.Minor != b.Minor || a.Body != b.Body || a.Close != b.Close || a.Switch != b.Switch {
		return false
	}
	return equalHeader(a.Header, b.Header) && equalHeader(a.Trailer, b.Trailer)
}

func equalHeader(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || len(va) != len(vb) {
			return false
		}
		for i := range va {
			if va[i] != vb[i] {
				return false
			}
		}
	}
	return true
}
