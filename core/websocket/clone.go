package websocket

import "slices"

// Clone is an independent copy of the decoder, in the middle of a frame
// or between two: fed the same bytes, both give the same frames.
func (d *Decoder) Clone() *Decoder {
	c := *d
	c.buf = slices.Clone(d.buf)
	c.head.Payload = slices.Clone(d.head.Payload)
	c.msg.Data = slices.Clone(d.msg.Data)
	if d.err != nil {
		e := *d.err
		c.err = &e
	}
	return &c
}
