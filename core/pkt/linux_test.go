//go:build linux

package pkt

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/sockplay/sockplay/core/script"
	"github.com/sockplay/sockplay/core/tcp"
	"github.com/sockplay/sockplay/core/wire"
)

// The same scripts against this machine's Linux kernel and against the
// engine: each runs in a fresh network namespace as packetdrill runs it
// (a tun device, the stack at 192.168.0.1, the scripted peer at 192.0.2.1,
// stock sysctls), and everything the stack sent, normalized (sequence
// numbers relative to its ISN, timestamps and IP IDs left out), must be
// the same packets in the same order on both. The namespace's sysctls are
// Linux's stock ones but for tcp_rmem's maximum, and every socket uses
// cubic whatever the host's default (see TestLinuxHelper and the socket
// call). The kernel runs in real time:
// a run the machine was too slow to keep to the script's times (an event
// over 20 ms late) is run again, at most three times.

const linuxHelperEnv = "SOCKPLAY_PKT_LINUX_SCRIPT"

func TestLinuxAgreesWithTheEngine(t *testing.T) {
	if os.Getenv(linuxHelperEnv) != "" {
		t.Skip("this process is the helper")
	}
	if os.Geteuid() != 0 {
		t.Skip("the kernel comparison needs root (network namespaces, a tun device): skipping")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("the kernel comparison needs iproute2's ip: skipping")
	}
	if _, err := os.Stat("/dev/net/tun"); err != nil {
		t.Skip("the kernel comparison needs /dev/net/tun: skipping")
	}
	files, err := filepath.Glob("testdata/linux/*.pkt")
	if err != nil || len(files) == 0 {
		t.Fatal("no scripts in testdata/linux", err)
	}
	for i, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Parse(filepath.Base(file), string(src))
			if err != nil {
				t.Fatal(err)
			}
			w, err := runWith(s, 1, tcp.DefaultConfig()) // Linux's stock sysctls
			if err != nil {
				t.Fatalf("the engine: %v", err)
			}
			var sent [][]byte
			for _, rec := range w.WireCapture() {
				sent = append(sent, rec.Data)
			}
			engine := normalize(sent)
			var kernel []string
			for try := 1; ; try++ {
				var late bool
				kernel, late, err = runOnLinux(t, file, fmt.Sprintf("sockplay-pkt-%d-%d", os.Getpid(), i))
				if err != nil {
					t.Fatalf("Linux: %v", err)
				}
				if !late || try == 3 {
					break
				}
			}
			if !sameSegments(engine, kernel) {
				t.Errorf("the engine and Linux sent different packets:\n%s", sideBySide(engine, kernel))
			}
		})
	}
}

// runOnLinux runs the script in a new network namespace (this test binary
// again, as TestLinuxHelper) and returns what the kernel sent, normalized,
// and whether the run fell behind the script.
func runOnLinux(t *testing.T, file, ns string) (sent []string, late bool, err error) {
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace here (%v: %s): skipping", err, strings.TrimSpace(string(out)))
	}
	defer exec.Command("ip", "netns", "del", ns).Run()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	abs, _ := filepath.Abs(file)
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", ns, os.Args[0], "-test.run=^TestLinuxHelper$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), linuxHelperEnv+"="+abs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, false, fmt.Errorf("%v\n%s", err, out)
	}
	var packets [][]byte
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "PKT "):
			b, err := hex.DecodeString(strings.TrimPrefix(line, "PKT "))
			if err != nil {
				return nil, false, err
			}
			packets = append(packets, b)
		case line == "LATE":
			late = true
		}
	}
	return normalize(packets), late, nil
}

// normalize prints the packets the stack under test sent as script lines
// would, sequence numbers relative to its ISN, and leaves out the others.
func normalize(packets [][]byte) []string {
	var out []string
	var iss uint32
	for _, b := range packets {
		if !fromStack(b) {
			continue
		}
		s, _ := wire.Decode(b)
		seg := s.TCP
		if seg.Flags&wire.SYN != 0 {
			iss = seg.Seq
		}
		line := flagsText(seg.Flags) + " " + strconv.FormatUint(uint64(seg.Seq-iss), 10) + "(" + strconv.Itoa(len(seg.Payload)) + ")"
		if seg.Flags&wire.ACK != 0 {
			line += " ack " + strconv.FormatUint(uint64(seg.Ack), 10)
		}
		line += " win " + strconv.Itoa(int(seg.Window))
		var opts []string
		for _, o := range rawOptions(b) {
			switch o.Kind {
			case OptTimestamp:
				opts = append(opts, "TS")
			case OptNOP:
			default:
				opts = append(opts, optionsText([]Option{o}, true))
			}
		}
		out = append(out, line+" <"+strings.Join(opts, ",")+">")
	}
	return out
}

// fromStack reports a TCP segment from the stack under test.
func fromStack(b []byte) bool {
	p, err := wire.Decode(b)
	return err == nil && p.TCP != nil && p.IP.Src == LocalAddr
}

// sameSegments compares normalized segments. Linux charges unread data at
// its buffer's true size (tcp_space's scaling ratio), the engine counts its
// bytes: after the SYN a window may differ by one unit of the scale.
// Anything else must be equal.
func sameSegments(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		wa, ra, oka := splitWindow(a[i])
		wb, rb, okb := splitWindow(b[i])
		if !oka || !okb || ra != rb || strings.HasPrefix(a[i], "S") || wa-wb > 1 || wb-wa > 1 {
			return false
		}
	}
	return true
}

// splitWindow takes the window out of a normalized segment.
func splitWindow(s string) (win int, rest string, ok bool) {
	i := strings.Index(s, " win ")
	if i < 0 {
		return 0, s, false
	}
	j := strings.Index(s[i+5:], " ")
	if j < 0 {
		return 0, s, false
	}
	win, err := strconv.Atoi(s[i+5 : i+5+j])
	return win, s[:i] + s[i+5+j:], err == nil
}

func sideBySide(a, b []string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%-4s %-60s %s\n", "", "engine", "Linux")
	for i := range max(len(a), len(b)) {
		x, y := "", ""
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		mark := " "
		if x != y {
			mark = "≠"
		}
		fmt.Fprintf(&sb, "%-3d%s %-60s %s\n", i+1, mark, x, y)
	}
	return sb.String()
}

// TestLinuxHelper is the script run inside the namespace: the kernel's
// socket calls on the script's lines, the peer's packets written to the tun
// device, everything the kernel sends read from it and printed (PKT hex).
func TestLinuxHelper(t *testing.T) {
	file := os.Getenv(linuxHelperEnv)
	if file == "" {
		t.Skip("run by TestLinuxAgreesWithTheEngine inside a network namespace")
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(filepath.Base(file), string(src))
	if err != nil {
		t.Fatal(err)
	}
	tun, err := openTun("tun0")
	if err != nil {
		t.Fatal(err)
	}
	defer tun.Close()
	for _, args := range [][]string{
		{"link", "set", "lo", "up"},
		{"link", "set", "tun0", "up"},
		{"addr", "add", "192.168.0.1/16", "dev", "tun0"},
		{"route", "add", "192.0.2.0/24", "dev", "tun0"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v: %s", args, err, out)
		}
	}
	// The engine models tcp_rmem's maximum before Linux 6.8 raised it to
	// 32 MiB (window scale 7, as tcp.DefaultConfig; core/tcp/README.md).
	if err := os.WriteFile("/proc/sys/net/ipv4/tcp_rmem", []byte("4096 131072 6291456"), 0o644); err != nil {
		t.Fatal(err)
	}
	k := &kernelRun{t: t, tun: tun, fds: map[int64]int{}, start: time.Now(), packets: make(chan tunPacket, 1024), peerPort: 40001}
	go k.read()
	for i := range s.Events {
		if err := k.event(&s.Events[i]); err != nil {
			t.Fatalf("%s:%d: %v", s.File, s.Events[i].Line, err)
		}
	}
	k.collect(k.since() + 300*time.Millisecond)
	for _, fd := range k.fds {
		syscall.Close(fd)
	}
	for _, p := range k.seen {
		fmt.Printf("PKT %s\n", hex.EncodeToString(p.b))
	}
	if k.late {
		fmt.Println("LATE")
	}
}

type tunPacket struct {
	at time.Duration
	b  []byte
}

type kernelRun struct {
	t        *testing.T
	tun      *os.File
	fds      map[int64]int
	start    time.Time
	last     time.Duration
	packets  chan tunPacket
	seen     []tunPacket // every packet the kernel sent, in order
	pending  []tunPacket // not yet matched by an outbound line
	iss      uint32
	port     uint16
	tsVal    uint32
	late     bool
	peerPort uint16 // the engine's runner's: 40001 for seed 1, the script's port after connect
	testFD   int    // packetdrill's socket under test: the last socket or accept
}

func (k *kernelRun) since() time.Duration { return time.Since(k.start) }

func (k *kernelRun) read() {
	buf := make([]byte, 65536)
	for {
		n, err := k.tun.Read(buf)
		if err != nil {
			close(k.packets)
			return
		}
		k.packets <- tunPacket{k.since(), append([]byte(nil), buf[:n]...)}
	}
}

// collect takes what the kernel sent until the deadline (or one packet,
// when one is enough and already there).
func (k *kernelRun) collect(until time.Duration) {
	timer := time.NewTimer(max(until-k.since(), 0))
	defer timer.Stop()
	for {
		select {
		case p, ok := <-k.packets:
			if !ok {
				return
			}
			k.note(p)
		case <-timer.C:
			return
		}
	}
}

func (k *kernelRun) note(p tunPacket) {
	if !fromStack(p.b) {
		return // IPv6 router solicitations and the like
	}
	k.seen = append(k.seen, p)
	k.pending = append(k.pending, p)
	seg, _ := wire.Decode(p.b)
	if seg.TCP.Flags&wire.SYN != 0 {
		k.iss, k.port = seg.TCP.Seq, seg.TCP.SrcPort
	}
	for _, o := range rawOptions(p.b) {
		if o.Kind == OptTimestamp {
			k.tsVal = o.TSVal
		}
	}
}

// due is when an event is to happen; the run is late when it is over 20 ms
// past that.
func (k *kernelRun) due(ev *Event) time.Duration {
	switch ev.When.Kind {
	case Relative, RelativeRange:
		return k.last + ev.When.At
	case AnyTime:
		return k.since()
	}
	return ev.When.At
}

func (k *kernelRun) event(ev *Event) error {
	at := k.due(ev)
	if p := ev.Packet; p != nil && p.Out {
		// Wait for the segments the line expects (by size), up to a second late.
		want := max(p.Len, 1)
		got := 0
		deadline := at + time.Second
		for got < want && k.since() < deadline {
			if len(k.pending) == 0 {
				k.collectOne(deadline)
				continue
			}
			q := k.pending[0]
			k.pending = k.pending[1:]
			seg, _ := wire.Decode(q.b)
			got += max(len(seg.TCP.Payload), 1)
			k.last = q.at
		}
		if got < want {
			return errors.New("Linux sent nothing for this line")
		}
		return nil
	}
	k.collect(at)
	if now := k.since(); now > at+20*time.Millisecond {
		k.late = true
	}
	k.last = at
	switch {
	case ev.Packet != nil:
		return k.inbound(ev.Packet)
	case ev.Call != nil:
		return k.call(ev.Call)
	case ev.Code != nil:
		info, err := kernelInfo(k.testFD)
		if err != nil {
			return err
		}
		if msg := failedAssert(ev.Code, info); msg != "" {
			return errors.New("Linux: " + msg)
		}
		return nil
	}
	return nil // defaults.sh: a fresh namespace has the stock sysctls
}

func (k *kernelRun) collectOne(deadline time.Duration) {
	timer := time.NewTimer(max(deadline-k.since(), 0))
	defer timer.Stop()
	select {
	case p, ok := <-k.packets:
		if ok {
			k.note(p)
		}
	case <-timer.C:
	}
}

func (k *kernelRun) inbound(p *Packet) error {
	var flags byte
	for _, c := range p.Flags {
		flags |= map[rune]byte{'S': byte(wire.SYN), 'F': byte(wire.FIN), 'R': byte(wire.RST), 'P': byte(wire.PSH), '.': byte(wire.ACK)}[c]
	}
	ack := uint32(0)
	if p.HasAck {
		ack = p.Ack + k.iss
	}
	win := p.Win
	if !p.HasWin {
		win = 65535
	}
	opts := make([]Option, len(p.Options))
	for i, o := range p.Options {
		if o.Kind == OptTimestamp && k.tsVal != 0 {
			o.TSEcr = k.tsVal
		}
		if o.Kind == OptSACK { // SACK blocks name our data: relative to our ISN
			blocks := slices.Clone(o.Blocks)
			for j := range blocks {
				blocks[j][0] += k.iss
				blocks[j][1] += k.iss
			}
			o.Blocks = blocks
		}
		opts[i] = o
	}
	port := k.port
	if port == 0 {
		port = scriptPort
	}
	_, err := k.tun.Write(encodeInbound(k.peerPort, port, p.Seq, ack, flags, win, opts, p.Len))
	return err
}

func (k *kernelRun) arg(e Expr) (int, error) {
	switch e.Kind {
	case ExprInt:
		return int(e.Int), nil
	case ExprEllipsis:
		return 0, nil
	case ExprArray:
		if len(e.Elems) == 1 {
			return k.arg(e.Elems[0])
		}
	case ExprName:
		v := 0
		names := []Expr{e}
		if e.Name == "|" {
			names = e.Or
		}
		for _, n := range names {
			c, ok := script.LookupConstant(n.Name)
			if !ok {
				return 0, errors.New("unknown constant " + n.Name)
			}
			v |= int(c.Value)
		}
		return v, nil
	}
	return 0, errors.New("argument form not supported here")
}

// call makes the script's socket call on the kernel and checks its result.
func (k *kernelRun) call(c *Call) error {
	a := make([]int, len(c.Args))
	for i, e := range c.Args {
		v, err := k.arg(e)
		if err != nil {
			return err
		}
		a[i] = v
	}
	fd := func() int { return k.fds[int64(a[0])] }
	var ret int
	var err error
	switch c.Name {
	case "socket":
		ret, err = syscall.Socket(syscall.AF_INET, a[1], a[2])
		if err == nil && a[1] == syscall.SOCK_STREAM {
			// A namespace inherits the host's default congestion control
			// (this machine's is bbr) and may not set another; Linux's
			// stock default is cubic, as the engine's. Accepted sockets
			// inherit the listener's.
			err = syscall.SetsockoptString(ret, syscall.IPPROTO_TCP, syscall.TCP_CONGESTION, "cubic")
		}
		if err == nil {
			k.fds[c.Ret], k.testFD = ret, ret
			ret = int(c.Ret)
		}
	case "setsockopt":
		err = syscall.SetsockoptInt(fd(), a[1], a[2], a[3])
	case "bind":
		err = syscall.Bind(fd(), &syscall.SockaddrInet4{Port: scriptPort, Addr: LocalAddr.As4()})
	case "listen":
		err = syscall.Listen(fd(), a[1])
	case "connect":
		k.peerPort = scriptPort
		err = syscall.Connect(fd(), &syscall.SockaddrInet4{Port: scriptPort, Addr: RemoteAddr.As4()})
	case "accept":
		var nfd int
		nfd, _, err = syscall.Accept(fd())
		if err == nil {
			k.fds[c.Ret], k.testFD = nfd, nfd
			ret = int(c.Ret)
		}
	case "write":
		ret, err = syscall.Write(fd(), make([]byte, a[2]))
	case "read":
		ret, err = syscall.Read(fd(), make([]byte, a[2]))
	case "shutdown":
		err = syscall.Shutdown(fd(), a[1])
	case "close":
		err = syscall.Close(fd())
		delete(k.fds, int64(a[0]))
	default:
		return errors.New("call " + c.Name + " is not run against Linux")
	}
	if err != nil {
		if c.Errno != "" && strings.Contains(c.Errno, errnoName(err)) {
			return nil
		}
		return fmt.Errorf("%s: %v", c.Name, err)
	}
	if int64(ret) != c.Ret {
		return fmt.Errorf("%s returned %d, the script says %d", c.Name, ret, c.Ret)
	}
	return nil
}

func errnoName(err error) string {
	var e syscall.Errno
	if errors.As(err, &e) && e == syscall.EINPROGRESS {
		return "EINPROGRESS"
	}
	return err.Error()
}

// openTun creates the tun device packetdrill uses: IP packets, no header.
func openTun(name string) (*os.File, error) {
	fd, err := syscall.Open("/dev/net/tun", syscall.O_RDWR|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	var ifr [40]byte
	copy(ifr[:16], name)
	*(*uint16)(unsafe.Pointer(&ifr[16])) = syscall.IFF_TUN | syscall.IFF_NO_PI
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TUNSETIFF, uintptr(unsafe.Pointer(&ifr[0]))); errno != 0 {
		syscall.Close(fd)
		return nil, errno
	}
	return os.NewFile(uintptr(fd), "/dev/net/tun"), nil
}

// kernelInfo reads the socket's struct tcp_info (getsockopt TCP_INFO) into
// the engine's tcp.Info, field by field at Linux's offsets.
func kernelInfo(fd int) (tcp.Info, error) {
	var b [232]byte
	n := uint32(len(b))
	if _, _, e := syscall.Syscall6(syscall.SYS_GETSOCKOPT, uintptr(fd), syscall.IPPROTO_TCP, syscall.TCP_INFO,
		uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&n)), 0); e != 0 {
		return tcp.Info{}, e
	}
	u32 := func(off int) uint32 { return binary.NativeEndian.Uint32(b[off:]) }
	return tcp.Info{
		State: b[0], CAState: tcp.CAState(b[1]), Probes: int(b[3]), Backoff: int(b[4]), Options: b[5] & (tcp.InfoOptTimestamps | tcp.InfoOptSACK | tcp.InfoOptWScale),
		RTO: int64(u32(8)), SndMSS: int(u32(16)), RcvMSS: int(u32(20)),
		Unacked: int(u32(24)), Sacked: int(u32(28)), Lost: int(u32(32)),
		LastDataRecv: int64(u32(52)), RTT: int64(u32(68)), RTTVar: int64(u32(72)),
		SndSsthresh: u32(76), SndCwnd: u32(80), AdvMSS: int(u32(84)), Reordering: int(u32(88)),
		TotalRetrans: int(u32(100)), BytesRecv: binary.NativeEndian.Uint64(b[128:]),
	}, nil
}
