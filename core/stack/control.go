package stack

import (
	"errors"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/trace"
)

// Flight is a packet on the wire.
type Flight struct {
	ID       int
	From, To string
	SentAt   time.Duration
	ArriveAt time.Duration
	Bytes    []byte
	Label    string
	DupOf    int // the packet this is a copy of, 0 for originals
}

// InFlight lists the packets on the wire in arrival order.
func (w *World) InFlight() []Flight {
	var out []Flight
	for _, p := range w.net.InFlight() {
		out = append(out, Flight{ID: p.ID, From: p.From, To: p.To, SentAt: p.SentAt, ArriveAt: p.ArriveAt,
			Bytes: p.Bytes, Label: w.labels[p.ID], DupOf: p.DupOf})
	}
	return out
}

// Flying is packet id if it is on the wire, with a copy of its bytes as
// they are now (a corrupted packet shows its flipped byte).
func (w *World) Flying(id int) (Flight, bool) {
	p, ok := w.net.Find(id)
	if !ok {
		return Flight{}, false
	}
	return Flight{ID: p.ID, From: p.From, To: p.To, SentAt: p.SentAt, ArriveAt: p.ArriveAt,
		Bytes: append([]byte(nil), p.Bytes...), Label: w.labels[p.ID], DupOf: p.DupOf}, true
}

// DeliverNow delivers packet id at the current time, ahead of its arrival.
func (w *World) DeliverNow(id int) error {
	p, err := w.net.Take(id)
	if err != nil {
		return err
	}
	w.deliver(p.ID, p.From, p.To, p.Bytes)
	w.settle()
	return nil
}

// Drop removes packet id from the wire.
func (w *World) Drop(id int) error {
	p, err := w.net.Drop(id)
	if err != nil {
		return err
	}
	w.event(trace.Event{Kind: trace.Drop, Packet: id, From: p.From, To: p.To, Bytes: p.Bytes, Label: w.labels[id], Text: "dropped by hand"})
	delete(w.labels, id)
	return nil
}

// Duplicate puts a copy of packet id on the wire and returns its ID.
func (w *World) Duplicate(id int) (int, error) {
	d, err := w.net.Duplicate(id)
	if err != nil {
		return 0, err
	}
	if l, ok := w.labels[id]; ok {
		w.labels[d.ID] = l
	}
	// The copy as it was made: the wire capture keeps it so even if the
	// copy in flight is corrupted later.
	w.event(trace.Event{Kind: trace.Dup, Packet: d.ID, From: d.From, To: d.To, Bytes: append([]byte(nil), d.Bytes...), Label: w.labels[d.ID], At: d.ArriveAt,
		Text: "copy of packet " + strconv.Itoa(id)})
	return d.ID, nil
}

// Delay holds packet id back by d more.
func (w *World) Delay(id int, d time.Duration) error {
	p, err := w.net.Delay(id, d)
	if err != nil {
		return err
	}
	w.event(trace.Event{Kind: trace.Delay, Packet: id, From: p.From, To: p.To, At: p.ArriveAt,
		Text: "delayed by " + d.String() + ", now arrives at " + p.ArriveAt.String()})
	return nil
}

// Corrupt flips one byte of packet id so that its checksum fails; the
// receiving host will discard it. It returns the byte's offset.
func (w *World) Corrupt(id int) (int, error) {
	off, err := w.net.Corrupt(id)
	if err != nil {
		return 0, err
	}
	w.event(trace.Event{Kind: trace.Corrupt, Packet: id, Text: "flipped the bits of byte " + strconv.Itoa(off)})
	return off, nil
}

// Link returns the settings for packets from one host to another.
func (w *World) Link(from, to string) netsim.Link { return w.net.Link(from, to) }

// SetLink changes the settings for packets from one host to another.
func (w *World) SetLink(from, to string, l netsim.Link) error {
	if w.Host(from) == nil || w.Host(to) == nil {
		return errors.New("no link " + from + ">" + to + ": unknown host")
	}
	return w.net.SetLink(from, to, l)
}

// SetLinkBoth changes both directions between two hosts.
func (w *World) SetLinkBoth(a, b string, l netsim.Link) error {
	if err := w.SetLink(a, b, l); err != nil {
		return err
	}
	return w.SetLink(b, a, l)
}

// UpdateLinks applies change to every direction between two hosts, each
// keeping its other settings (loopback stays instantaneous and lossless).
func (w *World) UpdateLinks(change func(*netsim.Link)) error { return w.net.UpdateAll(change) }

// SetAllLinks changes every direction between hosts (loopback stays
// instantaneous and lossless).
func (w *World) SetAllLinks(l netsim.Link) error {
	if err := w.net.SetDefaultLink(l); err != nil {
		return err
	}
	for _, h := range w.hosts {
		_ = w.net.SetLink(h.name, h.name, netsim.Link{})
	}
	return nil
}
