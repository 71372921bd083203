package wire

import (
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/sockplay/sockplay/core/internal/byteorder"
	"github.com/sockplay/sockplay/core/internal/text"
)

// Record is one captured packet: when (virtual time since the session
// started, which a pcap file stores as time since the Unix epoch) and the
// IPv4 packet's bytes.
type Record struct {
	Time time.Duration
	Data []byte
}

// Classic libpcap file format constants (draft-ietf-opsawg-pcap).
const (
	pcapMagicMicro      = 0xa1b2c3d4
	pcapMagicNano       = 0xa1b23c4d
	pcapVersionMajor    = 2
	pcapVersionMinor    = 4
	pcapFileHeaderLen   = 24
	pcapRecordHeaderLen = 16

	// LinkTypeRaw is LINKTYPE_RAW: each record is a bare IPv4 or IPv6
	// packet. tcpdump calls it DLT_RAW and prints "IP ..." lines for it.
	LinkTypeRaw = 101

	// PcapSnapLen is tcpdump's default snapshot length.
	PcapSnapLen = 262144
)

// WritePcap writes recs as a classic little-endian pcap file with
// microsecond timestamps and link type LINKTYPE_RAW.
func WritePcap(w io.Writer, recs []Record) error {
	b, err := EncodePcap(recs)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// EncodePcap is the file WritePcap writes, in memory.
func EncodePcap(recs []Record) ([]byte, error) {
	var b []byte
	b = byteorder.LittleEndian.AppendUint32(b, pcapMagicMicro)
	b = byteorder.LittleEndian.AppendUint16(b, pcapVersionMajor)
	b = byteorder.LittleEndian.AppendUint16(b, pcapVersionMinor)
	b = byteorder.LittleEndian.AppendUint32(b, 0) // thiszone: timestamps are UTC
	b = byteorder.LittleEndian.AppendUint32(b, 0) // sigfigs
	b = byteorder.LittleEndian.AppendUint32(b, PcapSnapLen)
	b = byteorder.LittleEndian.AppendUint32(b, LinkTypeRaw)
	for i, r := range recs {
		if r.Time < 0 {
			return nil, errors.New("pcap record " + strconv.Itoa(i) + ": negative time " + r.Time.String())
		}
		if len(r.Data) > PcapSnapLen {
			return nil, errors.New("pcap record " + strconv.Itoa(i) + ": " + strconv.Itoa(len(r.Data)) + " bytes exceed the snapshot length")
		}
		sec := r.Time / time.Second
		if sec > 0xffffffff {
			return nil, errors.New("pcap record " + strconv.Itoa(i) + ": time " + r.Time.String() + " does not fit a 32-bit timestamp")
		}
		usec := (r.Time % time.Second) / time.Microsecond
		b = byteorder.LittleEndian.AppendUint32(b, uint32(sec))
		b = byteorder.LittleEndian.AppendUint32(b, uint32(usec))
		b = byteorder.LittleEndian.AppendUint32(b, uint32(len(r.Data)))
		b = byteorder.LittleEndian.AppendUint32(b, uint32(len(r.Data)))
		b = append(b, r.Data...)
	}
	return b, nil
}

// ReadPcap reads a classic pcap file of LINKTYPE_RAW packets in either
// byte order, with microsecond or nanosecond timestamps. Records cut short
// by the snapshot length come back as captured.
func ReadPcap(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data) < pcapFileHeaderLen {
		return nil, errors.New("pcap: truncated file header")
	}
	var order byteorder.ByteOrder
	var tick time.Duration
	switch {
	case byteorder.LittleEndian.Uint32(data) == pcapMagicMicro:
		order, tick = byteorder.LittleEndian, time.Microsecond
	case byteorder.BigEndian.Uint32(data) == pcapMagicMicro:
		order, tick = byteorder.BigEndian, time.Microsecond
	case byteorder.LittleEndian.Uint32(data) == pcapMagicNano:
		order, tick = byteorder.LittleEndian, time.Nanosecond
	case byteorder.BigEndian.Uint32(data) == pcapMagicNano:
		order, tick = byteorder.BigEndian, time.Nanosecond
	default:
		return nil, errors.New("pcap: bad magic 0x" + text.HexPad(uint64(byteorder.BigEndian.Uint32(data)), 8))
	}
	if major := order.Uint16(data[4:]); major != pcapVersionMajor {
		return nil, errors.New("pcap: unsupported version " + strconv.FormatUint(uint64(major), 10))
	}
	if link := order.Uint32(data[20:]) & 0x0fffffff; link != LinkTypeRaw {
		return nil, errors.New("pcap: link type " + strconv.FormatUint(uint64(link), 10) + ", want " + strconv.Itoa(LinkTypeRaw) + " (LINKTYPE_RAW)")
	}
	var recs []Record
	for off := pcapFileHeaderLen; off < len(data); {
		if len(data)-off < pcapRecordHeaderLen {
			return recs, errors.New("pcap: record " + strconv.Itoa(len(recs)) + ": truncated header")
		}
		h := data[off : off+pcapRecordHeaderLen]
		sec, frac := order.Uint32(h), order.Uint32(h[4:])
		capLen := int(order.Uint32(h[8:]))
		off += pcapRecordHeaderLen
		if capLen > len(data)-off {
			return recs, errors.New("pcap: record " + strconv.Itoa(len(recs)) + ": " + strconv.Itoa(capLen) + " bytes, only " + strconv.Itoa(len(data)-off) + " left")
		}
		recs = append(recs, Record{
			Time: time.Duration(sec)*time.Second + time.Duration(frac)*tick,
			Data: clone(data[off : off+capLen]),
		})
		off += capLen
	}
	return recs, nil
}
