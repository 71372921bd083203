// Command pack shrinks a WebAssembly module built by Go for the network:
// it merges the data segments Go's linker splits at every run of zeros,
// which gzips much smaller (about 115 KB less for sockplay.wasm).
//
//	go run ./scripts/wasmpack dist/sockplay.wasm
//
// rewrites the file in place.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pack file.wasm")
		os.Exit(2)
	}
	name := os.Args[1]
	module, err := os.ReadFile(name)
	if err == nil {
		var packed []byte
		if packed, err = pack(module); err == nil {
			err = os.WriteFile(name, packed, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pack:", name+":", err)
		os.Exit(1)
	}
}
