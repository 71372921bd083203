package notebook

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameAsYAMLv3 checks that what the subset read is what yaml.v3 reads:
// the same tree, the same scalars, the same positions.
func sameAsYAMLv3(t *testing.T, body string) {
	t.Helper()
	mine, prob := parseYAML(body, 1)
	if prob != nil {
		return // refusing is always allowed; misreading never is
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("subset read %q, yaml.v3 refuses it: %v", body, err)
	}
	if len(doc.Content) == 0 {
		if mine.Kind != Mapping || len(mine.Keys) != 0 {
			t.Fatalf("%q: yaml.v3 reads nothing, the subset %+v", body, mine)
		}
		return
	}
	compareNodes(t, body, mine, doc.Content[0])
}

func compareNodes(t *testing.T, body string, mine *Node, theirs *yaml.Node) {
	t.Helper()
	where := func() string { return "in " + strings.ReplaceAll(body, "\n", "⏎") }
	switch theirs.Kind {
	case yaml.ScalarNode:
		if mine.Kind != Scalar || mine.Value != theirs.Value {
			t.Fatalf("%s: scalar %q, the subset %+v", where(), theirs.Value, mine)
		}
		if theirs.Tag == "!!null" && mine.Value == "" {
			return // an empty value: yaml.v3 places it where the next token is
		}
		if mine.Line != theirs.Line || mine.Col != theirs.Column {
			t.Fatalf("%s: scalar %q at %d:%d, the subset says %d:%d", where(), theirs.Value, theirs.Line, theirs.Column, mine.Line, mine.Col)
		}
	case yaml.MappingNode:
		if mine.Kind != Mapping || 2*len(mine.Keys) != len(theirs.Content) {
			t.Fatalf("%s: mapping of %d, the subset %+v", where(), len(theirs.Content)/2, mine)
		}
		for i := range mine.Keys {
			compareNodes(t, body, mine.Keys[i], theirs.Content[2*i])
			compareNodes(t, body, mine.Items[i], theirs.Content[2*i+1])
		}
	case yaml.SequenceNode:
		if mine.Kind != List || len(mine.Items) != len(theirs.Content) {
			t.Fatalf("%s: list of %d, the subset %+v", where(), len(theirs.Content), mine)
		}
		for i := range mine.Items {
			compareNodes(t, body, mine.Items[i], theirs.Content[i])
		}
	default:
		t.Fatalf("%s: yaml.v3 node kind %v, the subset %+v", where(), theirs.Kind, mine)
	}
}

var yamlSeeds = []string{
	"",
	"# only a comment\n",
	"title: The handshake\nseed: 42\n",
	"network:\n  latency: 10ms\n  loss: 1%   # lossy\n",
	"title: 'it''s'\nlang: \"fr\\tCA \\u00e9\"\n",
	"exercise:\n  goals:\n    - id: g1\n      points: 2\n    - id: g2\n  allow:\n  - client\n  - server\n",
	"list:\n- a\n-   b # c\n- 'd'\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
	"key with spaces: value with: no-colon-space\n",
	"url: http://example.com/a#b\n",
	"empty:\nnext: 1\n",
	"- a\n- b\n",
	"a: b\n  c: d\n",
	"a: [1, 2]\n",
	"a: |\n  text\n",
	"\ta: 1\n",
	"a: 1\n a: 2\n",
	"x: \"unterminated\n",
	"k: v # comment\n# end\n",
	"- k: v\n  l: w\n- m\n",
	"-\n  - nested\n",
	"a:\n-\n  b: c\n",
}

func TestYAMLSubsetAgreesWithYAMLv3(t *testing.T) {
	for _, s := range yamlSeeds {
		sameAsYAMLv3(t, s)
	}
}

func TestYAMLSubsetReadsWhatItShould(t *testing.T) {
	for _, s := range []string{yamlSeeds[2], yamlSeeds[3], yamlSeeds[4], yamlSeeds[5], yamlSeeds[6], yamlSeeds[7], yamlSeeds[19]} {
		if _, prob := parseYAML(s, 1); prob != nil {
			t.Errorf("%q: %v", s, prob)
		}
	}
	n, _ := parseYAML(yamlSeeds[5], 1)
	goals := n.Get("exercise").Get("goals")
	if goals == nil || goals.Kind != List || len(goals.Items) != 2 || goals.Items[0].Get("points").Value != "2" {
		t.Errorf("nested goals misread: %+v", goals)
	}
}

func FuzzYAMLSubset(f *testing.F) {
	for _, s := range yamlSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if strings.ContainsAny(body, "\r\x00\ufeff") || !isPrintableYAML(body) {
			return // the subset works on lines; yaml.v3 on streams with BOMs and CRs
		}
		sameAsYAMLv3(t, body)
	})
}

// isPrintableYAML keeps to YAML's printable characters, which yaml.v3
// requires and the subset does not check.
func isPrintableYAML(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0xfffd || r == 0xfffe || r == 0xffff {
			return false
		}
	}
	return true
}
