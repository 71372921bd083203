package notebook

// digestLen is how many hex digits a digest has: 48 bits of FNV-1a, enough
// to notice that a transcript changed (it is not a defence against
// forgery; nothing depends on it being hard to forge).
const digestLen = 12

// Digest is the digest of a cell's transcript: FNV-1a 64 (hash/fnv's
// algorithm, inlined: the hash.Hash interface costs the wasm more than
// the loop) cut to digestLen hex digits.
func Digest(transcript string) string {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(transcript); i++ {
		h ^= uint64(transcript[i])
		h *= prime
	}
	const hex = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = hex[h&15]
		h >>= 4
	}
	return string(b[:digestLen])
}

func isDigest(s string) bool {
	if len(s) != digestLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}
