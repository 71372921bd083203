package goal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/session"
)

// A goal that claims to be monotone, once met, stays met for the rest of
// every example, checked after every line.
func TestMonotoneGoalsStayMet(t *testing.T) {
	srcs := []string{
		"segment [S]", "count segment >= 3", "retransmit", "segment [F*] before segment [R*]",
		"entered client TIME-WAIT or call * recv returns > 0", "count request per connection > 1",
		"zero-window and fired * persist", "segment * > server [.] delivered",
	}
	var goals []*Goal
	for _, s := range srcs {
		g, err := Parse(s)
		if err != nil || !g.Monotone() {
			t.Fatalf("%q: %v, monotone %v", s, err, g != nil && g.Monotone())
		}
		goals = append(goals, g)
	}
	paths, _ := filepath.Glob("../examples/scripts/*.sock")
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s := session.New(7)
		c := NewChecker(goals)
		was := make([]bool, len(goals))
		for _, line := range strings.Split(string(src), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			s.Exec(line)
			for i, r := range c.Check(s) {
				if was[i] && !r.Met {
					t.Errorf("%s: %q was met and no longer is after %q", filepath.Base(path), srcs[i], line)
				}
				was[i] = was[i] || r.Met
			}
		}
	}
}
