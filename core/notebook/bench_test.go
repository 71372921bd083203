package notebook

import (
	"os"
	"testing"
)

// BenchmarkRunLastCell is what the page does when the last cell of a
// tutorial is edited and run again: the cells before it are not.
func BenchmarkRunLastCell(b *testing.B) {
	for _, name := range []string{"http", "reliability", "push"} {
		b.Run(name, func(b *testing.B) {
			text, err := os.ReadFile("../../site/notebooks/" + name + ".md")
			if err != nil {
				b.Fatal(err)
			}
			d, probs := Parse(string(text))
			if probs != nil {
				b.Fatal(probs)
			}
			var r Runner
			r.Run(d, "")
			cells := d.Cells()
			last := cells[len(cells)-1]
			sources := [2]string{last.Source, last.Source + "\n# edited"}
			r.replayed = 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if probs := d.SetCell(last.ID, sources[(i+1)%2]); probs != nil {
					b.Fatal(probs)
				}
				if run, _ := r.Run(d, last.ID); run.Failed() != nil {
					b.Fatal(run.Failed())
				}
			}
			// Lines of the cells before it run again to get back to the
			// last cell: 0 when there is a snapshot after the cell before.
			b.ReportMetric(float64(r.replayed)/float64(b.N), "replayed-lines/op")
		})
	}
}
