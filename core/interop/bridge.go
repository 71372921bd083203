package interop

import (
	"errors"
	"fmt"
	"time"

	"github.com/sockplay/sockplay/core/netsim"
	"github.com/sockplay/sockplay/core/stack"
)

// Bridge puts a gVisor Peer into a sockplay World as an external address:
// the world's hosts reach it over the world's own links (latency, loss,
// trace and captures included) and the two clocks move in lock step, from
// one event of either side to the next.
type Bridge struct {
	World *stack.World
	Peer  *Peer
	// Observe, if set, sees every packet gVisor sends, before the wire,
	// and every packet the world delivers to gVisor.
	Observe func(fromGVisor bool, packet []byte)

	ext *stack.External
}

// NewBridge attaches peer to world at the peer's address.
func NewBridge(world *stack.World, peer *Peer) (*Bridge, error) {
	b := &Bridge{World: world, Peer: peer}
	ext, err := world.AddExternal(inetAddr(peer.Addr()), b.deliver)
	if err != nil {
		return nil, err
	}
	b.ext = ext
	peer.AdvanceTo(world.Now())
	return b, nil
}

func (b *Bridge) deliver(now time.Duration, packet []byte) {
	b.Peer.AdvanceTo(now)
	if b.Observe != nil {
		b.Observe(false, packet)
	}
	b.Peer.Inject(packet)
}

// SetLink sets both directions between a world host and gVisor.
func (b *Bridge) SetLink(host string, l netsim.Link) error { return b.ext.SetLink(host, l) }

// flush puts what gVisor sent on the world's wire.
func (b *Bridge) flush() error {
	for _, pkt := range b.Peer.Outbound() {
		if b.Observe != nil {
			b.Observe(true, pkt)
		}
		if err := b.ext.Send(pkt); err != nil {
			return fmt.Errorf("interop: gVisor sent what the world refuses: %w", err)
		}
	}
	return nil
}

// Step moves both sides to the earliest next event, if it is no later than
// limit, and handles it.
func (b *Bridge) Step(limit time.Duration) error {
	if err := b.flush(); err != nil {
		return err
	}
	next, ok := b.ext.NextEvent()
	if at, armed := b.Peer.NextDeadline(); armed && (!ok || at < next) {
		next, ok = at, true
	}
	if !ok {
		return ErrIdle
	}
	if next > limit {
		return fmt.Errorf("%w (%v)", ErrTimeLimit, limit)
	}
	next = max(next, b.World.Now())
	if err := b.ext.AdvanceTo(next); err != nil {
		return err
	}
	b.Peer.AdvanceTo(next)
	return b.flush()
}

// RunUntil steps until done reports true; it fails with ErrIdle if nothing
// more can happen, or when virtual time would pass limit.
func (b *Bridge) RunUntil(done func() bool, limit time.Duration) error {
	for !done() {
		if err := b.Step(limit); err != nil {
			return err
		}
	}
	return nil
}

// RunFor moves both sides d of virtual time on.
func (b *Bridge) RunFor(d time.Duration) error {
	end := b.World.Now() + d
	for {
		err := b.Step(end)
		if errors.Is(err, ErrIdle) || errors.Is(err, ErrTimeLimit) {
			break
		}
		if err != nil {
			return err
		}
	}
	if err := b.ext.AdvanceTo(end); err != nil {
		return err
	}
	b.Peer.AdvanceTo(end)
	return b.flush()
}
