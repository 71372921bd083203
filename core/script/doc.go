// Package script is the front end of sockplay's script language: the
// lexer and parser of one line, the catalogue of calls with their
// signatures and help pages, the checks, completion and a formatter. It
// knows nothing of the engine that runs the lines.
//
// # Lines
//
//	server> s = socket(AF_INET, SOCK_STREAM)   a call on a host, its result assigned
//	server> listen(s, 5)                       a call
//	server> ss -tan                            a host command (ss, tcpdump)
//	net> loss client>server 10%                a network command
//	undo                                       a session command: undo, goto N, help [TOPIC]
//	# a comment                                also allowed after any line
//
// Session commands may be written bare or after any prompt (net> undo,
// client> help connect); Format writes them bare. A prompt with nothing
// after it is a blank line. A browser console supplies its prompt, so
// ParseStatement takes the host separately.
//
// # Values
//
// Integers are C's: 42, -1, 0x40, and 04000 (a leading 0 is octal).
// Strings are double-quoted with C's escapes; \x takes at most two hex
// digits and \NNN at most three octal ones, so each escape is one byte.
// A name written in capitals (two characters or more) is a constant and
// must be in the table; any other name is a variable. Constants and
// integers join with | (POLLIN|POLLOUT). Addresses are IP:PORT,
// HOST:PORT or *:PORT (0.0.0.0). Durations are Go's (200ms, 1.5s, 2m,
// 1h30m), percentages end in %, rates in bit, kbit, Mbit or Gbit. Lists
// are [a, b], C structs are written by their fields {1, 0}, and NULL is
// no value. Library calls have dotted names and take keyword arguments
// after the positional ones: http.serve(s, version=1.1, idle=5s).
//
// C's pointer-and-length pairs become one value: send(fd, data[, flags]),
// recv(fd, len[, flags]). poll takes a list of {fd, events} and a timeout:
// poll([{c, POLLIN}, {a, POLLOUT}], 1000); nfds is the list's length.
//
// # Net commands
//
// step [N], run, wait DURATION, next, list, drop [N], dup [N], delay N
// DURATION, corrupt [N]; loss, dup, corrupt and reorder [FROM>TO] P%;
// latency [FROM>TO] DURATION; bandwidth [FROM>TO] RATE; auto on|off;
// seed N; host NAME IP; reset. FROM>TO (client>server) limits a link
// setting to one direction; without it both directions change.
//
// crowd N from NETWORK [over DURATION] run CALL; CALL; ... starts N
// clients on a host of their own (crowd, crowd2, ...), client i at the
// i-th address of NETWORK (10.1.0.0/16), each running the calls after
// `run` with variables of its own; the script is the only place `;`
// separates statements.
//
// # Limits
//
// A line is at most 64 KiB, a name, number or flag 64 characters, "x" * N
// 16 MiB and a duration 1000000h; a longer line is refused before it is
// read. The parser pulls tokens from the lexer as it goes, so a line costs
// no more than the tree it parses to. `help limits` lists every bound
// (package core/limits).
//
// # Errors
//
// A rejected line gets one *Error with the 1-based column (in characters)
// and a hint where one helps: the closest known name, the signature, the
// form expected. ParseLine checks calls against the catalogue (arity,
// keywords, kinds of arguments, families of constants); CheckNames checks
// variables against the names a host has.
//
// # Adding a call
//
// Add one CallSpec to a table (calls_library.go), or build a catalogue
// with Default().With(spec) or NewCatalogue(tables...).
package script
