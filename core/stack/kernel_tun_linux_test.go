//go:build linux && (amd64 || arm64)

package stack

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/wire"
)

// kernelNet is this machine's Linux kernel in a network namespace of its
// own, reached through a TUN device the way packetdrill reaches it: the
// test writes the client's segments into the device and reads the
// kernel's answers from it, so it decides when every SYN and ACK
// arrives. The kernel owns 10.0.0.2 (the engine's server address); the
// segments come from 10.0.0.1.
type kernelNet struct {
	t   *testing.T
	tun *os.File
}

const (
	tunSetIff    = 0x400454ca // TUNSETIFF
	iffTun       = 0x0001
	iffNoPI      = 0x1000
	siocSIFADDR  = 0x8916
	siocSIFMASK  = 0x891c
	siocSIFFLAGS = 0x8914
)

// ifreq is struct ifreq with room for a sockaddr_in or flags.
type ifreq struct {
	name [16]byte
	data [24]byte
}

// newKernelNet moves the calling goroutine's thread into a fresh network
// namespace for good: the goroutine must be the test's own, which ends
// with it, and the thread ends with the goroutine (LockOSThread without
// Unlock), taking the namespace and its device with it. Sockets keep the
// namespace they were made in, so the test makes them on this goroutine.
func newKernelNet(t *testing.T, sysctls map[string]string) *kernelNet {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the kernel comparison needs root for a network namespace (CI runs as root)")
	}
	runtime.LockOSThread()
	k := &kernelNet{t: t}
	k.up(sysctls)
	return k
}

// up enters a fresh network namespace whose kernel owns 10.0.0.2 behind
// the TUN device sptun0.
func (k *kernelNet) up(sysctls map[string]string) {
	t := k.t
	require.NoError(t, syscall.Unshare(syscall.CLONE_NEWNET), "unshare(CLONE_NEWNET)")
	for name, v := range sysctls {
		// /proc/sys/net is the calling thread's namespace.
		require.NoError(t, os.WriteFile("/proc/sys/net/ipv4/"+name, []byte(v), 0), name)
	}
	tun, err := os.OpenFile("/dev/net/tun", os.O_RDWR|syscall.O_NONBLOCK, 0)
	require.NoError(t, err, "/dev/net/tun")
	t.Cleanup(func() { tun.Close() })
	var req ifreq
	copy(req.name[:], "sptun0")
	*(*uint16)(unsafe.Pointer(&req.data[0])) = iffTun | iffNoPI
	ioctl(t, int(tun.Fd()), tunSetIff, &req)

	ctl, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_DGRAM, 0)
	require.NoError(t, err)
	defer syscall.Close(ctl)
	ioctl(t, ctl, siocSIFADDR, sockaddrReq("sptun0", [4]byte{10, 0, 0, 2}))
	ioctl(t, ctl, siocSIFMASK, sockaddrReq("sptun0", [4]byte{255, 255, 255, 0}))
	up := ifreq{}
	copy(up.name[:], "sptun0")
	*(*uint16)(unsafe.Pointer(&up.data[0])) = syscall.IFF_UP | syscall.IFF_RUNNING
	ioctl(t, ctl, siocSIFFLAGS, &up)
	k.tun = tun
}

func sockaddrReq(name string, a [4]byte) *ifreq {
	var r ifreq
	copy(r.name[:], name)
	*(*uint16)(unsafe.Pointer(&r.data[0])) = syscall.AF_INET
	copy(r.data[4:8], a[:])
	return &r
}

func ioctl(t *testing.T, fd int, req uintptr, arg *ifreq) {
	t.Helper()
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), req, uintptr(unsafe.Pointer(arg)))
	require.Zero(t, e, "ioctl %#x: %v", req, e)
}

// listen makes a listening socket on 10.0.0.2:port in the namespace.
func (k *kernelNet) listen(port, backlog int) int {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	require.NoError(k.t, err)
	k.t.Cleanup(func() { syscall.Close(fd) })
	require.NoError(k.t, syscall.Bind(fd, &syscall.SockaddrInet4{Port: port, Addr: [4]byte{10, 0, 0, 2}}))
	require.NoError(k.t, syscall.Listen(fd, backlog))
	return fd
}

// accept takes one connection from the listener's accept queue without
// blocking; false when the queue is empty.
func (k *kernelNet) accept(fd int) bool {
	nfd, _, err := syscall.Accept4(fd, syscall.SOCK_NONBLOCK)
	if err == syscall.EAGAIN {
		return false
	}
	require.NoError(k.t, err)
	k.t.Cleanup(func() { syscall.Close(nfd) })
	return true
}

// acceptInfo accepts one of the connections waiting in the listener's
// queue and returns its TCP_INFO options (TCPI_OPT_*) and snd_mss.
func (k *kernelNet) acceptInfo(fd int) (options uint8, sndMSS int) {
	nfd, _, err := syscall.Accept4(fd, syscall.SOCK_NONBLOCK)
	require.NoError(k.t, err)
	defer syscall.Close(nfd)
	var info syscall.TCPInfo
	size := uint32(unsafe.Sizeof(info))
	_, _, e := syscall.Syscall6(syscall.SYS_GETSOCKOPT, uintptr(nfd), syscall.IPPROTO_TCP, syscall.TCP_INFO,
		uintptr(unsafe.Pointer(&info)), uintptr(unsafe.Pointer(&size)), 0)
	require.Zero(k.t, e, "TCP_INFO")
	return info.Options, int(info.Snd_mss)
}

// exchange writes segments from 10.0.0.1 and returns the kernel's
// answers to them. It then sends a segment to a closed port, whose RST
// comes back after every answer to the segments before it, so the test
// waits for that RST rather than for a length of time.
func (k *kernelNet) exchange(segs ...*wire.TCP) []*wire.TCP {
	for _, s := range segs {
		k.write(s)
	}
	probe := &wire.TCP{SrcPort: 9, DstPort: 9, Seq: 1, Flags: wire.SYN, Window: 1000}
	k.write(probe)
	var got []*wire.TCP
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		seg := k.read(time.Until(deadline))
		if seg == nil {
			break
		}
		if seg.SrcPort == 9 && seg.Flags&wire.RST != 0 {
			return got
		}
		got = append(got, seg)
	}
	k.t.Fatal("the kernel did not answer the probe to a closed port")
	return nil
}

// waitFor reads until a segment satisfying ok arrives (a retransmission
// the kernel's timer sends), and returns it; nil after limit.
func (k *kernelNet) waitFor(limit time.Duration, ok func(*wire.TCP) bool) *wire.TCP {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if seg := k.read(time.Until(deadline)); seg != nil && ok(seg) {
			return seg
		}
	}
	return nil
}

func (k *kernelNet) write(s *wire.TCP) {
	b := wire.TCPPacket(ClientAddr(), ServerAddr(), 1, s)
	_, err := k.tun.Write(b)
	require.NoError(k.t, err)
}

// read returns the next IPv4 TCP segment the kernel sends (other packets,
// IPv6 router solicitations say, are skipped), or nil after limit.
func (k *kernelNet) read(limit time.Duration) *wire.TCP {
	buf := make([]byte, 65536)
	deadline := time.Now().Add(limit)
	for {
		n, err := syscall.Read(int(k.tun.Fd()), buf)
		if err == syscall.EAGAIN {
			left := time.Until(deadline)
			if left <= 0 {
				return nil
			}
			var set syscall.FdSet
			fd := int(k.tun.Fd())
			set.Bits[fd/64] |= 1 << (uint(fd) % 64)
			tv := syscall.NsecToTimeval(int64(min(left, 100*time.Millisecond)))
			_, _ = syscall.Select(fd+1, &set, nil, nil, &tv)
			continue
		}
		require.NoError(k.t, err)
		p, err := wire.Decode(buf[:n])
		if err != nil || p.TCP == nil || p.IP.Dst != ClientAddr() {
			continue
		}
		return p.TCP
	}
}

// kernelSocks counts the namespace's TCP sockets by /proc/net/tcp state
// (include/net/tcp_states.h: 01 ESTABLISHED, 03 SYN_RECV, 0A LISTEN) and
// returns the listener's rx_queue, which is its accept queue.
func (k *kernelNet) socks() (states map[string]int, listenQ int) {
	b, err := os.ReadFile("/proc/thread-self/net/tcp")
	require.NoError(k.t, err)
	states = map[string]int{}
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		states[f[3]]++
		if f[3] == "0A" {
			q := f[4][strings.IndexByte(f[4], ':')+1:]
			n, err := strconv.ParseInt(q, 16, 64)
			require.NoError(k.t, err)
			listenQ = int(n)
		}
	}
	return states, listenQ
}

// netstat is a counter of /proc/net/netstat's TcpExt line.
func (k *kernelNet) netstat(name string) int {
	b, err := os.ReadFile("/proc/thread-self/net/netstat")
	require.NoError(k.t, err)
	lines := strings.Split(string(b), "\n")
	for i := 0; i+1 < len(lines); i += 2 {
		keys, vals := strings.Fields(lines[i]), strings.Fields(lines[i+1])
		if len(keys) == 0 || keys[0] != "TcpExt:" {
			continue
		}
		for j, key := range keys {
			if key == name && j < len(vals) {
				n, err := strconv.Atoi(vals[j])
				require.NoError(k.t, err)
				return n
			}
		}
	}
	k.t.Fatalf("no TcpExt counter %s", name)
	return 0
}
