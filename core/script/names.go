package script

import (
	"slices"
	"strings"

	"github.com/sockplay/sockplay/core/internal/text"
)

// UnknownVariable is the error for variable v, which host does not have:
// the closest of known (the host's variables) as a hint, or what the host
// has, or how to make one.
func UnknownVariable(v *Var, host string, known []string) *Error {
	hint := didYouMean(v.Name, known)
	switch {
	case hint != "":
	case len(known) == 0:
		hint = "this host has no variables yet; make one with " + v.Name + " = socket(AF_INET, SOCK_STREAM)"
	default:
		sorted := slices.Clone(known)
		text.SortStrings(sorted)
		hint = "this host's variables are " + strings.Join(sorted, ", ")
	}
	return errorAt(v.Pos, hint, "no variable `"+v.Name+"` on "+host)
}
