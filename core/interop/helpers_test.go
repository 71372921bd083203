package interop

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/sockplay/sockplay/core/errno"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stream is the byte-stream side of a connection, on either TCP.
type stream interface {
	Write(b []byte) (int, error)
	ReadAvailable() ([]byte, error)
}

// payload is n seeded pseudo-random bytes.
func payload(seed uint64, n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), 1})
	_, _ = r.Read(b)
	return b
}

// pipe tracks one direction of a transfer.
type pipe struct {
	from, to stream
	data     []byte
	written  int
	received []byte
}

// pump writes what the sender takes and reads what the receiver has.
func (p *pipe) pump(t *testing.T) {
	if p.written < len(p.data) {
		n, err := p.from.Write(p.data[p.written:])
		if err != nil && !errors.Is(err, errno.EAGAIN) {
			require.NoError(t, err, "write after %d bytes", p.written)
		}
		p.written += n
	}
	got, err := p.to.ReadAvailable()
	if err != nil && !errors.Is(err, errno.EAGAIN) {
		require.NoError(t, err, "read after %d bytes", len(p.received))
	}
	p.received = append(p.received, got...)
}

func (p *pipe) done() bool { return len(p.received) >= len(p.data) }

// runner moves packets and time: a Link or a Bridge.
type runner interface {
	RunUntil(done func() bool, limit time.Duration) error
}

// transfer sends each pipe's data at once over link and checks every byte
// arrived once and in order.
func transfer(t *testing.T, link runner, limit time.Duration, pipes ...*pipe) {
	t.Helper()
	allDone := func() bool {
		for _, p := range pipes {
			p.pump(t)
		}
		for _, p := range pipes {
			if !p.done() {
				return false
			}
		}
		return true
	}
	require.NoError(t, link.RunUntil(allDone, limit))
	for _, p := range pipes {
		require.Equal(t, len(p.data), len(p.received))
		require.Equal(t, sha256.Sum256(p.data), sha256.Sum256(p.received), "stream content differs")
	}
}

// watcher cross-checks every packet on a link (see CrossCheck) and hashes
// them all, so a test can compare whole runs.
type watcher struct {
	packets int
	bad     []string
	hash    hash.Hash
}

func watch(t *testing.T, link *Link) *watcher {
	w := &watcher{hash: sha256.New()}
	link.Observe = func(from netip.Addr, pkt []byte) {
		w.packets++
		w.hash.Write(pkt)
		if err := CrossCheck(pkt); err != nil && len(w.bad) < 5 {
			w.bad = append(w.bad, fmt.Sprintf("packet %d from %v: %v", w.packets, from, err))
		}
	}
	t.Cleanup(func() {
		assert.Empty(t, w.bad, "packets the two decoders disagree on")
	})
	return w
}
