package tcp

// The receive window, as Linux's tcp_select_window chooses it. The window
// starts at the SYN's 64240 (rcv_ssthresh), grows by about two segments
// per segment received while the application keeps up (tcp_grow_window),
// is at most the free buffer space, is rounded up to the scale unit so it
// is not scaled away, and never moves its right edge back (RFC 9293
// 3.8.6.2.2): rounding up keeps the edge, at the cost of the queue holding
// up to a few scale units more than RecvBuffer when the application does
// not read. Everything inside the advertised window is accepted.

// initialWindow is our SYN's window, never scaled: the free space up to
// 65535, rounded down to our MSS (Linux's tcp_select_initial_window: 64240
// for 1460).
func (c *Conn) initialWindow() uint32 {
	w := min(c.freeSpace(), 65535)
	if mss := uint32(c.advMSS()); w > mss {
		w -= w % mss
	}
	return w
}

// advMSS is the MSS we announce (Linux's advmss).
func (c *Conn) advMSS() int { return clampInt(c.cfg.MSS, minMSS, maxMSS) }

// freeSpace is the receive buffer space no unread data takes (Linux's
// tcp_space).
func (c *Conn) freeSpace() uint32 {
	return uint32(max(c.recvBufferSize()-c.rcvBuf.Len(), 0))
}

// recvLimit bounds the receive queue: twice the buffer, as Linux charges
// the queue against sk_rcvbuf, twice what SO_RCVBUF asks for. Only a
// window kept open by rounding while the application does not read can
// approach it.
func (c *Conn) recvLimit() int { return 2 * c.recvBufferSize() }

// windowToAdvertise computes the window field of a segment and moves the
// right edge (RCV.NXT + RCV.WND) to what it advertises.
func (c *Conn) windowToAdvertise(syn bool) uint16 {
	if syn {
		w := c.initialWindow()
		c.rcvSsthresh, c.rcvWndAdv = w, w
		c.rcvEdge = seqMax(c.rcvEdge, c.rcvNxt+w)
		return uint16(w)
	}
	w := c.selectWindow()
	c.rcvWndAdv = w
	c.rcvEdge = c.rcvNxt + w
	return uint16(w >> c.rcvWScale)
}

// selectWindow is Linux's tcp_select_window: the window the free space
// offers, but never less than what is left of the last one, rounded up to
// the scale unit (RFC 9293 3.8.6.2.2: do not shrink the window). Only when
// the queue would outgrow recvLimit does the window close regardless
// (Linux advertises zero when it runs out of memory).
func (c *Conn) selectWindow() uint32 {
	unit := uint32(1) << c.rcvWScale
	w := c.offeredWindow()
	if cur := c.rcvWnd(); w < cur {
		w = alignUp(cur, unit)
	}
	w = min(w, 65535<<c.rcvWScale)
	if room := uint32(max(c.recvLimit()-c.rcvBuf.Len(), 0)); w > room {
		w = room - room%unit
	}
	return w
}

// offeredWindow is Linux's __tcp_select_window: the free space, limited by
// rcv_ssthresh. Receiver silly window avoidance (RFC 9293 3.8.6.2.2, as
// Linux does it): once less than half the buffer is free, a window below
// one MSS or a sixteenth of the buffer is not offered at all.
func (c *Conn) offeredWindow() uint32 {
	full := c.recvBufferSize()
	free := int(c.freeSpace())
	mss := min(c.sndMSS, full)
	unit := 1 << c.rcvWScale
	if free < full/2 {
		free -= free % unit
		if free < full/16 || free < mss {
			return 0
		}
	}
	free = min(free, int(c.rcvSsthresh))
	if c.rcvWScale > 0 {
		return alignUp(uint32(free), uint32(unit))
	}
	// Unscaled, Linux offers a multiple of the MSS and keeps the last
	// window while it is within one MSS of the free space.
	w := int(c.rcvWndAdv)
	switch {
	case w <= free-mss || w > free:
		return uint32(free - free%mss)
	case mss == full && free > w+full/2:
		return uint32(free)
	}
	return uint32(w)
}

// growWindow is Linux's tcp_grow_window, after n bytes of data were
// queued: while the free space exceeds rcv_ssthresh (the application keeps
// up), rcv_ssthresh grows by max(2·advmss, 2·n), up to the buffer.
func (c *Conn) growWindow(n int) {
	room := int(min(uint32(c.recvBufferSize()), c.freeSpace())) - int(c.rcvSsthresh)
	if room <= 0 {
		return
	}
	c.rcvSsthresh += uint32(min(room, max(2*c.advMSS(), 2*n)))
}

// maybeWindowUpdate sends a window update after the application read, when
// it matters: the window left is at most half the buffer and the one we
// would offer is at least twice as large (Linux's tcp_cleanup_rbuf), which
// reopens a closed window promptly.
func (c *Conn) maybeWindowUpdate() {
	switch c.state {
	case Established, FinWait1, FinWait2:
	default:
		return
	}
	cur := uint64(c.rcvWnd())
	if 2*cur > uint64(c.recvBufferSize()) {
		return
	}
	if w := uint64(c.offeredWindow()); w != 0 && w >= 2*cur {
		c.owe(CauseWindowUpdate)
	}
}

// alignUp rounds v up to a multiple of unit (a power of two).
func alignUp(v, unit uint32) uint32 {
	return uint32((uint64(v) + uint64(unit) - 1) &^ (uint64(unit) - 1))
}
