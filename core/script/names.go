package script

import (
	"slices"
	"strings"
)

// CheckNames reports the first variable a line reads that is not among
// known (the host's variables), with the closest known name as a hint. An
// assignment's target is written, not read, so it needs not be known.
func CheckNames(line *Line, known []string) error {
	if line == nil {
		return nil
	}
	s, ok := line.Stmt.(*CallStmt)
	if !ok || s.Call == nil {
		return nil
	}
	for _, v := range Variables(s.Call) {
		if !slices.Contains(known, v.Name) {
			return unknownVariable(v, known)
		}
	}
	return nil
}

// Variables lists the variables a call reads, in the order they appear.
func Variables(call *Call) []*Var {
	var vars []*Var
	var walk func(Expr)
	walk = func(e Expr) {
		switch v := e.(type) {
		case *Var:
			vars = append(vars, v)
		case *Or:
			for _, t := range v.Terms {
				walk(t)
			}
		case *List:
			for _, el := range v.Elems {
				walk(el)
			}
		case *Struct:
			for _, f := range v.Fields {
				walk(f)
			}
		}
	}
	for _, a := range call.Args {
		walk(a)
	}
	for _, k := range call.Keywords {
		walk(k.Value)
	}
	return vars
}

func unknownVariable(v *Var, known []string) *Error {
	hint := didYouMean(v.Name, known)
	switch {
	case hint != "":
	case len(known) == 0:
		hint = "this host has no variables yet; make one with s = socket(AF_INET, SOCK_STREAM)"
	default:
		hint = "this host's variables are " + strings.Join(slices.Sorted(slices.Values(known)), ", ")
	}
	return errorAt(v.Pos, hint, "unknown variable `"+v.Name+"`")
}
