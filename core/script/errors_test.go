package script

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every class of error, with the exact column, message and hint.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		text string
		col  int
		msg  string
		hint string
	}{
		// Lines and prompts.
		{"s = socket(AF_INET, SOCK_STREAM)", 1, "a line needs a prompt saying where it runs", "start it with `client> `, `server> ` or `net> `"},
		{"step", 1, "a line needs a prompt saying where it runs", "net commands start with the net prompt: `net> step`"},
		{"cli.ent> ss", 1, "bad host name `cli.ent`", "host names are words such as client or server"},
		{"client> ss\nserver> ss", 11, "a line can't contain a line break", "give one statement per line"},
		{"client> 42", 9, "expected a call such as socket(AF_INET, SOCK_STREAM) or a command such as ss, got `42`", ""},
		{"client> sss", 9, "unknown command `sss`", "did you mean `ss`?"},
		{"client> close", 9, "`close` is a call and needs parentheses", "write close(fd)"},
		{"client> step", 9, "`step` is a net command", "write `net> step`"},
		{"client> ss()", 9, "`ss` is a command, not a call", "commands take no parentheses: write `ss`"},
		{"net> stpe", 6, "unknown net command `stpe`", "did you mean `step`?"},
		{"net> connect(c, server:80)", 6, "net> takes network commands, not calls", "calls run on a host: `client> ...` or `server> ...`"},
		{"net> ss", 6, "`ss` is a host command", "it runs on a host: `client> ss` or `server> ss`"},
		{"net> 5", 6, "expected a net command, got `5`", "e.g. `step`, `run` or `wait 2s`; see `help`"},

		// Calls and assignments.
		{"server> lisen(s, 5)", 9, "unknown call `lisen`", "did you mean `listen`?"},
		{"server> http.serv(s)", 9, "unknown call `http.serv`", "did you mean `http.serve`?"},
		{"server> frobnicate(s)", 9, "unknown call `frobnicate`", "`help` lists the calls"},
		{"server> bind(s)", 15, "bind takes 2 arguments: bind(fd, addr)", "addr is missing"},
		{"server> bind(s, *:80, 1)", 23, "bind takes 2 arguments: bind(fd, addr)", "remove the extra arguments"},
		{"server> close()", 15, "close takes 1 argument: close(fd)", "fd is missing"},
		{"client> send(c)", 15, "send takes 2 or 3 arguments: send(fd, data[, flags])", "data is missing"},
		{"client> s = ", 13, "expected a call after `=`, got the end of the line", "e.g. s = socket(AF_INET, SOCK_STREAM)"},
		{"client> s = 5", 13, "expected a call after `=`, got `5`", "e.g. s = socket(AF_INET, SOCK_STREAM)"},
		{"client> SOCK = socket(AF_INET, SOCK_STREAM)", 9, "`SOCK` can't be a variable name", "names in capitals are constants; start a variable with a lowercase letter"},
		{"client> a.b = socket(AF_INET, SOCK_STREAM)", 9, "`a.b` can't be a variable name", "variable names are single words such as s or conn"},
		{"client> close(c", 16, "missing `)`", "close the call with `)`"},
		{"client> close(c,", 17, "missing `)`", "close the call with `)`"},
		{"client> close(c,)", 17, "expected an argument after `,`", "remove the last comma"},
		{"client> close(c d)", 17, "expected `,` or `)`, got `d`", "separate arguments with commas"},
		{"client> close(c) close(d)", 18, "unexpected `close` after the call", "one statement per line; comments start with #"},
		{"client> close(recv(c, 1))", 15, "calls can't be nested", "assign the inner call's result to a variable first"},
		{"client> close(a.b)", 15, "`a.b` is not a value", "only calls have dotted names"},
		{"client> close(,)", 15, "expected a value, got `,`", "a value is a number, name, \"string\", address, [list] or {struct}"},

		// Keyword arguments.
		{"server> http.serve(s, verison=1.1)", 23, "http.serve has no keyword `verison`", "did you mean `version`?"},
		{"server> http.serve(s, colour=1)", 23, "http.serve has no keyword `colour`", "its keywords are version, idle, max"},
		{"server> listen(s, backlog=5)", 19, "listen takes no keyword arguments", "listen(fd, backlog)"},
		{"server> http.serve(s, max=1, max=2)", 30, "keyword `max` given twice", "give each keyword once"},
		{"server> http.serve(max=1, s)", 27, "positional argument after a keyword argument", "put positional arguments before name=value ones"},

		// Constants and argument kinds.
		{"server> socket(AF_INTE, SOCK_STREAM)", 16, "unknown constant `AF_INTE`", "did you mean `AF_INET`?"},
		{"server> socket(AF_INET, SOCK_STRAEM)", 25, "unknown constant `SOCK_STRAEM`", "did you mean `SOCK_STREAM`?"},
		{"server> socket(af_inet, SOCK_STREAM)", 0, "", ""}, // a variable: valid until the executor checks names
		{"server> socket(XYZZY_PLUGH, SOCK_STREAM)", 16, "unknown constant `XYZZY_PLUGH`", "see `help` for the constants; variable names start with a lowercase letter"},
		{"server> socket(SOCK_STREAM, AF_INET)", 16, "domain of socket takes AF_* or PF_* constants, not SOCK_STREAM", "e.g. AF_INET, AF_UNSPEC, AF_UNIX, AF_INET6; socket(domain, type[, protocol])"},
		{"server> shutdown(s, SHUT_RD|SHUT_WR)", 21, "how of shutdown takes one value, not several joined with |", "give one value"},
		{"server> bind(s, 10.0.0.2)", 17, "addr of bind needs a port", "add a port, e.g. 10.0.0.2:80"},
		{`server> bind(s, "0.0.0.0:80")`, 17, "addr of bind must be an address such as 10.0.0.2:80 or server:80, not `\"0.0.0.0:80\"`", ""},
		{"client> send(c, 42)", 17, "data of send must be a string such as \"hello\\r\\n\", not `42`", ""},
		{"client> recv(c, \"x\")", 17, "len of recv must be an integer, not `\"x\"`", ""},
		{"client> recv(c, 10, POLLIN)", 21, "flags of recv takes MSG_* constants, not POLLIN", "e.g. MSG_OOB, MSG_PEEK, MSG_DONTROUTE, MSG_TRUNC; recv(fd, len[, flags])"},
		{"client> connect(c, NULL)", 20, "addr of connect must be an address such as 10.0.0.2:80 or server:80, not `NULL`", ""},
		{"client> poll({c}, 10)", 14, "a poll entry is {fd, events}, with 2 fields, not 1", "e.g. {c, POLLIN}"},
		{"client> poll([c], 10)", 15, "each entry of fds is {fd, events}", "e.g. poll([{c, POLLIN}, {a, POLLOUT}], 1000)"},
		{"client> poll([{c, MSG_PEEK}], 10)", 19, "events of poll takes POLL* constants, not MSG_PEEK", "e.g. POLLIN, POLLPRI, POLLOUT, POLLERR; poll(fds, timeout)"},
		{"client> poll([{c, POLLIN}], 1.5)", 29, "timeout of poll must be milliseconds (-1 for ever) or a duration such as 2s, not `1.5`", ""},
		{"client> setsockopt(c, SOL_SOCKET, SO_LINGER, {1, \"x\"})", 50, "the fields of optval of setsockopt are integers", "e.g. {1, 0} for SO_LINGER"},
		{`client> close(c|"x")`, 17, "only integers and constants can be joined with `|`", "e.g. POLLIN|POLLOUT"},
		{"client> close([[[[[[[[[1]]]]]]]]])", 23, "lists and structs are nested too deeply", ""},
		{"client> close([1, 2)", 20, "expected `,` or `]`, got `)`", "separate values with commas"},
		{"client> close([1,", 18, "the line ends inside a list or struct", "close the list with `]` or the struct with `}`"},
		{"client> close({1 ", 15, "`{` is never closed", "add the closing `}`"},
		{"client> close([1,])", 18, "expected a value after `,`", "remove the last comma"},

		// Strings.
		{`client> send(c, "abc)`, 17, "unterminated string", "add a closing \" at the end"},
		{`client> send(c, "abc\`, 21, "unterminated string", "add a closing \" at the end"},
		{`client> send(c, "a\qb")`, 19, `unknown escape \q in string`, `escapes are \n \r \t \\ \" \0, \xHH (hex) and \NNN (octal)`},
		{`client> send(c, "\xZZ")`, 18, `\x needs hex digits`, `write \x followed by hex digits, e.g. \x41`},
		{`client> send(c, "\777")`, 18, `octal escape \777 is more than one byte`, `the largest is \377`},
		{`client> send(c, 'x')`, 17, "unexpected character `'`", "strings use double quotes: \"...\""},
		{"client> send(c, @)", 17, "unexpected character `@`", ""},

		// Numbers, addresses, durations, percentages, rates.
		{"client> recv(c, 099)", 17, "bad octal number `099`", "a leading 0 means octal, as in C (digits 0-7); drop the 0 for decimal"},
		{"client> recv(c, 0xg)", 17, "bad hexadecimal number `0xg`", "hex digits are 0-9 and a-f"},
		{"client> recv(c, 99999999999999999999)", 17, "number `99999999999999999999` is too large", "integers fit in 64 bits"},
		{"client> recv(c, 1.)", 17, "bad number `1.`", "write a digit after the dot, e.g. 1.0"},
		{"client> connect(c, 10.0.0:80)", 20, "bad number `10.0.0`", "an IPv4 address has four parts, e.g. 10.0.0.2"},
		{"client> connect(c, 10.0.0.256:80)", 20, "bad IPv4 address `10.0.0.256`", "each of the four parts is 0–255, e.g. 10.0.0.2"},
		{"client> connect(c, 10:80)", 20, "bad address: `10` is not an IPv4 address or host name", "e.g. 10.0.0.2:80 or server:80"},
		{"client> connect(c, server:)", 26, "missing port after `:`", "e.g. server:80"},
		{"client> connect(c, server:70000)", 27, "port 70000 is out of range", "a port is a number from 0 to 65535"},
		{"client> connect(c, server:http)", 27, "bad port `http`", "a port is a number from 0 to 65535, e.g. server:80"},
		{"client> connect(c, server:8o)", 27, "bad port `8o`", "a port is a number from 0 to 65535"},
		{"client> connect(c, *)", 20, "expected `:` after `*`", "*:PORT means any local address, e.g. *:80"},
		{"net> wait 5", 11, "wait takes a duration such as 200ms or 2s, not `5`", "durations need a unit: 5ms or 5s?"},
		{"net> wait 5x", 11, "unknown unit `x` in `5x`", "durations take ns, us, ms, s, m or h; rates bit, kbit, Mbit or Gbit; percentages end in %"},
		{"net> wait 2days", 11, "unknown unit `days` in `2days`", "the largest duration unit is h: write 24h"},
		{"net> wait -2s", 11, "duration `-2s` is negative", "durations are 0 or more"},
		{"net> wait 5mm", 11, "bad duration `5mm`", "durations look like 200ms, 1.5s, 2m or 1h30m"},
		{"net> wait 99999999999h", 11, "duration `99999999999h` is too long", "durations are at most 1000000h (about 114 years)"},
		{"net> loss 101%", 11, "percentage `101%` is out of range", "use 0% to 100%"},
		{"net> bandwidth 10Mbps", 16, "unknown unit `Mbps` in `10Mbps`", "rates are in bits per second and written like 10Mbit"},
		{"net> bandwidth 0.5bit", 16, "rate `0.5bit` is out of range", "use a whole number of bits per second from 1bit to 1000Gbit"},

		// Command arguments.
		{"net> wait", 10, "wait needs a duration such as 200ms or 2s", "usage: wait DURATION, e.g. net> wait 2m"},
		{"net> run 5", 10, "run takes no arguments", "usage: run, e.g. net> run"},
		{"net> step 1 2", 13, "too many arguments for step", "usage: step [N], e.g. net> step 3"},
		{"net> step 0", 11, "N counts from 1, not 0", ""},
		{"net> goto -1", 11, "N can't be negative", ""},
		{"net> auto maybe", 11, "expected on or off, got `maybe`", "write `auto on` or `auto off`"},
		{"net> host net 10.0.0.9", 11, "bad host name `net`", "host names are single words other than net"},
		{"net> host db 10.0.0.9:80", 22, "unexpected `:`", ""},
		{"net> loss client>client 5%", 11, "a direction goes from one host to another", "e.g. client>server"},
		{"net> loss client> 5%", 11, "bad direction: write FROM>TO with two host names", "e.g. client>server"},
		{"net> dup 5s", 10, "wrong arguments for dup", "usage: dup [N] or dup [FROM>TO] P%, e.g. net> dup 1"},
		{"net> loss 5", 11, "loss takes a percentage such as 5%, not `5`", "usage: loss [FROM>TO] P%, e.g. net> loss client>server 10%"},
		{`net> loss "5%"`, 11, "unexpected a string", ""},
		{"client> ss -tax", 12, "unknown flag -x for ss", "ss takes -tuan"},
		{"client> ss -tt", 12, "flag -t given twice", ""},
		{"client> tcpdump -n", 17, "unknown flag -n for tcpdump", "tcpdump takes -S"},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			if tc.msg == "" {
				mustParse(t, tc.text)
				return
			}
			e := parseError(t, tc.text)
			assert.Equal(t, tc.col, e.Col, "column")
			assert.Equal(t, tc.msg, e.Msg)
			assert.Equal(t, tc.hint, e.Hint)
		})
	}
}

func TestErrorText(t *testing.T) {
	e := &Error{Col: 9, Msg: "unknown call `lisen`", Hint: "did you mean `listen`?"}
	assert.Equal(t, "col 9: unknown call `lisen`; did you mean `listen`?", e.Error())
	assert.Equal(t, "bad host name", (&Error{Msg: "bad host name"}).Error())
}

func TestSuggest(t *testing.T) {
	calls := Default().callNames()
	assert.Equal(t, "listen", Suggest("lisen", calls))
	assert.Equal(t, "listen", Suggest("LISTEN", calls))
	assert.Equal(t, "connect", Suggest("conect", calls))
	assert.Equal(t, "accept", Suggest("acept", calls))
	assert.Equal(t, "AF_INET", Suggest("AF_INTE", constantNames()))
	assert.Equal(t, "", Suggest("xyzzy", calls))
	assert.Equal(t, "", Suggest("listen", []string{"listen"}))
	assert.Equal(t, "ab", Suggest("a", []string{"ac", "ab"}), "ties go to the alphabetically first")
	assert.Equal(t, 1, editDistance("ab", "ba"))
	assert.Equal(t, 3, editDistance("", "abc"))
	assert.Equal(t, 0, editDistance("é", "é"))
}
