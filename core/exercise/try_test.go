package exercise

import (
	"errors"
	"strings"
	"testing"

	"github.com/sockplay/sockplay/core/goal"
)

// TestTryGoal is the author page's goal editor's live check: what a goal
// line says about close-time-wait's empty attempt and reference solution.
func TestTryGoal(t *testing.T) {
	ex := load(t, "../exercises/close-time-wait.md")
	try := func(src string) GoalTrial {
		t.Helper()
		tr, err := ex.TryGoal(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		return tr
	}
	if tr := try("entered client TIME-WAIT"); !tr.Met || tr.Empty || tr.Line != 4 || tr.Packet != 0 {
		t.Errorf("entered client TIME-WAIT: %+v, want met at the solution's line 4 by no packet", tr)
	}
	if tr := try("segment server > client [F*]"); !tr.Met || tr.Empty || tr.Line != 3 || tr.Packet == 0 {
		t.Errorf("the server's FIN: %+v, want met at line 3 (server> close(a)) by a packet", tr)
	}
	if tr := try("socket server port 80 LISTEN"); !tr.Empty {
		t.Errorf("the setup's listener: %+v, want met by an empty attempt", tr)
	}
	if tr := try("entered server TIME-WAIT"); tr.Met || tr.MissedFor != "" {
		t.Errorf("entered server TIME-WAIT: %+v, want missed with the document's seed", tr)
	}

	// A goal only the document's seed meets: the client's own port.
	r, err := ex.Start("")
	if err != nil {
		t.Fatal(err)
	}
	port := ""
	for _, h := range r.S.State().Hosts {
		for _, s := range h.Sockets {
			if h.Name == "client" && s.State == "ESTABLISHED" {
				port = s.Local[strings.LastIndexByte(s.Local, ':')+1:]
			}
		}
	}
	if tr := try("segment from client [F*] and socket client port " + port + " TIME-WAIT"); tr.Met || tr.MissedFor != checkLearners[1] {
		t.Errorf("the client's port %s: %+v, want missed for %s", port, tr, checkLearners[1])
	}

	var ge *goal.Error
	if _, err := ex.TryGoal("entered client TIME_WAIT"); !errors.As(err, &ge) || ge.Col != 16 {
		t.Errorf("a misspelt state: %v, want a goal error at col 16", err)
	}
}
