package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBriefStateKeepsListenersAndTheBusySocketsFirst(t *testing.T) {
	listener := SocketState{FD: 3, State: "LISTEN", Listener: -1, Queues: &ListenQueues{}}
	var sockets []SocketState
	for range 5 {
		sockets = append(sockets, SocketState{FD: -1, State: "TIME-WAIT", Listener: 3})
	}
	sockets = append(sockets, listener, SocketState{FD: 4, State: "ESTABLISHED", Listener: 3}, SocketState{FD: 5, State: "SYN-SENT", Listener: -1})
	st := State{Hosts: []HostState{{Name: "server", Sockets: sockets}, {Name: "client", Sockets: sockets[:2]}}}
	brief := st.Brief(2)
	assert.Equal(t, []SocketState{sockets[0], listener, sockets[6], sockets[7]}, brief.Hosts[0].Sockets,
		"the listener, the ESTABLISHED connection before any TIME-WAIT one, the socket of no listener; in their order")
	assert.Equal(t, []SocketCount{{Listener: 3, State: "TIME-WAIT", N: 4}}, brief.Hosts[0].More)
	assert.Equal(t, st.Hosts[1], brief.Hosts[1], "a host with few sockets is untouched")
	assert.Len(t, st.Hosts[0].Sockets, 8, "the state briefed is not changed")
}
