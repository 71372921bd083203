package errno

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNamesAndMessages(t *testing.T) {
	assert.Equal(t, "ECONNREFUSED (Connection refused)", ECONNREFUSED.Error())
	assert.Equal(t, "EINPROGRESS", EINPROGRESS.Name())
	assert.Equal(t, "OK", OK.Name())
	assert.Equal(t, "Success", OK.Message())
	for _, e := range []Errno{-1, 3, 116, 1000} {
		assert.Equal(t, "E"+strconv.Itoa(int(e)), e.Name())
		assert.Equal(t, "Unknown error "+strconv.Itoa(int(e)), e.Message())
	}
}

func TestByNameFindsEveryNamedErrno(t *testing.T) {
	named := 0
	for e := Errno(1); e < 200; e++ {
		if name := e.Name(); name != "E"+strconv.Itoa(int(e)) {
			named++
			got, ok := ByName(name)
			assert.True(t, ok, name)
			assert.Equal(t, e, got, name)
		}
	}
	assert.Greater(t, named, 30)
	got, ok := ByName("EWOULDBLOCK")
	assert.True(t, ok)
	assert.Equal(t, EAGAIN, got)
	for _, name := range []string{"", "E3", "ENOPE"} {
		_, ok := ByName(name)
		assert.False(t, ok, name)
	}
}
