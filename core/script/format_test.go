package script

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatCanonical(t *testing.T) {
	cases := map[string]string{
		"server>s=socket( AF_INET,SOCK_STREAM )":                     "server> s = socket(AF_INET, SOCK_STREAM)",
		"server> bind(s, *:80)":                                      "server> bind(s, 0.0.0.0:80)",
		"server> bind(s, server :80)":                                "server> bind(s, server:80)",
		"client> recv(c, 0X40, MSG_PEEK | MSG_WAITALL)":              "client> recv(c, 0x40, MSG_PEEK|MSG_WAITALL)",
		"client> fcntl(c, F_SETFL, 04000)":                           "client> fcntl(c, F_SETFL, 04000)",
		"client> recv(c, -0x10)":                                     "client> recv(c, -0x10)",
		"client> send(c, \"\\x41\\101\\0\\a\\'é\\xff\")":             "client> send(c, \"AA\\x00\\x07'é\\xff\")",
		"client> send(c, \"tab\there\")":                             "client> send(c, \"tab\\there\")",
		"server> poll( [ {c,POLLIN} ,{a,POLLOUT}],-1)":               "server> poll([{c, POLLIN}, {a, POLLOUT}], -1)",
		"server> http.serve(s,version=1.10,idle=1.5s,max=100)":       "server> http.serve(s, version=1.1, idle=1500ms, max=100)",
		"server> http.get(c, \"/\", version=1.)":                     "",
		"server> http.get(c, \"/\", version=2.0)":                    "server> http.get(c, \"/\", version=2.0)",
		"net> wait 90s":                                              "net> wait 90s",
		"net> wait 1h30m":                                            "net> wait 90m",
		"net> wait 0.5ms":                                            "net> wait 500us",
		"net> loss  client > server   12.50%":                        "net> loss client>server 12.5%",
		"net> bandwidth 1500kbit":                                    "net> bandwidth 1500kbit",
		"net> bandwidth 1000kbit":                                    "net> bandwidth 1Mbit",
		"net> bandwidth 2gbit":                                       "net> bandwidth 2Gbit",
		"net>auto on":                                                "net> auto on",
		"net> undo":                                                  "undo",
		"client>   help   connect  #  why?  ":                        "help connect  # why?",
		"server> ss   -tan":                                          "server> ss -tan",
		"   # just a note":                                           "# just a note",
		"server>":                                                    "",
		"server> a = accept(s)          # blocks: no connection yet": "server> a = accept(s)  # blocks: no connection yet",
	}
	for in, want := range cases {
		if want == "" {
			if _, err := ParseLine(in); err != nil {
				continue // an input that must not parse
			}
		}
		line := mustParse(t, in)
		assert.Equal(t, want, Format(line), in)
	}
}

// Every line the tests accept formats to text that parses to the same line.
func TestFormatRoundTrip(t *testing.T) {
	var lines []string
	lines = append(lines, issueScript...)
	for _, c := range Default().Calls() {
		lines = append(lines, splitLines(c.Example)...)
	}
	for _, c := range commands {
		lines = append(lines, c.example)
	}
	lines = append(lines, fuzzSeeds...)
	for _, text := range lines {
		line, err := ParseLine(text)
		if err != nil {
			continue
		}
		assertRoundTrip(t, text, line)
	}
}

func assertRoundTrip(t *testing.T, text string, line *Line) {
	t.Helper()
	formatted := Format(line)
	again, err := ParseLine(formatted)
	require.NoError(t, err, "%q formatted as %q", text, formatted)
	require.Equal(t, withoutPositions(line), withoutPositions(again), "%q formatted as %q", text, formatted)
	require.Equal(t, formatted, Format(again), "formatting is stable")
}

func TestWithoutPositionsKeepsValues(t *testing.T) {
	a := mustParse(t, "client> recv(c, 1)")
	b := mustParse(t, "client> recv(c,  2)")
	assert.NotEqual(t, withoutPositions(a), withoutPositions(b))
	assert.Equal(t, withoutPositions(mustParse(t, "client> recv(c, 2)")), withoutPositions(b))
}

func TestFormatNil(t *testing.T) {
	assert.Equal(t, "", Format(nil))
}
