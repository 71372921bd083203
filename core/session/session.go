// Package session owns one sockplay session: the engine, the variables each
// host's lines assigned, and the history of accepted lines. It executes one
// line at a time and returns what the line printed and the trace events it
// caused. The browser bridge and the CLI are thin layers over it.
//
// A line that does not parse or cannot run changes nothing: every argument
// is resolved and checked before the engine is touched. Undo and goto
// rebuild the engine from the seed and replay the kept lines, which gives
// the same trace as if the dropped lines had never been typed.
package session

import (
	"strings"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/examples"
	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/trace"
)

// Session is one playground session.
type Session struct {
	seed     uint64
	absolute bool
	cat      *script.Catalogue
	lines    []string // accepted lines in canonical form; lines[:applied] are in effect
	applied  int
	st       *engine
	rebuilds int // engines built after the first
	progress func(done, total int)
}

// New starts a session whose every random choice derives from seed.
func New(seed uint64) *Session {
	s := &Session{seed: seed, cat: catalogue()}
	s.st = newEngine(seed)
	return s
}

// SetAbsolute makes packet lines print absolute sequence numbers, as
// tcpdump -S does.
func (s *Session) SetAbsolute(on bool) { s.absolute = on; s.st.printer.Absolute = on }

// SetProgress asks for f(done, total) between slices of a long line's
// work, nil for none: a crowd's clients finished, of how many. f may let
// the page paint and take input but must not call the session, whose line
// is half done. Slicing changes nothing of what the line does.
func (s *Session) SetProgress(f func(done, total int)) { s.progress = f }

// Exec runs one line: "client> connect(c, server:80)", "net> step",
// "# a comment", "undo".
func (s *Session) Exec(line string) Output {
	parsed, err := s.cat.ParseLine(line)
	return s.exec(line, parsed, err)
}

// ExecOn runs a statement typed in a host's console ("client", "server",
// or "net" for network commands), without the HOST> prefix.
func (s *Session) ExecOn(host, stmt string) Output {
	parsed, err := s.cat.ParseStatement(host, stmt)
	if err != nil {
		// Columns point into what the user typed, not the prefix.
		return s.exec(stmt, nil, err)
	}
	return s.exec(host+"> "+stmt, parsed, nil)
}

func (s *Session) exec(text string, parsed *script.Line, err error) Output {
	if err == nil {
		err = s.cat.Check(parsed)
	}
	if err != nil {
		return Output{Input: echo(text), Err: toError(err)}
	}
	switch parsed.Kind {
	case script.BlankLine:
		return Output{}
	case script.SessionLine:
		return s.sessionCommand(parsed)
	case script.NetLine:
		if cmd := parsed.Stmt.(*script.Command); cmd.Name == "seed" {
			return s.reseed(parsed, cmd)
		}
	}
	run, perr := s.st.prepare(parsed)
	if perr != nil {
		return Output{Input: script.Format(parsed), Host: parsed.Host, Err: perr}
	}
	canonical := script.Format(parsed)
	if canonical == "" {
		canonical = strings.TrimSpace(text)
	}
	return s.commit(canonical, parsed.Host, run)
}

// sessionCommand runs undo, goto and help, which act on the session itself
// and are not recorded.
func (s *Session) sessionCommand(l *script.Line) Output {
	cmd := l.Stmt.(*script.Command)
	out := Output{Input: script.Format(l)}
	switch cmd.Name {
	case "undo":
		if s.applied == 0 {
			out.Err = refused(0, plain(""), say("nothing-to-undo", "nothing to undo"))
			return out
		}
		return s.Goto(s.applied - 1)
	case "goto":
		n := int(cmd.Args[0].(*script.Int).Value)
		return s.Goto(n)
	case "help":
		topic := ""
		if len(cmd.Args) > 0 {
			topic = exprWord(cmd.Args[0])
		}
		out.Lines = strings.Split(strings.TrimRight(s.Help(topic), "\n"), "\n")
		out.Help = &topic
	}
	return out
}

// Undo takes back the last line in effect.
func (s *Session) Undo() Output {
	return s.sessionCommand(&script.Line{Kind: script.SessionLine, Stmt: &script.Command{Name: "undo"}})
}

// Goto puts the session back (or forward again, after an undo) to just
// after line n, by replaying lines 1..n on a fresh engine. Lines after n are
// kept for going forward until a new line is typed.
func (s *Session) Goto(n int) Output {
	out := Output{Input: "goto " + itoa(n)}
	if n < 0 || n > len(s.lines) {
		out.Err = refused(0, say("lines-run", "lines run from 0 to {0}", itoa(len(s.lines))), say("no-line", "no line {0} to go to", itoa(n)))
		return out
	}
	s.replay(n)
	out.Lines = []string{"now after line " + itoa(n) + " of " + itoa(len(s.lines))}
	return out
}

func (s *Session) replay(n int) {
	s.st = s.freshEngine(s.seed)
	s.applied = 0
	for i := 0; i < n; i++ {
		parsed, err := s.cat.ParseLine(s.lines[i])
		if err != nil {
			break // cannot happen: recorded lines were accepted in canonical form
		}
		if seed, ok := seedOf(parsed); ok {
			s.st = s.freshEngine(seed)
		}
		run, perr := s.st.prepareReplayed(parsed)
		if perr != nil {
			break
		}
		s.st.run(i+1, s.lines[i], parsed.Host, run)
		s.applied = i + 1
	}
}

// Reset starts over: a fresh engine with the session's first seed and no
// history.
func (s *Session) Reset() {
	s.lines, s.applied = nil, 0
	s.st = s.freshEngine(s.seed)
}

// History is the lines in effect, in canonical form.
func (s *Session) History() []string { return append([]string(nil), s.lines[:s.applied]...) }

// Script exports the lines in effect as a script that replays the session.
func (s *Session) Script() string {
	if s.applied == 0 {
		return ""
	}
	return strings.Join(s.lines[:s.applied], "\n") + "\n"
}

// Load runs a script line by line and stops at the first failing line.
// A script over limits.ScriptBytes is refused whole.
func (s *Session) Load(text string) []Output {
	if len(text) > limits.ScriptBytes {
		return []Output{{Input: echo(text), Err: &Error{Message: "the script is " + itoa(len(text)) + " bytes long; a script is at most " + itoa(limits.ScriptBytes)}}}
	}
	var outs []Output
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		o := s.Exec(line)
		outs = append(outs, o)
		if o.Err != nil {
			break
		}
	}
	return outs
}

// Trace is the event log from index since on.
func (s *Session) Trace(since int) []trace.Event {
	if since < 0 {
		since = 0
	}
	return s.st.w.Log().Since(since)
}

// Examples are the built-in scenarios.
func (s *Session) Examples() []examples.Example { return examples.All() }

// Complete offers completions for line at cursor, a byte offset: it
// returns the byte offset where the replaced word starts and the
// candidates.
func (s *Session) Complete(line string, cursor int) (int, []string) {
	hosts, names := s.st.completionNames(line)
	from, cands := s.cat.Complete(line, runeIndex(line, cursor), hosts, names)
	return byteIndex(line, from), cands
}

// CompleteOn completes a statement typed in a host's console; offsets are
// in bytes as for Complete.
func (s *Session) CompleteOn(host, text string, cursor int) (int, []string) {
	hosts, names := s.st.completionNames(host + "> ")
	from, cands := s.cat.CompleteStatement(host, text, runeIndex(text, cursor), hosts, names)
	return byteIndex(text, from), cands
}

// runeIndex converts a byte offset in s to a count of runes (the script
// package counts characters).
func runeIndex(s string, b int) int {
	b = max(0, min(b, len(s)))
	return utf8.RuneCountInString(s[:b])
}

// byteIndex converts a count of runes in s to a byte offset.
func byteIndex(s string, r int) int {
	for i := range s {
		if r == 0 {
			return i
		}
		r--
	}
	return len(s)
}

// Help is the help index ("") or one topic's page: a call, a command or a
// constant.
func (s *Session) Help(topic string) string { return s.HelpIn(topic, nil) }

// HelpIn is Help with its texts in the reader's language (script.Translate).
func (s *Session) HelpIn(topic string, tr script.Translate) string {
	text, err := s.cat.HelpIn(topic, tr)
	if err != nil {
		return err.Error()
	}
	return text
}

// catalogue is the script language's calls, the libraries' included.
func catalogue() *script.Catalogue { return script.Default() }

func toError(err error) *Error {
	if se, ok := err.(*script.Error); ok {
		return &Error{Message: se.Msg, Col: se.Col, Hint: se.Hint, Ref: refOrNil(se.MsgRef), HintRef: refOrNil(se.HintRef)}
	}
	return &Error{Message: err.Error()}
}

func exprWord(e script.Expr) string {
	switch v := e.(type) {
	case *script.Name:
		return v.Name
	case *script.Var:
		return v.Name
	case *script.Const:
		return v.Name
	}
	return ""
}

func refOrNil(r script.Ref) *script.Ref {
	if r.ID == "" {
		return nil
	}
	return &r
}
