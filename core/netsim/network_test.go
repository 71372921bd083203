package netsim

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func quiet() Link { return Link{Latency: 10 * time.Millisecond} }

func TestSendArrivesAfterLatencyInOrder(t *testing.T) {
	n := New(1)
	require.NoError(t, n.SetDefaultLink(quiet()))
	a := n.Send("client", "server", []byte("a"))
	require.NoError(t, n.AdvanceTo(5*time.Millisecond))
	b := n.Send("server", "client", []byte("b"))
	assert.Equal(t, 1, a.Packet.ID)
	assert.Equal(t, 2, b.Packet.ID)
	assert.Equal(t, 10*time.Millisecond, a.Packet.ArriveAt)
	assert.Equal(t, 15*time.Millisecond, b.Packet.ArriveAt)

	_, due := n.PopDue()
	assert.False(t, due, "nothing has arrived at 5 ms")
	at, ok := n.NextArrival()
	require.True(t, ok)
	assert.Equal(t, 10*time.Millisecond, at)
	require.NoError(t, n.AdvanceTo(at))
	p, ok := n.PopDue()
	require.True(t, ok)
	assert.Equal(t, "a", string(p.Bytes))
	assert.Equal(t, "client", p.From)
	assert.Equal(t, "server", p.To)
	_, ok = n.PopDue()
	assert.False(t, ok)
}

func TestClockNeverMovesBack(t *testing.T) {
	n := New(1)
	require.NoError(t, n.AdvanceTo(time.Second))
	assert.Error(t, n.AdvanceTo(time.Millisecond))
	assert.Equal(t, time.Second, n.Now())
}

func TestBandwidthQueuesFIFOPerDirection(t *testing.T) {
	n := New(1)
	// 8 kbit/s: 1000 bytes take one second to serialise.
	require.NoError(t, n.SetLink("c", "s", Link{Latency: 10 * time.Millisecond, Bandwidth: 8000}))
	p1 := n.Send("c", "s", make([]byte, 1000))
	p2 := n.Send("c", "s", make([]byte, 500))
	back := n.Send("s", "c", make([]byte, 1000)) // the other direction is unlimited and not queued
	assert.Equal(t, time.Second+10*time.Millisecond, p1.Packet.ArriveAt)
	assert.Equal(t, 1500*time.Millisecond+10*time.Millisecond, p2.Packet.ArriveAt)
	assert.Equal(t, DefaultLink().Latency, back.Packet.ArriveAt)

	// Once the queue has drained, a new packet starts at once.
	require.NoError(t, n.AdvanceTo(3*time.Second))
	p3 := n.Send("c", "s", make([]byte, 100))
	assert.Equal(t, 3*time.Second+100*time.Millisecond+10*time.Millisecond, p3.Packet.ArriveAt)
}

func TestInFlightHandsOutCopies(t *testing.T) {
	n := New(1)
	n.Send("c", "s", []byte("hello"))
	n.InFlight()[0].Bytes[0] = 'Y'
	assert.Equal(t, "hello", string(n.InFlight()[0].Bytes), "InFlight hands out copies")
}

func TestLossDuplicationRates(t *testing.T) {
	n := New(42)
	require.NoError(t, n.SetDefaultLink(Link{Latency: time.Millisecond, Loss: 0.2, Duplicate: 0.1}))
	const total = 10000
	lost, dups := 0, 0
	for range total {
		tr := n.Send("c", "s", []byte{1})
		if tr.Lost {
			lost++
			assert.Nil(t, tr.Duplicate)
		}
		if tr.Duplicate != nil {
			dups++
			assert.Equal(t, tr.Packet.ID, tr.Duplicate.DupOf)
		}
	}
	assert.InDelta(t, 0.2, float64(lost)/total, 0.02)
	assert.InDelta(t, 0.1*0.8, float64(dups)/total, 0.02)
	assert.Len(t, n.InFlight(), total-lost+dups)
}

func TestReorderingLetsLaterPacketsOvertake(t *testing.T) {
	n := New(7)
	require.NoError(t, n.SetDefaultLink(Link{Latency: 10 * time.Millisecond, Reorder: 0.5, ReorderDelay: 50 * time.Millisecond}))
	for i := range 50 {
		n.Send("c", "s", []byte{byte(i)})
		require.NoError(t, n.AdvanceTo(n.Now()+time.Millisecond))
	}
	overtaken := false
	flight := n.InFlight()
	for i := 1; i < len(flight); i++ {
		assert.LessOrEqual(t, flight[i-1].ArriveAt, flight[i].ArriveAt, "InFlight is in arrival order")
		if flight[i].ID < flight[i-1].ID {
			overtaken = true
		}
	}
	assert.True(t, overtaken)
}

func TestSameSeedSameOutcome(t *testing.T) {
	run := func(seed uint64) []Packet {
		n := New(seed)
		require.NoError(t, n.SetDefaultLink(Link{Latency: 3 * time.Millisecond, Loss: 0.3, Duplicate: 0.3, Reorder: 0.3, ReorderDelay: 9 * time.Millisecond}))
		for i := range 200 {
			n.Send("a", "b", []byte{byte(i)})
		}
		_, _ = n.Corrupt(n.InFlight()[0].ID)
		return n.InFlight()
	}
	assert.Equal(t, run(5), run(5))
	assert.NotEqual(t, run(5), run(6))
}

func TestControlInFlight(t *testing.T) {
	n := New(1)
	require.NoError(t, n.SetDefaultLink(quiet()))
	p1 := n.Send("c", "s", []byte("one")).Packet
	p2 := n.Send("c", "s", []byte("two")).Packet
	p3 := n.Send("c", "s", []byte("three")).Packet

	d, err := n.Duplicate(p1.ID)
	require.NoError(t, err)
	assert.Equal(t, 4, d.ID)
	assert.Equal(t, p1.ID, d.DupOf)
	assert.Equal(t, p1.ArriveAt, d.ArriveAt)

	_, err = n.Delay(p1.ID, 100*time.Millisecond)
	require.NoError(t, err)
	_, err = n.Delay(p1.ID, -time.Millisecond)
	assert.Error(t, err)

	dropped, err := n.Drop(p2.ID)
	require.NoError(t, err)
	assert.Equal(t, "two", string(dropped.Bytes))

	taken, err := n.Take(p3.ID)
	require.NoError(t, err)
	assert.Equal(t, "three", string(taken.Bytes))

	var ids []int
	for _, p := range n.InFlight() {
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []int{4, 1}, ids, "the duplicate now arrives before the delayed original")

	for _, op := range []func(int) error{
		func(id int) error { _, err := n.Take(id); return err },
		func(id int) error { _, err := n.Drop(id); return err },
		func(id int) error { _, err := n.Duplicate(id); return err },
		func(id int) error { _, err := n.Delay(id, time.Second); return err },
		func(id int) error { _, err := n.Corrupt(id); return err },
	} {
		assert.True(t, errors.Is(op(p2.ID), ErrNoPacket))
		assert.True(t, errors.Is(op(99), ErrNoPacket))
	}
	assert.Len(t, n.InFlight(), 2)
}

// ipv4 builds a minimal header + transport bytes; only the fields Corrupt reads matter.
func ipv4(proto byte, transport int) []byte {
	b := make([]byte, 20+transport)
	b[0] = 0x45
	b[9] = proto
	return b
}

func TestCorruptFlipsOneTransportByte(t *testing.T) {
	for _, proto := range []byte{6, 17, 1} {
		n := New(3)
		orig := ipv4(proto, 40)
		for range 200 {
			id := n.Send("c", "s", append([]byte(nil), orig...)).Packet.ID
			off, err := n.Corrupt(id)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, off, 20, "the IP header is left alone")
			if proto == 17 {
				assert.NotContains(t, []int{26, 27}, off, "UDP checksum field is never flipped")
			}
			got, _ := n.Take(id)
			diff := 0
			for i := range got.Bytes {
				if got.Bytes[i] != orig[i] {
					diff++
					assert.Equal(t, orig[i]^0xff, got.Bytes[i])
				}
			}
			assert.Equal(t, 1, diff)
		}
	}
}

func TestCorruptOddPackets(t *testing.T) {
	n := New(1)
	id := n.Send("c", "s", nil).Packet.ID
	_, err := n.Corrupt(id)
	assert.Error(t, err, "an empty packet has nothing to flip")
	id = n.Send("c", "s", []byte{0xde, 0xad}).Packet.ID
	off, err := n.Corrupt(id)
	require.NoError(t, err, "not IPv4: any byte")
	assert.Less(t, off, 2)
	id = n.Send("c", "s", ipv4(17, 8)[:27]).Packet.ID // truncated UDP header
	_, err = n.Corrupt(id)
	require.NoError(t, err)
}

func TestLinkValidation(t *testing.T) {
	n := New(1)
	bad := []Link{
		{Latency: -1},
		{Bandwidth: -1},
		{Loss: 1.5},
		{Duplicate: -0.1},
		{Reorder: 2},
		{ReorderDelay: -1},
	}
	for _, l := range bad {
		assert.Error(t, n.SetLink("a", "b", l), "%+v", l)
		assert.Error(t, n.SetDefaultLink(l), "%+v", l)
	}
	assert.Equal(t, DefaultLink(), n.Link("a", "b"), "rejected settings change nothing")

	require.NoError(t, n.SetLink("a", "b", quiet()))
	assert.Equal(t, quiet(), n.Link("a", "b"))
	assert.Equal(t, DefaultLink(), n.Link("b", "a"))
	require.NoError(t, n.SetDefaultLink(Link{Latency: time.Second}))
	assert.Equal(t, time.Second, n.Link("a", "b").Latency, "a new default replaces overrides")
}

func TestRandEdges(t *testing.T) {
	r := NewRand(1, 2)
	assert.Equal(t, 0, r.IntN(0))
	assert.Equal(t, int64(0), r.Duration(-5))
	assert.False(t, r.Chance(0))
	assert.True(t, r.Chance(1))
	assert.Equal(t, NewRand(9, 1).Uint32(), NewRand(9, 1).Uint32())
	assert.NotEqual(t, NewRand(9, 1).Uint32(), NewRand(9, 2).Uint32())
}
