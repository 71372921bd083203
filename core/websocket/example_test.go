package websocket_test

import (
	"fmt"

	"github.com/sockplay/sockplay/core/httpmsg"
	"github.com/sockplay/sockplay/core/websocket"
)

// A server reads an upgrade request, answers 101, then reads masked frames
// that followed the request in the same segment.
func Example() {
	key := websocket.NewKey([16]byte([]byte("the sample nonce")))
	hello := websocket.NewRequest("server", "/chat", key)
	stream, _ := hello.Append(nil)
	stream, _ = websocket.AppendFrame(stream, websocket.Text("tick 3").WithMask([4]byte{1, 2, 3, 4}))

	requests := httpmsg.NewRequestParser(httpmsg.Limits{})
	msgs, _ := requests.Feed(stream)
	got, err := websocket.CheckRequest(&msgs[0])
	fmt.Println(msgs[0].StartLine(), err)
	accept := websocket.AcceptResponse(got)
	fmt.Println(accept.StartLine(), accept.Header.Get("Sec-WebSocket-Accept"))

	requests.Switch()
	frames, _, _ := websocket.NewDecoder(websocket.Client, 0).Feed(requests.Rest())
	fmt.Println(frames[0].Label())
	// Output:
	// GET /chat HTTP/1.1 <nil>
	// HTTP/1.1 101 Switching Protocols s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
	// WS text "tick 3"
}
