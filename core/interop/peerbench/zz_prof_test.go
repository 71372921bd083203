package peerbench

import "testing"

func TestZZProf(t *testing.T) {
	var m Meter
	if _, err := Bulk(20_000_000).Sockplay(&m, 1); err != nil {
		t.Fatal(err)
	}
	t.Log(m.Taken)
}
