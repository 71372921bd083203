package nbhtml

import (
	"bytes"
	"reflect"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The prose is rendered by goldmark (CommonMark, pure Go, no
// dependencies) exactly as the page renders it with markdown-it (html:
// false, links only to http(s) or relative targets; site/js/notebook/
// prose.mjs): HTML in a document is text, never markup, and any other
// link keeps its text with an empty target. markdown_test.go checks the
// two agree on every shipped notebook and on hostile input.

// safeLink is prose.mjs's SAFE_LINK: a scheme must be http(s); no scheme
// is a relative target.
var safeLink = regexp.MustCompile(`(?i)^(?:https?:|[^:]*$|[^:]*[/?#])`)

func newMarkdown() goldmark.Markdown {
	htmlBlock := reflect.TypeOf(parser.NewHTMLBlockParser())
	rawHTML := reflect.TypeOf(parser.NewRawHTMLParser())
	links := reflect.TypeOf(parser.NewLinkParser())
	var blocks, inlines []util.PrioritizedValue
	for _, v := range parser.DefaultBlockParsers() {
		if reflect.TypeOf(v.Value) != htmlBlock {
			blocks = append(blocks, v)
		}
	}
	for _, v := range parser.DefaultInlineParsers() {
		switch reflect.TypeOf(v.Value) {
		case rawHTML:
		case links:
			inlines = append(inlines, util.Prioritized(safeLinks{v.Value.(parser.InlineParser)}, v.Priority))
		default:
			inlines = append(inlines, v)
		}
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(util.Prioritized(safeDefinitions{}, 100)),
		parser.WithASTTransformers(util.Prioritized(linkFilter{}, 0)),
	)
	return goldmark.New(goldmark.WithParser(p))
}

// safeLinks is goldmark's link parser, except that a link or image whose
// target is not safe stays text, as markdown-it leaves it when
// validateLink refuses the target: "[", the label's inlines, then the
// rest of the source up to where the link ended.
type safeLinks struct{ parser.InlineParser }

func (s safeLinks) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, at := block.PeekLine()
	n := s.InlineParser.Parse(parent, block, pc)
	var dest []byte
	switch l := n.(type) {
	case *ast.Link:
		dest = l.Destination
	case *ast.Image:
		dest = l.Destination
	default:
		return n
	}
	if safeLink.Match(bytes.TrimSpace(dest)) {
		return n
	}
	open := "["
	if _, ok := n.(*ast.Image); ok {
		open = "!["
	}
	parent.AppendChild(parent, ast.NewString([]byte(open)))
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.AppendChild(parent, c)
		c = next
	}
	_, end := block.Position()
	return ast.NewTextSegment(text.NewSegment(at.Start, end.Start))
}

func (s safeLinks) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	s.InlineParser.(parser.CloseBlocker).CloseBlock(parent, block, pc)
}

// definition is the start of a link reference definition and its target.
var definition = regexp.MustCompile(`^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<([^>\n]*)>|(\S+))`)

// safeDefinitions reads a paragraph's link reference definitions as
// goldmark does, unless the first has an unsafe target: markdown-it then
// reads the paragraph as text.
type safeDefinitions struct{}

func (safeDefinitions) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if lines := node.Lines(); lines.Len() > 0 {
		first := lines.At(0)
		if m := definition.FindSubmatch(first.Value(reader.Source())); m != nil {
			target := m[2]
			if m[1] != nil {
				target = m[1]
			}
			if !safeLink.Match(target) {
				return
			}
		}
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// linkFilter turns autolinks whose target is not safe back into text, as
// markdown-it does, and empties the target of any other unsafe link left
// (a reference definition's: the page shows the definition as text).
type linkFilter struct{}

func (linkFilter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var autolinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !safeLink.Match(bytes.TrimSpace(n.Destination)) {
				n.Destination = nil
			}
		case *ast.Image:
			if !safeLink.Match(bytes.TrimSpace(n.Destination)) {
				n.Destination = nil
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && !safeLink.Match(n.URL(source)) {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autolinks {
		s := ast.NewString(append(append([]byte("<"), a.URL(source)...), '>'))
		a.Parent().ReplaceChild(a.Parent(), a, s)
	}
}

// Prose renders Markdown text as HTML.
func Prose(md goldmark.Markdown, src string) string {
	var b bytes.Buffer
	_ = md.Convert([]byte(src), &b) // fails only when writing fails, and a Buffer does not
	return b.String()
}
