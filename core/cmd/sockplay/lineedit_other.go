//go:build !linux

package main

import (
	"errors"
	"io"
	"os"
)

// Off Linux the REPL reads plain lines; these keep the build whole.
type lineEditor struct{}

func newLineEditor(*os.File, io.Writer) (*lineEditor, error) {
	return nil, errors.New("line editing needs a Linux terminal")
}

func (*lineEditor) restore() {}

func (*lineEditor) readLine(string, func(string, int) (int, []string)) (string, bool) {
	return "", false
}
