package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/sockplay/sockplay/core/session"
)

// hostPrefix matches a line that names its host ("client> ...", "net> step").
var hostPrefix = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9_.-]*)>`)

const replBanner = `sockplay: type socket calls on a host, e.g.
  server> s = socket(AF_INET, SOCK_STREAM)
A line without a host goes to the host of the previous line. Try "help",
"net> run", "undo". Tab completes; Ctrl-D quits.
`

func repl(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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
			fmt.Fprintln(stdout, "error: "+o.Err.Error())
			return
		}
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
	sc := bufio.NewScanner(stdin)
	for {
		fmt.Fprint(stdout, host+"> ")
		if !sc.Scan() {
			fmt.Fprintln(stdout)
			return 0
		}
		exec(sc.Text())
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
