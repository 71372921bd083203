package pkt

import (
	"errors"

	"github.com/sockplay/sockplay/core/trace"
)

// Report is one run of a script for the page: the verdict, and the trace
// of the engine it ran against, whose events carry the script line that
// caused them (Event.Line), so the page can step through the script.
type Report struct {
	File   string        `json:"file"`
	Pass   bool          `json:"pass"`
	Err    *Error        `json:"error"`  // the first mismatch, nil when the script passed
	Events []trace.Event `json:"events"` // the world's log, empty when the script did not parse
	Hosts  []string      `json:"hosts"`  // the ladder's lanes: the stack under test, the scripted peer
}

// Play parses and runs a script, as `sockplay pkt` does.
func Play(file, src string, seed uint64) Report {
	rep := Report{File: file, Hosts: []string{localHost, RemoteAddr.String()}}
	s, err := Parse(file, src)
	if err == nil {
		w, runErr := Run(s, seed)
		rep.Events, err = w.Log().Events(), runErr
	}
	var e *Error
	switch {
	case err == nil:
		rep.Pass = true
	case errors.As(err, &e):
		rep.Err = e
	default:
		rep.Err = &Error{File: file, Msg: err.Error()}
	}
	return rep
}
