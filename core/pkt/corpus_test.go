package pkt

import (
	"bufio"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusDir is the shared packetdrill corpus: $PACKETDRILL_DIR, or
// ../shared/packetdrill beside the repository. It is test data, never
// committed here.
func corpusDir(t *testing.T) string {
	dir := os.Getenv("PACKETDRILL_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "packetdrill")
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.tsv")); err != nil {
		t.Skip("packetdrill corpus absent (" + dir + "; set PACKETDRILL_DIR): skipping")
	}
	return dir
}

// TestCorpusCore runs the manifest's core scripts: every one passes
// except those in testdata/known-failures.tsv, which must still fail.
// With -v it prints the pass count by topic.
func TestCorpusCore(t *testing.T) {
	dir := corpusDir(t)
	known := map[string]bool{}
	kf, err := os.ReadFile("testdata/known-failures.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(kf), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			known[strings.SplitN(line, "\t", 2)[0]] = true
		}
	}
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	pass, total := map[string]int{}, map[string]int{}
	all := 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 8 || col[5] != "yes" {
			continue
		}
		path, topic := col[0], col[7]
		src, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(filepath.Base(path), string(src))
		if err == nil {
			_, err = Run(s, 1)
		}
		total[topic]++
		switch {
		case err == nil && known[path]:
			t.Errorf("%s passes now: remove it from testdata/known-failures.tsv", path)
		case err != nil && !known[path]:
			t.Errorf("%s: %v", path, err)
		}
		if err == nil {
			pass[topic]++
			all++
		}
	}
	n := 0
	for _, topic := range slices.Sorted(maps.Keys(total)) {
		t.Logf("%-22s %d/%d", topic, pass[topic], total[topic])
		n += total[topic]
	}
	t.Logf("core: %d/%d pass", all, n)
}

// TestCorpusBeyondCore runs every other script of the manifest that
// passes on Linux: those in testdata/passes-beyond-core.txt must pass,
// and one that passes without being listed must be added, so the list
// stays the engine's true score. With -v it prints passes by topic.
func TestCorpusBeyondCore(t *testing.T) {
	dir := corpusDir(t)
	list, err := os.ReadFile("testdata/passes-beyond-core.txt")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, path := range strings.Split(string(list), "\n") {
		if path != "" && !strings.HasPrefix(path, "#") {
			listed[path] = true
		}
	}
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	pass, total := map[string]int{}, map[string]int{}
	all, n := 0, 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 8 || col[2] != "yes" || col[5] == "yes" {
			continue
		}
		path, topic := col[0], col[7]
		src, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(filepath.Base(path), string(src))
		if err == nil {
			_, err = Run(s, 1)
		}
		total[topic]++
		n++
		switch {
		case err != nil && listed[path]:
			t.Errorf("%s: %v", path, err)
		case err == nil && !listed[path]:
			t.Errorf("%s passes now: add it to testdata/passes-beyond-core.txt", path)
		}
		delete(listed, path)
		if err == nil {
			pass[topic]++
			all++
		}
	}
	for path := range listed {
		t.Errorf("%s is listed but not a Linux-passing script outside the core set", path)
	}
	for _, topic := range slices.Sorted(maps.Keys(total)) {
		t.Logf("%-22s %d/%d", topic, pass[topic], total[topic])
	}
	t.Logf("beyond core: %d/%d pass", all, n)
}
