package session

import (
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/script"
)

// commit runs a prepared line as the next line of the history, and only
// then records it: a line that panics is never in the history, so no
// replay (undo, goto, the bridge's recovery) meets it again. The panic is
// recovered here and the session rebuilt as it was before the line, view
// settings included; the Output says what happened.
func (s *Session) commit(canonical, host string, run action) (out Output) {
	defer func() {
		if p := recover(); p != nil {
			s.replay(s.applied)
			out = Output{Input: canonical, Host: host, Err: &Error{
				Message: "internal error: " + panicText(p) + "; the line was taken back",
				Hint:    "the session is as it was before this line; please report the line",
				Panic:   true,
			}}
		}
	}()
	n := s.applied + 1
	s.st.progress = s.progress
	out = s.st.run(n, canonical, host, run)
	s.st.progress = nil
	s.lines = append(s.lines[:s.applied], canonical)
	s.applied = n
	return out
}

// panicText describes a recovered panic without fmt.
func panicText(p any) string {
	switch v := p.(type) {
	case runtime.Error:
		return v.Error()
	case error:
		return v.Error()
	case string:
		return v
	}
	return "a panic"
}

// reseed runs `net> seed N`: a fresh network whose every random choice
// derives from N. The line joins the history like any other, so undo,
// goto and an exported script all see it (before, it wiped the history and
// undo left the session on the new seed with no line saying so).
func (s *Session) reseed(l *script.Line, cmd *script.Command) Output {
	seed := uint64(cmd.Args[0].(*script.Int).Value)
	s.st = s.freshEngine(seed)
	return s.commit(script.Format(l), "net", seedAction(seed))
}

// seedAction is what a seed line prints, when typed and when replayed.
func seedAction(seed uint64) action {
	return func(e *engine, b *builder) {
		b.print("a fresh network with seed " + strconv.FormatUint(seed, 10))
	}
}

// seedOf is N when l is `net> seed N`.
func seedOf(l *script.Line) (uint64, bool) {
	cmd, ok := l.Stmt.(*script.Command)
	if !ok || l.Kind != script.NetLine || cmd.Name != "seed" {
		return 0, false
	}
	return uint64(cmd.Args[0].(*script.Int).Value), true
}

// freshEngine is a new engine for seed with the session's view settings.
func (s *Session) freshEngine(seed uint64) *engine {
	e := newEngine(seed)
	e.printer.Absolute = s.absolute
	s.rebuilds++
	return e
}

// echo is a refused line as its Output repeats it: trimmed, and cut short
// when it is longer than any line can be, so that a 10 MB line is not
// sent back whole.
func echo(text string) string {
	const most = 80
	if len(text) <= limits.LineBytes {
		return strings.TrimSpace(text)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "... (" + itoa(len(text)) + " bytes)"
}
