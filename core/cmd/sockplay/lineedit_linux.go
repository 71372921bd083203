package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"unsafe"
)

// lineEditor is a small raw-mode line editor: cursor keys, history, Tab
// completion. It works on a Linux terminal; elsewhere newLineEditor fails
// and the REPL reads plain lines.
type lineEditor struct {
	in      *os.File
	out     io.Writer
	saved   syscall.Termios
	history []string
}

func newLineEditor(in *os.File, out io.Writer) (*lineEditor, error) {
	var t syscall.Termios
	if err := ioctl(in.Fd(), syscall.TCGETS, &t); err != nil {
		return nil, err
	}
	raw := t
	raw.Lflag &^= syscall.ECHO | syscall.ICANON | syscall.ISIG | syscall.IEXTEN
	raw.Iflag &^= syscall.ICRNL | syscall.IXON
	raw.Cc[syscall.VMIN] = 1
	raw.Cc[syscall.VTIME] = 0
	if err := ioctl(in.Fd(), syscall.TCSETS, &raw); err != nil {
		return nil, err
	}
	return &lineEditor{in: in, out: out, saved: t}, nil
}

func ioctl(fd uintptr, req uintptr, t *syscall.Termios) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(unsafe.Pointer(t))); e != 0 {
		return errors.New(e.Error())
	}
	return nil
}

func (e *lineEditor) restore() { _ = ioctl(e.in.Fd(), syscall.TCSETS, &e.saved) }

// readLine edits one line; ok is false at end of input (Ctrl-D on an empty line).
func (e *lineEditor) readLine(prompt string, complete func(string, int) (int, []string)) (string, bool) {
	buf := []rune{}
	cur := 0
	hist := len(e.history)
	redraw := func() {
		fmt.Fprintf(e.out, "\r\x1b[K%s%s", prompt, string(buf))
		if back := len(buf) - cur; back > 0 {
			fmt.Fprintf(e.out, "\x1b[%dD", back)
		}
	}
	redraw()
	b := make([]byte, 1)
	read := func() (byte, bool) {
		n, err := e.in.Read(b)
		return b[0], n == 1 && err == nil
	}
	for {
		c, ok := read()
		if !ok {
			return "", false
		}
		switch c {
		case '\r', '\n':
			fmt.Fprint(e.out, "\r\n")
			line := string(buf)
			if strings.TrimSpace(line) != "" {
				e.history = append(e.history, line)
			}
			return line, true
		case 4: // Ctrl-D
			if len(buf) == 0 {
				return "", false
			}
		case 3: // Ctrl-C clears the line
			buf, cur = buf[:0], 0
			fmt.Fprint(e.out, "^C\r\n")
		case 1: // Ctrl-A
			cur = 0
		case 5: // Ctrl-E
			cur = len(buf)
		case 127, 8:
			if cur > 0 {
				buf = append(buf[:cur-1], buf[cur:]...)
				cur--
			}
		case '\t':
			from, cands := complete(string(buf), len(string(buf[:cur])))
			buf, cur = e.applyCompletion(prompt, buf, cur, from, cands)
		case 27:
			c1, _ := read()
			c2, _ := read()
			if c1 != '[' {
				break
			}
			switch c2 {
			case 'A':
				if hist > 0 {
					hist--
					buf = []rune(e.history[hist])
					cur = len(buf)
				}
			case 'B':
				if hist < len(e.history) {
					hist++
					buf = buf[:0]
					if hist < len(e.history) {
						buf = []rune(e.history[hist])
					}
					cur = len(buf)
				}
			case 'C':
				if cur < len(buf) {
					cur++
				}
			case 'D':
				if cur > 0 {
					cur--
				}
			case 'H':
				cur = 0
			case 'F':
				cur = len(buf)
			}
		default:
			if c >= 32 {
				buf = append(buf[:cur], append([]rune{rune(c)}, buf[cur:]...)...)
				cur++
			}
		}
		redraw()
	}
}

// applyCompletion inserts the longest common prefix of the candidates and
// lists them when there is more than one.
func (e *lineEditor) applyCompletion(prompt string, buf []rune, cur, from int, cands []string) ([]rune, int) {
	if len(cands) == 0 {
		return buf, cur
	}
	text := string(buf)
	byteCur := len(string(buf[:cur]))
	if from < 0 || from > byteCur {
		return buf, cur
	}
	common := cands[0]
	for _, c := range cands[1:] {
		for !strings.HasPrefix(c, common) {
			common = common[:len(common)-1]
		}
	}
	if len(cands) > 1 && len(common) <= byteCur-from {
		fmt.Fprintf(e.out, "\r\n%s\r\n", strings.Join(cands, "  "))
	}
	if len(common) < byteCur-from {
		return buf, cur
	}
	newText := text[:from] + common + text[byteCur:]
	newCur := len([]rune(text[:from] + common))
	return []rune(newText), newCur
}
