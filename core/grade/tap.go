package grade

import (
	"io"
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/exercise"
)

// TAP 14 (testanything.org/tap-version-14-specification): one test point
// per submission, each a subtest with a point per goal and question; a
// missed one carries a YAML diagnostic with what is missing.
func writeTAP(w io.Writer, ex *exercise.Exercise, results []Result) error {
	var b strings.Builder
	b.WriteString("TAP version 14\n")
	b.WriteString("# sockplay grade " + ex.ID + " version " + strconv.Itoa(ex.Version) + "\n")
	b.WriteString("1.." + strconv.Itoa(len(results)) + "\n")
	for i := range results {
		r := &results[i]
		sc := &r.Score
		name := tapEscape(r.File + " " + learnerName(r) + " " + strconv.Itoa(sc.Points) + "/" + strconv.Itoa(sc.Max))
		b.WriteString("# Subtest: " + name + "\n")
		if sc.Refused != "" {
			b.WriteString("    1..0 # SKIP refused\n")
			b.WriteString("not ok " + strconv.Itoa(i+1) + " - " + name + "\n")
			writeYAML(&b, "  ", [][2]string{{"message", "refused: " + sc.Refused}, {"score", strconv.Itoa(sc.Points)}, {"max_score", strconv.Itoa(sc.Max)}})
			continue
		}
		cs := checks(sc)
		b.WriteString("    1.." + strconv.Itoa(len(cs)) + "\n")
		for k, c := range cs {
			status := "ok "
			if !c.passed {
				status = "not ok "
			}
			b.WriteString("    " + status + strconv.Itoa(k+1) + " - " + tapEscape(c.name) + "\n")
			if !c.passed {
				writeYAML(&b, "      ", [][2]string{{"message", c.why}, {"points", strconv.Itoa(c.points)}, {"max_points", strconv.Itoa(c.max)}})
			}
		}
		status := "ok "
		if !sc.Solved() {
			status = "not ok "
		}
		b.WriteString(status + strconv.Itoa(i+1) + " - " + name + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tapEscape keeps a description on one line and escapes what TAP reads:
// # starts a directive, \ escapes it.
func tapEscape(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "#", "\\#")
	return strings.Join(strings.Fields(s), " ")
}

// writeYAML writes a YAML diagnostic block of double-quoted strings.
func writeYAML(b *strings.Builder, indent string, kv [][2]string) {
	b.WriteString(indent + "---\n")
	for _, p := range kv {
		b.WriteString(indent + p[0] + ": " + strconv.Quote(p[1]) + "\n")
	}
	b.WriteString(indent + "...\n")
}
