package script

import (
	"strconv"
	"strings"
)

// Format prints a line in canonical form: one space after the prompt,
// ", " between arguments, literals in a standard spelling. Parsing the
// result gives the same line again (positions aside). Session commands are
// printed bare.
func Format(line *Line) string {
	if line == nil {
		return ""
	}
	var s string
	switch line.Kind {
	case BlankLine:
		return ""
	case CommentLine:
		return formatComment(line.Comment)
	case HostLine, NetLine:
		s = line.Host + "> " + FormatStmt(line.Stmt)
	case SessionLine:
		s = FormatStmt(line.Stmt)
	}
	if line.Comment != "" {
		s += "  " + formatComment(line.Comment)
	}
	return s
}

func formatComment(text string) string {
	if text == "" {
		return "#"
	}
	return "# " + text
}

// FormatStmt prints a statement without prompt or comment.
func FormatStmt(stmt Stmt) string {
	switch s := stmt.(type) {
	case *CallStmt:
		if s.Target != nil {
			return s.Target.Name + " = " + formatCall(s.Call)
		}
		return formatCall(s.Call)
	case *Command:
		if s.Name == "crowd" || s.Name == "loop" {
			return formatCrowd(s)
		}
		words := []string{s.Name}
		for _, a := range s.Args {
			words = append(words, formatExpr(a))
		}
		return strings.Join(words, " ")
	}
	return ""
}

func formatCall(c *Call) string {
	args := make([]string, 0, len(c.Args)+len(c.Keywords))
	for _, a := range c.Args {
		args = append(args, formatExpr(a))
	}
	for _, k := range c.Keywords {
		args = append(args, k.Name+"="+formatExpr(k.Value))
	}
	return c.Name + "(" + strings.Join(args, ", ") + ")"
}

// FormatExpr writes one value as the script would: 0x40, 200ms, "x" * 3.
func FormatExpr(e Expr) string { return formatExpr(e) }

func formatExpr(e Expr) string {
	switch v := e.(type) {
	case *Int:
		return formatInt(v)
	case *Float:
		return formatFloat(v.Value)
	case *String:
		if v.Repeat > 0 {
			return Quote(v.Value) + " * " + strconv.Itoa(v.Repeat)
		}
		return Quote(v.Value)
	case *Var:
		return v.Name
	case *Const:
		return v.Name
	case *Null:
		return "NULL"
	case *Or:
		terms := make([]string, len(v.Terms))
		for i, t := range v.Terms {
			terms[i] = formatExpr(t)
		}
		return strings.Join(terms, "|")
	case *Address:
		host := v.Host
		if host == "" {
			host = v.IP.String()
		}
		return host + ":" + strconv.Itoa(v.Port)
	case *IP:
		return v.Addr.String()
	case *Prefix:
		return v.Addr.String() + "/" + strconv.Itoa(v.Bits)
	case *Duration:
		return formatDuration(v.Value)
	case *Percent:
		return formatPercent(v.Value)
	case *Rate:
		return formatRate(v.BitsPerSecond)
	case *List:
		return "[" + formatList(v.Elems) + "]"
	case *Struct:
		return "{" + formatList(v.Fields) + "}"
	case *Name:
		return v.Name
	case *Direction:
		return v.From + ">" + v.To
	case *Setting:
		if v.Set {
			return v.Name + "=" + strconv.FormatInt(v.Value, 10)
		}
		return v.Name
	case *Flag:
		return "-" + v.Letters
	}
	return ""
}

func formatList(elems []Expr) string {
	parts := make([]string, len(elems))
	for i, e := range elems {
		parts[i] = formatExpr(e)
	}
	return strings.Join(parts, ", ")
}
