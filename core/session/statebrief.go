package session

// BriefSockets is how many of a listener's connections, and of a host's
// other sockets, a brief state carries one by one: what the page's socket
// panel lists as rows. A crowd leaves thousands of sockets behind, and the
// page read them all after every line (1 MB of state for 1,000 clients).
const BriefSockets = 12

// SocketCount is how many sockets a brief state left out, by the listener
// they came through (-1: none) and state.
type SocketCount struct {
	Listener int    `json:"listener"`
	State    string `json:"state"`
	N        int    `json:"n"`
}

// Brief is the state with at most n sockets per group (a listener's
// connections, or the host's other sockets) and the rest counted in each
// host's More. Listeners are always kept, and in a group the sockets not
// in TIME-WAIT come first: they are the ones still doing something.
func (st State) Brief(n int) State {
	hosts := append([]HostState(nil), st.Hosts...) // a copy; nil stays nil
	for i := range hosts {
		hosts[i] = hosts[i].brief(n)
	}
	st.Hosts = hosts
	return st
}

func (h HostState) brief(n int) HostState {
	if len(h.Sockets) <= n {
		return h
	}
	kept := map[int]int{} // by group
	keep := make([]bool, len(h.Sockets))
	for pass := range 2 { // the other states first, then TIME-WAIT
		for i := range h.Sockets {
			s := &h.Sockets[i]
			switch {
			case s.Queues != nil:
				keep[i] = true
			case (s.State == "TIME-WAIT") == (pass == 1) && kept[s.Listener] < n:
				keep[i] = true
				kept[s.Listener]++
			}
		}
	}
	all := h.Sockets
	h.Sockets = nil
	for i := range all {
		if keep[i] {
			h.Sockets = append(h.Sockets, all[i])
		} else {
			h.count(all[i].Listener, all[i].State)
		}
	}
	return h
}

// count adds a socket left out to More.
func (h *HostState) count(listener int, state string) {
	for k := range h.More {
		if m := &h.More[k]; m.Listener == listener && m.State == state {
			m.N++
			return
		}
	}
	h.More = append(h.More, SocketCount{Listener: listener, State: state, N: 1})
}
