package notebook

import (
	"strconv"
	"strings"
)

// FromScript is a notebook of a session's script (its lines in order, as
// Session.Script writes them) run with seed: "open this session as a
// notebook". The lines are cut into cells after each run of net> lines,
// so that a cell is some calls and the network carrying them out.
func FromScript(script string, seed uint64) (*Doc, []Problem) {
	var b strings.Builder
	b.WriteString("---\ntitle: A session from the playground\nseed: " + strconv.FormatUint(seed, 10) + "\n---\n")
	var cell []string
	n := 0
	flush := func() {
		if len(cell) == 0 {
			return
		}
		n++
		b.WriteString("\n" + CellText("cell-"+itoa(n), "", nil, strings.Join(cell, "\n")))
		cell = cell[:0]
	}
	for _, l := range strings.Split(script, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		isNet := strings.HasPrefix(strings.TrimSpace(l), "net>")
		if !isNet && len(cell) > 0 && strings.HasPrefix(strings.TrimSpace(cell[len(cell)-1]), "net>") {
			flush()
		}
		cell = append(cell, l)
	}
	flush()
	return Parse(b.String())
}
