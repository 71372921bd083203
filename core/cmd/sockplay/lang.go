package main

import (
	"strconv"
	"strings"

	"github.com/sockplay/sockplay/core/i18n"
	"github.com/sockplay/sockplay/core/i18n/catalogues"
	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/session"
)

// reader shows what the engine says in the reader's language, through the
// catalogues the page uses (core/i18n): the help pages and the messages
// the engine names with a Ref. The engine itself speaks English, so the
// packets, calls, results and every trace are the same in each language.
type reader struct {
	lang              string
	engine, help, cli *i18n.Catalogue // nil in English
}

// langOption takes --lang TAG (or --lang=TAG) out of args, wherever it
// stands, and picks the language: the option, else LC_ALL, LC_MESSAGES
// and LANG as POSIX orders them (i18n.Pick). ok is false when --lang
// lacks its value.
func langOption(args []string, getenv func(string) string) (rest []string, rd reader, ok bool) {
	flag := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 == len(args) {
				return nil, reader{}, false
			}
			flag = args[i+1]
			i++
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			flag = a[strings.IndexByte(a, '=')+1:]
		default:
			rest = append(rest, a)
		}
	}
	return rest, newReader(i18n.Pick(flag, getenv)), true
}

func newReader(lang string) reader {
	return reader{lang: lang, engine: catalogues.Load("engine", lang), help: catalogues.Load("help", lang), cli: catalogues.Load("cli", lang)}
}

// usage is the command's usage text in the reader's language.
func (rd reader) usage() string {
	return rd.cli.Text("cli.usage", usage, nil)
}

// text is an engine text in the reader's language: english as the engine
// wrote it, or its translation when the engine named it (ref) and the
// catalogue has it, ref's args filling {0}, {1}, ….
func (rd reader) text(english string, ref *script.Ref) string {
	if ref == nil {
		return english
	}
	msg, ok := rd.engine.Lookup("engine." + ref.ID)
	if !ok {
		return english
	}
	args := make(map[string]string, len(ref.Args))
	for i, a := range ref.Args {
		args[strconv.Itoa(i)] = a
	}
	out, err := i18n.Format(rd.lang, msg, args)
	if err != nil {
		return english
	}
	return out
}

// errorText is a refused line's message and hint, "message (hint)" as
// session.Error prints it, without the column.
// In Chinese the parentheses are full-width (core/i18n/GLOSSARY.md).
func (rd reader) errorText(e *session.Error) string {
	s := rd.text(e.Message, e.Ref)
	if e.Hint == "" {
		return s
	}
	if rd.lang == "zh-CN" && e.HintRef != nil {
		return s + "（" + rd.text(e.Hint, e.HintRef) + "）"
	}
	return s + " (" + rd.text(e.Hint, e.HintRef) + ")"
}

// localized is o as the reader reads it: a help line's page (the engine
// names its topic in o.Help) asked again with the language's help texts.
func (rd reader) localized(s *session.Session, o session.Output) session.Output {
	if o.Help == nil || rd.help == nil {
		return o
	}
	page := s.HelpIn(*o.Help, func(id, en string) string {
		if m, ok := rd.help.Lookup(id); ok {
			return m
		}
		return en
	})
	o.Lines = strings.Split(strings.TrimRight(page, "\n"), "\n")
	return o
}
