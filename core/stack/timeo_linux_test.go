//go:build linux && (amd64 || arm64)

package stack

import (
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/errno"
)

// The running kernel against the engine: SO_RCVTIMEO and SO_SNDTIMEO as
// they read back, and what a call returns when its timeout expires. The
// kernel's calls sleep for real, a few milliseconds each, but no result
// depends on how long they take.

func kernelSocket(t *testing.T, typ int) int {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, typ, 0)
	require.NoError(t, err)
	t.Cleanup(func() { syscall.Close(fd) })
	return fd
}

func kernelGetTimeval(t *testing.T, fd, opt int) Timeval {
	t.Helper()
	var tv syscall.Timeval
	size := uint32(unsafe.Sizeof(tv))
	_, _, e := syscall.Syscall6(syscall.SYS_GETSOCKOPT, uintptr(fd), syscall.SOL_SOCKET, uintptr(opt),
		uintptr(unsafe.Pointer(&tv)), uintptr(unsafe.Pointer(&size)), 0)
	require.Zero(t, e)
	return Timeval{Sec: tv.Sec, Usec: tv.Usec}
}

// kernelHZ is the tick the kernel rounds timeouts to; the engine models
// Debian's 250.
func kernelHZ(t *testing.T) int64 {
	fd := kernelSocket(t, syscall.SOCK_DGRAM)
	require.NoError(t, syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &syscall.Timeval{Usec: 1}))
	tv := kernelGetTimeval(t, fd, syscall.SO_RCVTIMEO)
	return 1_000_000 / tv.Usec
}

func TestTimeoutOptionsAsThisKernel(t *testing.T) {
	if hz := kernelHZ(t); hz != 250 {
		t.Skipf("this kernel ticks at HZ=%d; the engine models Debian's HZ=250", hz)
	}
	h := New(1).Host("client")
	sim := must(t, h.Socket(AF_INET, SOCK_STREAM, 0))
	fd := kernelSocket(t, syscall.SOCK_STREAM)
	for _, opt := range []int{SO_RCVTIMEO, SO_SNDTIMEO} {
		for _, c := range timeoCases {
			err := syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, opt, &syscall.Timeval{Sec: c.set.Sec, Usec: c.set.Usec})
			tv := c.set
			r := h.Setsockopt(sim, SOL_SOCKET, opt, OptVal{Timeval: &tv})
			if err == nil {
				assert.Equal(t, errno.OK, r.Err, "%+v", c.set)
			} else {
				assert.Equal(t, int(err.(syscall.Errno)), int(r.Err), "%+v: the kernel says %v", c.set, err)
			}
			assert.Equal(t, kernelGetTimeval(t, fd, opt), *h.Getsockopt(sim, SOL_SOCKET, opt).Timeval, "after %+v", c.set)
		}
		// An int is shorter than a struct timeval.
		err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, opt, 5)
		assert.Equal(t, syscall.EINVAL, err)
		assert.Equal(t, errno.EINVAL, h.Setsockopt(sim, SOL_SOCKET, opt, IntOpt(5)).Err)
	}
}

func loopback(port int) *syscall.SockaddrInet4 {
	return &syscall.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
}

func boundPort(t *testing.T, fd int) int {
	sa, err := syscall.Getsockname(fd)
	require.NoError(t, err)
	return sa.(*syscall.SockaddrInet4).Port
}

func TestExpiredTimeoutsAsThisKernel(t *testing.T) {
	short := &syscall.Timeval{Usec: 4000}
	buf := make([]byte, 100)

	// recv on UDP: EAGAIN; a negative timeout: EAGAIN without sleeping.
	u := kernelSocket(t, syscall.SOCK_DGRAM)
	require.NoError(t, syscall.Bind(u, loopback(0)))
	require.NoError(t, syscall.SetsockoptTimeval(u, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, short))
	_, _, err := syscall.Recvfrom(u, buf, 0)
	assert.Equal(t, syscall.EAGAIN, err)
	require.NoError(t, syscall.SetsockoptTimeval(u, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &syscall.Timeval{Sec: -1}))
	_, _, err = syscall.Recvfrom(u, buf, 0)
	assert.Equal(t, syscall.EAGAIN, err)

	// accept: EAGAIN.
	l := kernelSocket(t, syscall.SOCK_STREAM)
	require.NoError(t, syscall.Bind(l, loopback(0)))
	require.NoError(t, syscall.Listen(l, 0))
	require.NoError(t, syscall.SetsockoptTimeval(l, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, short))
	_, _, err = syscall.Accept(l)
	assert.Equal(t, syscall.EAGAIN, err)

	// recv with MSG_WAITALL: what arrived before the timeout.
	c := kernelSocket(t, syscall.SOCK_STREAM)
	require.NoError(t, syscall.Connect(c, loopback(boundPort(t, l))))
	a, _, err := syscall.Accept(l) // the listener's timeout is inherited
	require.NoError(t, err)
	defer syscall.Close(a)
	assert.Equal(t, Timeval{0, 4000}, kernelGetTimeval(t, a, syscall.SO_RCVTIMEO))
	_, err = syscall.Write(c, []byte("abc"))
	require.NoError(t, err)
	n, _, err := syscall.Recvfrom(a, buf, syscall.MSG_WAITALL)
	require.NoError(t, err)
	assert.Equal(t, 3, n)

	// connect: with the accept queue full (backlog 0, one connection
	// waiting), the SYN is dropped and connect gives up with EINPROGRESS;
	// again, EALREADY.
	waiting := kernelSocket(t, syscall.SOCK_STREAM)
	require.NoError(t, syscall.Connect(waiting, loopback(boundPort(t, l))))
	k := kernelSocket(t, syscall.SOCK_STREAM)
	require.NoError(t, syscall.SetsockoptTimeval(k, syscall.SOL_SOCKET, syscall.SO_SNDTIMEO, short))
	err = syscall.Connect(k, loopback(boundPort(t, l)))
	assert.Equal(t, syscall.EINPROGRESS, err)
	err = syscall.Connect(k, loopback(boundPort(t, l)))
	assert.Equal(t, syscall.EALREADY, err)
}
