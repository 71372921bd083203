package text

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAppendBase64MatchesEncodingBase64(t *testing.T) {
	src := make([]byte, 0, 300)
	for n := 0; n < 300; n++ {
		assert.Equal(t, base64.StdEncoding.EncodeToString(src), string(AppendBase64(nil, src)), "%d bytes", n)
		src = append(src, byte(n*7+n>>3))
	}
	assert.Equal(t, "x:AQI=", string(AppendBase64([]byte("x:"), []byte{1, 2})), "appends")
}

func TestBase64Index(t *testing.T) {
	for i := 0; i < 64; i++ {
		assert.Equal(t, i, Base64Index(base64Alphabet[i]))
	}
	for _, c := range []byte("=-_ \n\x00\xff.") {
		assert.Equal(t, -1, Base64Index(c), "%q", c)
	}
}

func FuzzAppendBase64(f *testing.F) {
	f.Add([]byte("any bytes"))
	f.Fuzz(func(t *testing.T, b []byte) {
		assert.Equal(t, base64.StdEncoding.EncodeToString(b), string(AppendBase64(nil, b)))
	})
}
