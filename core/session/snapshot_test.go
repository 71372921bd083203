package session

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/examples"
)

// lossy is a script that keeps packets in flight across lines, loses,
// duplicates, reorders and corrupts some, and leaves connections in
// TIME-WAIT and listeners with queued children: the state a clone has
// to carry besides the plain one.
const lossy = `net> latency 30ms
net> loss 0.2
net> duplicate 0.2
net> reorder 0.3
server> s = socket(AF_INET, SOCK_STREAM)
server> bind(s, 0.0.0.0:80)
server> listen(s, 2)
client> c = socket(AF_INET, SOCK_STREAM)
client> connect(c, server:80)
net> step
net> run
server> a = accept(s)
client> send(c, "hello world, a little more than nothing")
net> step
net> corrupt 1
net> run 200ms
client> u = socket(AF_INET, SOCK_DGRAM)
client> sendto(u, "ping", server:53)
client> d = socket(AF_INET, SOCK_STREAM)
client> connect(d, server:80)
net> step
server> send(a, "the reply")
client> close(c)
net> run 50ms
server> recv(a, 100)
net> run
server> close(a)
net> run
`

// scripts are the property's cases: the examples and lossy.
func scripts() map[string]string {
	out := map[string]string{"lossy": lossy}
	for _, ex := range examples.All() {
		out[ex.Name] = ex.Script
	}
	return out
}

func lines(script string) []string {
	var out []string
	for _, l := range strings.Split(script, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestCloneGoesOnAsAFreshReplay is the snapshot's property: for every
// script and every point in it where a clone is possible, the clone run
// on to the end gives the outputs, trace, capture and state a fresh
// session gives, and so do a clone of the clone and the original, run on
// after they were cloned (the runs are interleaved line by line, so
// anything shared would show). The points include hosts blocked in a
// socket call and HTTP servers and clients at work (the HTTP and
// WebSocket examples).
func TestCloneGoesOnAsAFreshReplay(t *testing.T) {
	cloned, blocked, apps := 0, 0, 0
	for name, script := range scripts() {
		ls := lines(script)
		fresh := New(1)
		var want []Output
		for _, l := range ls {
			want = append(want, fresh.Exec(l))
		}
		for cut := 0; cut <= len(ls); cut++ {
			orig := New(1)
			for _, l := range ls[:cut] {
				orig.Exec(l)
			}
			copied, ok := orig.Clone()
			if !ok {
				continue
			}
			again, ok := copied.Clone()
			require.True(t, ok, "%s: a clone after line %d cannot be cloned", name, cut)
			cloned++
			for _, h := range orig.st.w.Hosts() {
				if h.Pending() != nil {
					blocked++
				}
				if len(h.Apps()) > 0 {
					apps++
				}
			}
			for i, l := range ls[cut:] {
				fromCopy, fromAgain, fromOrig := copied.Exec(l), again.Exec(l), orig.Exec(l)
				require.Equal(t, want[cut+i], fromCopy, "%s: cloned after line %d, line %d %q", name, cut, cut+i+1, l)
				require.Equal(t, want[cut+i], fromAgain, "%s: cloned twice after line %d, line %d %q", name, cut, cut+i+1, l)
				require.Equal(t, want[cut+i], fromOrig, "%s: cloned after line %d, the original's line %d", name, cut, cut+i+1)
			}
			sameSession(t, fresh, copied, name)
			sameSession(t, fresh, again, name)
			sameSession(t, fresh, orig, name)
		}
	}
	t.Logf("%d clones checked, %d hosts blocked in a call and %d running apps there", cloned, blocked, apps)
	require.Greater(t, cloned, 500)
	require.Greater(t, blocked, 50)
	require.Greater(t, apps, 50)
}

func sameSession(t *testing.T, want, got *Session, name string) {
	t.Helper()
	require.Equal(t, want.Trace(0), got.Trace(0), name)
	require.Equal(t, want.State(), got.State(), name)
	require.Equal(t, want.Calls(0), got.Calls(0), name)
	require.Equal(t, want.Script(), got.Script(), name)
	for _, h := range []string{"", "client", "server"} {
		require.Equal(t, want.Pcap(h), got.Pcap(h), name)
		require.Equal(t, want.Tcpdump(h, false), got.Tcpdump(h, false), name)
	}
}

// TestCloneSharesNothingMutable walks the clone and the original with
// reflection: no pointer, map or slice of the one may be the other's,
// but for what is never changed once made (the script catalogue, logged
// events' packets and TCP states, captured bytes). A field added to the
// engine and left out of Clone shows here. The scripts leave calls
// blocked and HTTP and WebSocket apps at work, whose copies are walked too.
func TestCloneSharesNothingMutable(t *testing.T) {
	walked := 0
	all := scripts()
	for _, name := range []string{"lossy", "15-pipelining", "18-websocket-push", "19-long-polling", "21-two-clients-poll"} {
		ls := lines(all[name])
		require.NotEmpty(t, ls, name)
		for cut := range ls {
			walkClone(t, name, cut, ls[:cut], &walked)
		}
	}
	require.Greater(t, walked, 60)
}

func walkClone(t *testing.T, name string, cut int, ls []string, walked *int) {
	t.Helper()
	{
		s := New(1)
		for _, l := range ls {
			s.Exec(l)
		}
		c, ok := s.Clone()
		if !ok {
			return
		}
		*walked++
		seen := map[uintptr]string{}
		walk(reflect.ValueOf(s), "s", map[uintptr]bool{}, func(p uintptr, path string) { seen[p] = path })
		walk(reflect.ValueOf(c), "c", map[uintptr]bool{}, func(p uintptr, path string) {
			if orig, ok := seen[p]; ok {
				t.Fatalf("%s after line %d: the clone's %s is the original's %s", name, cut, path, orig)
			}
		})
	}
}

// immutable are the fields whose targets both may share.
var immutable = map[string]bool{
	"session.Session.cat": true,
	"trace.Event.Bytes":   true, "trace.Event.TCP": true, "trace.Event.Queue": true,
	"trace.slot.bytes": true, "trace.slot.tcp": true, "trace.slot.rare": true,
	"tcp.Event.TCP":    true,
	"wire.Record.Data": true,
	// A blocked send reads on from its caller's bytes and never writes them.
	"stack.sendCall.data": true,
}

// walk calls visit with the address of every pointer, map and slice
// backing array reachable from v (funcs are not followed).
func walk(v reflect.Value, path string, done map[uintptr]bool, visit func(uintptr, string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice:
		if v.IsNil() || v.Kind() == reflect.Slice && v.Cap() == 0 {
			return
		}
		p := v.Pointer()
		visit(p, path)
		if done[p] && v.Kind() != reflect.Slice {
			return
		}
		done[p] = true
		switch v.Kind() {
		case reflect.Pointer:
			walk(v.Elem(), path, done, visit)
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Value(), path+"[]", done, visit)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), path+"[]", done, visit)
			}
		}
	case reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), path, done, visit)
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), path, done, visit)
		}
	case reflect.Struct:
		ty := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := ty.Field(i)
			if immutable[ty.String()+"."+f.Name] {
				continue
			}
			walk(v.Field(i), path+"."+f.Name, done, visit)
		}
	}
}

// FuzzClone: any lines, cloned after any of them, go on in the clone as
// in a fresh session.
func FuzzClone(f *testing.F) {
	for _, script := range scripts() {
		f.Add(script, uint8(5))
	}
	f.Fuzz(func(t *testing.T, script string, at uint8) {
		ls := lines(script)
		if len(ls) > 60 {
			ls = ls[:60]
		}
		cut := int(at) % (len(ls) + 1)
		orig, fresh := New(1), New(1)
		for _, l := range ls[:cut] {
			orig.Exec(l)
			fresh.Exec(l)
		}
		copied, ok := orig.Clone()
		if !ok {
			return
		}
		for _, l := range ls[cut:] {
			want := fresh.Exec(l)
			require.Equal(t, want, copied.Exec(l), l)
		}
		require.Equal(t, fresh.Trace(0), copied.Trace(0))
	})
}
