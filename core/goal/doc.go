// Package goal is the goal language of sockplay's exercises: small
// predicates over a session's state, trace and call results, such as
//
//	socket client port 80 TIME-WAIT
//	segment client > server [S] dropped
//	retransmit fast from client and never retransmit timeout
//	count request per connection >= 3
//	call client connect fails ECONNREFUSED
//
// The engine evaluates them (the browser and the grader run this same
// code), incrementally: a Checker reads only the events and calls that
// came since it last looked, so checking after every line is cheap.
// README.md is the language reference.
package goal
