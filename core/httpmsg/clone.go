package httpmsg

import "slices"

// Clone is an independent copy of the parser, in the middle of a message
// or between two: fed the same bytes, both give the same messages.
func (p *Parser) Clone() *Parser {
	c := *p
	c.methods = slices.Clone(p.methods)
	c.buf = slices.Clone(p.buf)
	c.cur = p.cur.clone()
	c.done = make([]Message, len(p.done))
	for i := range p.done {
		c.done[i] = p.done[i].clone()
	}
	c.rest = slices.Clone(p.rest)
	if p.err != nil {
		e := *p.err
		c.err = &e
	}
	return &c
}

// Clone is an independent copy of the message.
func (m *Message) Clone() *Message {
	c := m.clone()
	return &c
}

func (m *Message) clone() Message {
	c := *m
	c.Header = slices.Clone(m.Header)
	c.Trailer = slices.Clone(m.Trailer)
	c.Body = slices.Clone(m.Body)
	c.Parts = slices.Clone(m.Parts)
	return c
}
