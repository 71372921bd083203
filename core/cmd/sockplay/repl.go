package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/limits"
	"github.com/sockplay/sockplay/core/session"
)

// hostPrefix matches a line that names its host ("client> ...", "net> step").
var hostPrefix = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9_.-]*)>`)

const replBanner = `sockplay: type socket calls on a host, e.g.
  server> s = socket(AF_INET, SOCK_STREAM)
A line without a host goes to the host of the previous line. Try "help",
"net> run", "undo". Tab completes; Ctrl-D quits.
`

func repl(args []string, stdin io.Reader, stdout, stderr io.Writer, rd reader) int {
	fs := flag.NewFlagSet("repl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "seed of the session's randomness")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	s := session.New(*seed)
	host := "client"
	exec := func(line string) {
		if strings.TrimSpace(line) == "" {
			return
		}
		var o session.Output
		if m := hostPrefix.FindStringSubmatch(line); m != nil {
			o = s.Exec(line)
			if o.Err == nil && m[1] != "net" {
				host = m[1]
			}
		} else {
			o = s.ExecOn(host, line)
		}
		if o.Err != nil {
			msg := rd.errorText(o.Err)
			if o.Err.Col > 0 {
				msg = "col " + strconv.Itoa(o.Err.Col) + ": " + msg
			}
			fmt.Fprintln(stdout, "error: "+msg)
			return
		}
		o = rd.localized(s, o)
		// The user's line is on the screen already; print what followed it.
		fmt.Fprint(stdout, strings.TrimPrefix(o.Transcript(), o.Input+"\n"))
	}
	fmt.Fprint(stdout, replBanner)

	if f, ok := stdin.(*os.File); ok {
		if ed, err := newLineEditor(f, stdout); err == nil {
			defer ed.restore()
			for {
				line, ok := ed.readLine(host+"> ", func(l string, cur int) (int, []string) {
					return completeLine(s, host, l, cur)
				})
				if !ok {
					fmt.Fprintln(stdout)
					return 0
				}
				exec(line)
			}
		}
	}
	lines := lineReader{bufio.NewReader(stdin)}
	for {
		fmt.Fprint(stdout, host+"> ")
		line, length, ok := lines.next()
		if !ok {
			fmt.Fprintln(stdout)
			return 0
		}
		if length > limits.LineBytes {
			// Refused unread, like any line over the limit, and the
			// lines after it still run.
			fmt.Fprintf(stdout, "error: the line is %d bytes long; a line is at most %d (write bulk data as \"x\" * N)\n", length, limits.LineBytes)
			continue
		}
		exec(line)
	}
}

// lineReader reads lines of any length from a pipe or file, keeping at
// most limits.LineBytes+1 bytes of each (bufio.Scanner stopped silently at
// the first line over 64 KiB, dropping it and every line after).
type lineReader struct{ r *bufio.Reader }

// next returns the next line without its end, and its full length.
func (lr lineReader) next() (line string, length int, ok bool) {
	var kept []byte
	var before byte // the byte before the chunk being read, for a \r\n split between two
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if room := limits.LineBytes + 1 - len(kept); room > 0 {
			kept = append(kept, chunk[:min(len(chunk), room)]...)
		}
		if n := len(chunk); n > 0 && chunk[n-1] == '\n' {
			length += n - 1
			if n >= 2 && chunk[n-2] == '\r' || n == 1 && before == '\r' {
				length--
			}
			return string(kept[:min(len(kept), length)]), length, true
		}
		length += len(chunk)
		if len(chunk) > 0 {
			before = chunk[len(chunk)-1]
		}
		if err != bufio.ErrBufferFull {
			// The input ended: a last line without a newline, or none.
			return string(kept), length, length > 0
		}
	}
}

// completeLine completes on the prompt's host when the line names none.
func completeLine(s *session.Session, host, line string, cur int) (int, []string) {
	if hostPrefix.MatchString(line) {
		return s.Complete(line, cur)
	}
	prefix := host + "> "
	from, cands := s.Complete(prefix+line, cur+len(prefix))
	from -= len(prefix)
	if from < 0 {
		return 0, nil
	}
	return from, cands
}
