package notebook

import (
	"strconv"
	"strings"
)

// networkKeys are the settings the front matter's network mapping takes:
// each is the net> command of that name, run before the first cell.
var networkKeys = [...]string{"latency", "loss", "reorder", "dup", "bandwidth", "auto"}

// readFront reads the front matter body ls (between the --- lines).
func (d *Doc) readFront(ls []line) []Problem {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.bare() + "\n")
	}
	first := 2
	if len(ls) > 0 {
		first = ls[0].num
	}
	n, prob := parseYAML(b.String(), first)
	if prob != nil {
		return []Problem{*prob}
	}
	if n.Kind != Mapping {
		return []Problem{{n.Line, n.Col, "the front matter is a mapping of keys (title:, seed:, network: ...)"}}
	}
	d.Meta = n
	var probs []Problem
	scalar := func(key string) (*Node, bool) {
		v := n.Get(key)
		if v == nil {
			return nil, false
		}
		if v.Kind != Scalar {
			probs = append(probs, Problem{v.Line, v.Col, key + " is one value on its line"})
			return nil, false
		}
		return v, true
	}
	if v, ok := scalar("title"); ok {
		d.Title = v.Value
	}
	if v, ok := scalar("lang"); ok {
		d.Lang = v.Value
	}
	if v, ok := scalar("seed"); ok {
		seed, err := strconv.ParseUint(v.Value, 10, 64)
		if err != nil {
			probs = append(probs, Problem{v.Line, v.Col, "the seed is a whole number from 0 to 18446744073709551615"})
		}
		d.Seed = seed
	}
	if net := n.Get("network"); net != nil {
		probs = append(probs, d.readNetwork(net)...)
	}
	return probs
}

func (d *Doc) readNetwork(net *Node) []Problem {
	if net.Kind == Scalar && net.Value == "" && !net.Quoted {
		return nil // "network:" with nothing under it
	}
	if net.Kind != Mapping {
		return []Problem{{net.Line, net.Col, "network is a mapping of settings on the lines below it: " + strings.Join(networkKeys[:], ", ")}}
	}
	var probs []Problem
	for i, k := range net.Keys {
		v := net.Items[i]
		known := false
		for _, name := range networkKeys {
			known = known || name == k.Value
		}
		switch {
		case !known:
			probs = append(probs, Problem{k.Line, k.Col, "no network setting " + strconv.Quote(k.Value) + "; the settings are " + strings.Join(networkKeys[:], ", ")})
		case v.Kind != Scalar || v.Value == "":
			probs = append(probs, Problem{v.Line, v.Col, k.Value + " takes a value, as net> " + k.Value + " does"})
		default:
			d.Settings = append(d.Settings, Setting{Key: k.Value, Value: v.Value, Line: v.Line, Col: v.Col})
		}
	}
	return probs
}
