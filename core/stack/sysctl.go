package stack

import (
	"errors"
	"strconv"
)

// sysctls are the kernel settings of one host that shape its listen
// queues, named and bounded as sysctl(8) and the kernel name them.
type sysctls struct {
	somaxconn     int // net.core.somaxconn: listen's backlog is capped here
	maxSynBacklog int // net.ipv4.tcp_max_syn_backlog
	// net.ipv4.tcp_syncookies: 0 never, 2 for every SYN, any other value
	// when the SYN queue is full (tcp_conn_request).
	synCookies int
	// net.ipv4.tcp_abort_on_overflow: not 0 resets a handshake whose
	// final ACK finds the accept queue full instead of dropping the ACK.
	abortOnOverflow int
}

// defaultSysctls are a fresh Linux 6.x network namespace's values (the
// SYN backlog is max(128, established-hash size / 128), 2048 on a
// machine of a few GB), but for tcp_syncookies: Linux starts with 1,
// sockplay with 0, so that a full SYN queue drops SYNs where a learner
// sees it.
var defaultSysctls = sysctls{somaxconn: 4096, maxSynBacklog: 2048}

// sysctlVar is one setting: its full name, its bounds (the kernel's
// extra1/extra2; writing outside them fails with EINVAL) and its field.
type sysctlVar struct {
	name     string
	min, max int
	field    func(*sysctls) *int
}

var sysctlVars = [...]sysctlVar{
	{"net.core.somaxconn", 0, 1<<31 - 1, func(s *sysctls) *int { return &s.somaxconn }},
	// proc_dointvec: any int, a negative one drops every SYN without cookies.
	{"net.ipv4.tcp_max_syn_backlog", -1 << 31, 1<<31 - 1, func(s *sysctls) *int { return &s.maxSynBacklog }},
	// proc_dou8vec_minmax without bounds: a u8.
	{"net.ipv4.tcp_syncookies", 0, 255, func(s *sysctls) *int { return &s.synCookies }},
	{"net.ipv4.tcp_abort_on_overflow", 0, 255, func(s *sysctls) *int { return &s.abortOnOverflow }},
}

// SysctlNames lists the settings a host has, by their full names.
func SysctlNames() []string {
	names := make([]string, len(sysctlVars))
	for i, v := range sysctlVars {
		names[i] = v.name
	}
	return names
}

// lookupSysctl finds a setting by its full name or by its last part
// (tcp_max_syn_backlog).
func lookupSysctl(name string) (*sysctlVar, bool) {
	for i := range sysctlVars {
		v := &sysctlVars[i]
		if v.name == name || v.name[lastDot(v.name)+1:] == name {
			return v, true
		}
	}
	return nil, false
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// CheckSysctl says whether a setting exists and, when set, whether value
// is within its bounds, failing as sysctl(8) does; it returns the full name.
func CheckSysctl(name string, value int64, set bool) (full string, err error) {
	v, ok := lookupSysctl(name)
	if !ok {
		return "", errors.New("sysctl: cannot stat /proc/sys/" + slashes(name) + ": No such file or directory")
	}
	if set && (value < int64(v.min) || value > int64(v.max)) {
		return v.name, errors.New("sysctl: setting key \"" + v.name + "\": Invalid argument (" + strconv.Itoa(v.min) + " to " + strconv.Itoa(v.max) + ")")
	}
	return v.name, nil
}

// Sysctl is the value of a setting and its full name.
func (h *Host) Sysctl(name string) (full string, value int, err error) {
	full, err = CheckSysctl(name, 0, false)
	if err != nil {
		return "", 0, err
	}
	v, _ := lookupSysctl(name)
	return full, *v.field(&h.sysctl), nil
}

// SetSysctl changes a setting; a value outside its bounds changes nothing
// and fails as the kernel's write does.
func (h *Host) SetSysctl(name string, value int) (full string, err error) {
	full, err = CheckSysctl(name, int64(value), true)
	if err != nil {
		return full, err
	}
	v, _ := lookupSysctl(name)
	*v.field(&h.sysctl) = value
	return full, nil
}

func slashes(name string) string {
	b := []byte(name)
	for i := range b {
		if b[i] == '.' {
			b[i] = '/'
		}
	}
	return string(b)
}
