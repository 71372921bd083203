package wire

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPcapRoundTrip(t *testing.T) {
	recs := captureCorpus()
	recs = append(recs, Record{Time: 49*time.Hour + 999999*time.Microsecond, Data: []byte{0x45}})
	var buf bytes.Buffer
	require.NoError(t, WritePcap(&buf, recs))
	got, err := ReadPcap(&buf)
	require.NoError(t, err)
	assert.Equal(t, recs, got)
}

func TestPcapLayout(t *testing.T) {
	var buf bytes.Buffer
	data := []byte{0x45, 0, 0, 20}
	require.NoError(t, WritePcap(&buf, []Record{{Time: 3*time.Second + 1500*time.Microsecond + 999*time.Nanosecond, Data: data}}))
	want := unhex(t, `
		d4c3b2a1 0200 0400 00000000 00000000 00000400 65000000
		03000000 dc050000 04000000 04000000 45000014`)
	assert.Equal(t, want, buf.Bytes(), "little-endian, microseconds (truncated), snaplen 262144, LINKTYPE_RAW")
}

func TestEncodePcapIsWhatWritePcapWrites(t *testing.T) {
	recs := captureCorpus()
	var buf bytes.Buffer
	require.NoError(t, WritePcap(&buf, recs))
	b, err := EncodePcap(recs)
	require.NoError(t, err)
	assert.Equal(t, buf.Bytes(), b)

	b, err = EncodePcap([]Record{{Data: []byte{1}}, {Time: -1, Data: []byte{1}}})
	assert.Error(t, err)
	assert.Nil(t, b, "nothing on error")
}

func TestPcapReadsOtherByteOrderAndNanoseconds(t *testing.T) {
	var b []byte
	b = binary.BigEndian.AppendUint32(b, pcapMagicNano)
	b = binary.BigEndian.AppendUint16(b, 2)
	b = binary.BigEndian.AppendUint16(b, 4)
	b = append(b, make([]byte, 8)...)
	b = binary.BigEndian.AppendUint32(b, 65535)
	b = binary.BigEndian.AppendUint32(b, LinkTypeRaw)
	b = binary.BigEndian.AppendUint32(b, 7)
	b = binary.BigEndian.AppendUint32(b, 123)
	b = binary.BigEndian.AppendUint32(b, 2)
	b = binary.BigEndian.AppendUint32(b, 40) // the packet was longer than captured
	b = append(b, 0x45, 0x00)
	recs, err := ReadPcap(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, []Record{{Time: 7*time.Second + 123, Data: []byte{0x45, 0}}}, recs)
}

func TestPcapErrors(t *testing.T) {
	var buf bytes.Buffer
	assert.Error(t, WritePcap(&buf, []Record{{Time: -1, Data: []byte{1}}}))
	assert.Error(t, WritePcap(&buf, []Record{{Data: make([]byte, PcapSnapLen+1)}}))
	assert.Error(t, WritePcap(&buf, []Record{{Time: 1 << 62, Data: []byte{1}}}))

	var good bytes.Buffer
	require.NoError(t, WritePcap(&good, []Record{{Time: time.Second, Data: []byte{1, 2, 3}}}))
	file := good.Bytes()
	for name, b := range map[string][]byte{
		"empty":             nil,
		"short header":      file[:23],
		"bad magic":         append([]byte{1, 2, 3, 4}, file[4:]...),
		"version 3":         append(append(append([]byte(nil), file[:4]...), 3, 0), file[6:]...),
		"ethernet":          append(append(append([]byte(nil), file[:20]...), 1, 0, 0, 0), file[24:]...),
		"short record head": file[:30],
		"short record data": file[:len(file)-1],
	} {
		_, err := ReadPcap(bytes.NewReader(b))
		assert.Error(t, err, name)
	}
}

func FuzzReadPcap(f *testing.F) {
	var buf bytes.Buffer
	if err := WritePcap(&buf, captureCorpus()[:3]); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, err := ReadPcap(bytes.NewReader(b))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if WritePcap(&out, recs) == nil {
			again, err := ReadPcap(&out)
			require.NoError(t, err)
			for i := range recs {
				recs[i].Time = recs[i].Time.Truncate(time.Microsecond) // the file may have had nanoseconds
			}
			assert.Equal(t, recs, again)
		}
	})
}
