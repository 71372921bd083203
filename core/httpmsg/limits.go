package httpmsg

// Default limits. net/http's server allows 1 MiB of header; a playground
// message is typed by hand, so smaller bounds keep memory and labels sane.
const (
	DefaultMaxLineBytes    = 8 << 10  // one start or field line, without its line ending
	DefaultMaxHeaderBytes  = 64 << 10 // a whole head (or trailer section), line endings included
	DefaultMaxHeaderFields = 100
	DefaultMaxBodyBytes    = 4 << 20
	// maxChunkLineBytes bounds a chunk-size line without CRLF, as net/http's
	// 4 KiB bufio buffer does.
	maxChunkLineBytes = 4094
)

// Limits bound what a Parser accepts; zero fields take the defaults.
type Limits struct {
	MaxLineBytes    int
	MaxHeaderBytes  int
	MaxHeaderFields int
	MaxBodyBytes    int64
}

func (l Limits) withDefaults() Limits {
	if l.MaxLineBytes <= 0 {
		l.MaxLineBytes = DefaultMaxLineBytes
	}
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if l.MaxHeaderFields <= 0 {
		l.MaxHeaderFields = DefaultMaxHeaderFields
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = DefaultMaxBodyBytes
	}
	return l
}
