package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestDescribePanicIsFmtsV(t *testing.T) {
	var index []int
	runtimeErr := func() (p any) {
		defer func() { p = recover() }()
		_ = index[3]
		return nil
	}()
	for _, p := range []any{"boom", errors.New("bad"), runtimeErr, 42, int64(-7), int32(3), uint(9), uint64(1 << 63), uint32(5),
		2.5, 1e21, true, 3 * time.Second} {
		assert.Equal(t, fmt.Sprint(p), describePanic(p), "%T", p)
	}
	assert.Equal(t, "a panic value of an unexpected type", describePanic(struct{}{}))
}

func TestPanicErrorKeepsErrors(t *testing.T) {
	err := errors.New("thrown")
	assert.Same(t, err, panicError(err))
	assert.EqualError(t, panicError("boom"), "boom")
}

func TestStackNamesTheCaller(t *testing.T) {
	s := string(stack())
	assert.True(t, strings.HasPrefix(s, "goroutine "), s)
	assert.Contains(t, s, "TestStackNamesTheCaller")
}
