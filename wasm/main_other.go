//go:build !(js && wasm)

// Command wasm is sockplay's engine for the browser; natively it only
// says how to build it.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm: build this for the browser: GOOS=js GOARCH=wasm go build ./wasm (or make wasm)")
	os.Exit(2)
}
