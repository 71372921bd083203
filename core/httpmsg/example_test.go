package httpmsg_test

import (
	"fmt"
	"strings"

	"github.com/sockplay/sockplay/core/httpmsg"
)

// The engine feeds each segment's payload and labels the segment with the
// messages it completed or, failing that, the progress of the one in flight.
func ExampleParser_Progress() {
	p := httpmsg.NewResponseParser(httpmsg.Limits{})
	segments := []string{
		"HTTP/1.1 200 OK\r\nContent-Len",
		"gth: 3000\r\n\r\n" + strings.Repeat("a", 1000),
		strings.Repeat("b", 1000),
		strings.Repeat("c", 1000) + "HTTP/1.1 204 No Content\r\n\r\n",
	}
	for _, s := range segments {
		msgs, err := p.Feed([]byte(s))
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, m := range msgs {
			fmt.Printf("done: %s [%d, %d)\n", m.StartLine(), m.Start, m.End)
		}
		if label := p.Progress().Label(); label != "" {
			fmt.Println("in flight:", label)
		}
	}
	// Output:
	// in flight: HTTP/1.1 200 OK (partial head)
	// in flight: HTTP/1.1 200 OK (1000/3000 bytes of body)
	// in flight: HTTP/1.1 200 OK (2000/3000 bytes of body)
	// done: HTTP/1.1 200 OK [0, 3041)
	// done: HTTP/1.1 204 No Content [3041, 3068)
}
