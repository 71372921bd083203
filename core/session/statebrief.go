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
		for i, s := range h.Sockets {
			if s.Queues != nil {
				keep[i] = true
			} else if (s.State == "TIME-WAIT") == (pass == 1) && kept[s.Listener] < n {
				keep[i] = true
				kept[s.Listener]++
			}
		}
	}
	var sockets []SocketState
	var more []SocketCount
	for i, s := range h.Sockets {
		if keep[i] {
			sockets = append(sockets, s)
			continue
		}
		k := 0
		for k < len(more) && (more[k].Listener != s.Listener || more[k].State != s.State) {
			k++
		}
		if k == len(more) {
			more = append(more, SocketCount{Listener: s.Listener, State: s.State})
		}
		more[k].N++
	}
	h.Sockets, h.More = sockets, more
	return h
}
