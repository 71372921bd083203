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
	hint := suggestion(v.Name, known)
	switch {
	case hint.S != "":
	case len(known) == 0:
		hint = say("no-variables-yet", "this host has no variables yet; make one with {0} = socket(AF_INET, SOCK_STREAM)", v.Name)
	default:
		sorted := slices.Clone(known)
		text.SortStrings(sorted)
		hint = say("variables-are", "this host's variables are {0}", strings.Join(sorted, ", "))
	}
	return errorSaid(v.Pos, hint, say("no-variable", "no variable `{0}` on {1}", v.Name, host))
}
