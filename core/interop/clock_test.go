package interop

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestVirtualClockRunsTimersInDeadlineThenArmingOrder(t *testing.T) {
	c := newVirtualClock()
	var fired []string
	var seen []time.Duration
	record := func(name string) func() {
		return func() { fired = append(fired, name); seen = append(seen, c.Elapsed()) }
	}
	c.AfterFunc(20*time.Millisecond, record("late"))
	c.AfterFunc(10*time.Millisecond, record("first"))
	c.AfterFunc(10*time.Millisecond, record("second"))
	stopped := c.AfterFunc(5*time.Millisecond, record("stopped"))
	assert.True(t, stopped.Stop())
	assert.False(t, stopped.Stop())

	next, ok := c.NextDeadline()
	assert.True(t, ok)
	assert.Equal(t, 10*time.Millisecond, next)

	c.AdvanceTo(15 * time.Millisecond)
	assert.Equal(t, []string{"first", "second"}, fired)
	assert.Equal(t, []time.Duration{10 * time.Millisecond, 10 * time.Millisecond}, seen)
	assert.Equal(t, 15*time.Millisecond, c.Elapsed())

	c.AdvanceTo(time.Second)
	assert.Equal(t, []string{"first", "second", "late"}, fired)
	_, ok = c.NextDeadline()
	assert.False(t, ok)
}

func TestVirtualClockDefersZeroDelayTimers(t *testing.T) {
	c := newVirtualClock()
	ran := 0
	c.AfterFunc(0, func() { ran++ })
	assert.Zero(t, ran, "a zero-delay timer must not run inside AfterFunc")
	c.AdvanceTo(0)
	assert.Equal(t, 1, ran)
}

func TestVirtualClockFiresTimersArmedByCallbacks(t *testing.T) {
	c := newVirtualClock()
	var at []time.Duration
	var tick func()
	tick = func() {
		at = append(at, c.Elapsed())
		if len(at) < 3 {
			c.AfterFunc(time.Second, tick)
		}
	}
	c.AfterFunc(time.Second, tick)
	c.AdvanceTo(10 * time.Second)
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}, at)
}

func TestVirtualClockResetRearms(t *testing.T) {
	c := newVirtualClock()
	ran := 0
	timer := c.AfterFunc(time.Second, func() { ran++ })
	c.AdvanceTo(500 * time.Millisecond)
	timer.Reset(time.Second) // now due at 1.5 s
	c.AdvanceTo(1200 * time.Millisecond)
	assert.Zero(t, ran)
	c.AdvanceTo(1500 * time.Millisecond)
	assert.Equal(t, 1, ran)
}
