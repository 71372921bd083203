// Package analysis is sockplay's answer to Wireshark's TCP analysis, read
// from the engine's trace rather than guessed from a capture: expert tags
// on every segment (retransmission and its kind, duplicate ACK #n, zero
// window, probes, keep-alives, out-of-order arrival, loss), conversations
// and the byte streams of each connection.
//
// Every tag comes from what the engine recorded: why the sender sent the
// segment (tcp.Cause), its congestion state as it left (trace.TCPState),
// and what the network did with the packet (delivered, dropped, reordered).
// Wireshark can only infer these from the bytes; its heuristics mislabel
// retransmissions as out-of-order and the reverse (its issues #13843 and
// #15993), and it cannot see cwnd at all.
//
// The package is pure and deterministic: the same trace gives the same
// analysis, natively and in wasm.
package analysis
