package i18n

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// A part of a parsed message: literal text, an argument, '#' inside a
// plural branch, or a plural choice.
type part struct {
	text     string
	arg      string            // {arg} or the plural's argument
	hash     bool              // '#': the plural's number
	branches map[string][]part // plural: "=0", "one", "other"
}

var errSyntax = errors.New("bad message syntax")

// parse reads an ICU MessageFormat message of the subset sockplay uses.
func parse(msg string) ([]part, error) {
	parts, rest, err := parseParts(msg, false)
	if err != nil {
		return nil, err
	}
	if rest != "" {
		return nil, errors.New("unbalanced `}`")
	}
	return parts, nil
}

// parseParts reads parts up to an unmatched '}' (returned in rest) or the
// end. inPlural makes '#' the plural's number.
func parseParts(s string, inPlural bool) ([]part, string, error) {
	var parts []part
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, part{text: lit.String()})
			lit.Reset()
		}
	}
	for len(s) > 0 {
		c := s[0]
		switch {
		case c == '\'':
			// ICU: '' is one apostrophe; ' before a syntax character
			// quotes up to the next '; any other ' is itself.
			if strings.HasPrefix(s, "''") {
				lit.WriteByte('\'')
				s = s[2:]
				continue
			}
			if len(s) > 1 && (s[1] == '{' || s[1] == '}' || (inPlural && s[1] == '#')) {
				end := strings.IndexByte(s[1:], '\'')
				if end < 0 {
					return nil, "", errors.New("unterminated quote")
				}
				lit.WriteString(strings.ReplaceAll(s[1:1+end], "''", "'"))
				s = s[end+2:]
				continue
			}
			lit.WriteByte(c)
			s = s[1:]
		case c == '#' && inPlural:
			flush()
			parts = append(parts, part{hash: true})
			s = s[1:]
		case c == '}':
			flush()
			return parts, s, nil
		case c == '{':
			flush()
			p, rest, err := parseArgument(s[1:])
			if err != nil {
				return nil, "", err
			}
			parts = append(parts, p)
			s = rest
		default:
			lit.WriteByte(c)
			s = s[1:]
		}
	}
	flush()
	return parts, "", nil
}

// parseArgument reads after '{': "name}" or "name, plural, sel {…} …}".
func parseArgument(s string) (part, string, error) {
	end := strings.IndexAny(s, ",}")
	if end < 0 {
		return part{}, "", errors.New("unterminated `{`")
	}
	name := strings.TrimSpace(s[:end])
	if !validName(name) {
		return part{}, "", errors.New("bad argument name `" + name + "`")
	}
	if s[end] == '}' {
		return part{arg: name}, s[end+1:], nil
	}
	s = s[end+1:]
	kindEnd := strings.IndexByte(s, ',')
	if kindEnd < 0 || strings.TrimSpace(s[:kindEnd]) != "plural" {
		return part{}, "", errors.New("only {" + name + "} and {" + name + ", plural, …} are supported")
	}
	s = s[kindEnd+1:]
	p := part{arg: name, branches: map[string][]part{}}
	for {
		s = strings.TrimLeft(s, " \t\n")
		if s == "" {
			return part{}, "", errors.New("unterminated plural")
		}
		if s[0] == '}' {
			break
		}
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return part{}, "", errSyntax
		}
		sel := strings.TrimSpace(s[:open])
		if !validSelector(sel) {
			return part{}, "", errors.New("bad plural selector `" + sel + "`")
		}
		if _, dup := p.branches[sel]; dup {
			return part{}, "", errors.New("plural selector `" + sel + "` given twice")
		}
		body, rest, err := parseParts(s[open+1:], true)
		if err != nil {
			return part{}, "", err
		}
		if rest == "" {
			return part{}, "", errors.New("unterminated plural branch")
		}
		p.branches[sel] = body
		s = rest[1:]
	}
	if _, ok := p.branches["other"]; !ok {
		return part{}, "", errors.New("a plural needs an `other` branch")
	}
	return p, s[1:], nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// validSelector: CLDR categories, or =N.
func validSelector(s string) bool {
	switch s {
	case "zero", "one", "two", "few", "many", "other":
		return true
	}
	if len(s) > 1 && s[0] == '=' {
		_, err := strconv.Atoi(s[1:])
		return err == nil
	}
	return false
}

// Placeholders lists a message's argument names, sorted, each once; the
// check compares them across languages.
func Placeholders(msg string) ([]string, error) {
	parts, err := parse(msg)
	if err != nil {
		return nil, err
	}
	var names []string
	var walk func([]part)
	walk = func(ps []part) {
		for _, p := range ps {
			if p.arg != "" && !contains(names, p.arg) {
				names = append(names, p.arg)
			}
			for _, branch := range p.branches {
				walk(branch)
			}
		}
	}
	walk(parts)
	slices.Sort(names)
	return names, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Format fills msg's arguments for lang. A plural's argument must be an
// integer; a missing argument is written as {name}, so a mistake shows.
func Format(lang, msg string, args map[string]string) (string, error) {
	parts, err := parse(msg)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	write(&b, lang, parts, args, "")
	return b.String(), nil
}

func write(b *strings.Builder, lang string, parts []part, args map[string]string, number string) {
	for _, p := range parts {
		switch {
		case p.hash:
			b.WriteString(number)
		case p.branches != nil:
			v, ok := args[p.arg]
			n, err := strconv.Atoi(v)
			if !ok || err != nil {
				b.WriteString("{" + p.arg + "}")
				continue
			}
			branch, exact := p.branches["="+v]
			if !exact {
				branch, exact = p.branches[PluralCategory(lang, n)]
			}
			if !exact {
				branch = p.branches["other"]
			}
			write(b, lang, branch, args, v)
		case p.arg != "":
			if v, ok := args[p.arg]; ok {
				b.WriteString(v)
			} else {
				b.WriteString("{" + p.arg + "}")
			}
		default:
			b.WriteString(p.text)
		}
	}
}

// PluralCategory is CLDR's cardinal category of the integer n: English
// has one and other; Chinese only other.
func PluralCategory(lang string, n int) string {
	if strings.HasPrefix(lang, "en") && (n == 1 || n == -1) {
		return "one"
	}
	return "other"
}
