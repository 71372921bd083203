package httpapp

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sockplay/sockplay/core/httpmsg"
)

func TestSplitTarget(t *testing.T) {
	for _, tc := range []struct {
		target, path string
		query        queryValues
		err          string
	}{
		{target: "/", path: "/"},
		{target: "/index.html", path: "/index.html"},
		{target: "/poll?since=3&every=1s", path: "/poll", query: queryValues{{"since", "3"}, {"every", "1s"}}},
		{target: "/a%20b%2Fc?k%3D=v+w%26&&x", path: "/a b/c", query: queryValues{{"k=", "v w&"}, {"x", ""}}},
		{target: "/p+q?", path: "/p+q"},
		{target: "//double", path: "//double"},
		{target: "*", path: "*"},
		{target: "http://example.com:8080/slow?delay=3", path: "/slow", query: queryValues{{"delay", "3"}}},
		{target: "http://example.com?x=1", path: "/", query: queryValues{{"x", "1"}}},
		{target: "http://[::1]:80/", path: "/"},
		{target: "example.com:443", path: "/"},
		{target: "10.0.0.2:80", err: `parse "10.0.0.2:80": invalid URI for request`},
		{target: "[::1]:80", err: `parse "[::1]:80": invalid URI for request`},
		{target: "/x?a=1;b=2", err: "invalid semicolon separator in query"},
		{target: "/x%zz", err: `parse "/x%zz": invalid URL escape "%zz"`},
		{target: "/x?a=%4", err: `invalid URL escape "%4"`},
		{target: "", err: `parse "": empty url`},
		{target: ":x", err: `parse ":x": missing protocol scheme`},
		{target: "/a\x7f", err: `parse "/a\x7f": net/url: invalid control character in URL`},
	} {
		path, q, err := splitTarget(tc.target)
		if tc.err != "" {
			assert.EqualError(t, err, tc.err, tc.target)
			continue
		}
		require.NoError(t, err, tc.target)
		assert.Equal(t, tc.path, path, tc.target)
		assert.Equal(t, tc.query, q, tc.target)
	}
}

func TestQueryGetIsTheFirstValue(t *testing.T) {
	_, q, err := splitTarget("/?a=1&b=2&a=3")
	require.NoError(t, err)
	assert.Equal(t, "1", q.Get("a"))
	assert.Equal(t, "2", q.Get("b"))
	assert.Equal(t, "", q.Get("c"))
}

func TestSplitTargetQueryParameterLimit(t *testing.T) {
	many := "/?" + strings.Repeat("a&", maxQueryParams)
	_, _, err := splitTarget(many)
	assert.EqualError(t, err, "number of URL query parameters exceeded limit")
	_, _, err = splitTarget(many[:len(many)-1])
	assert.NoError(t, err)
}

// netURLSplit is what splitTarget replaced: net/url's reading.
func netURLSplit(target string) (string, url.Values, error) {
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return "", nil, err
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", nil, err
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	return path, q, nil
}

// FuzzSplitTargetMatchesNetURL holds splitTarget to net/url on every
// target httpmsg lets through to the server, and to not panicking on the
// rest.
func FuzzSplitTargetMatchesNetURL(f *testing.F) {
	for _, s := range []string{"/", "/a%20b?x=1&y=%41+b", "*", "http://h:1/p?q", "http://[::1]/", "host:80",
		"1.2.3.4:80", "/x?a;b", "/?a=%zz&b=%", "HTTP://H/%7e", "a+b://x", "/?&&=&=x&x=", ":", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		path, q, err := splitTarget(target)
		if !acceptedTarget(target) {
			return
		}
		wantPath, wantQ, wantErr := netURLSplit(target)
		if wantErr != nil {
			require.EqualError(t, err, wantErr.Error())
			return
		}
		require.NoError(t, err)
		require.Equal(t, wantPath, path)
		for k, vs := range wantQ {
			require.Equal(t, vs[0], q.Get(k), "query key %q", k)
		}
		for _, p := range q {
			require.Contains(t, wantQ, p.key)
		}
	})
}

// acceptedTarget reports whether httpmsg accepts target for some method.
func acceptedTarget(target string) bool {
	for _, method := range []string{"GET", "OPTIONS", "CONNECT"} {
		m := httpmsg.NewRequest(method, target, httpmsg.Header{{Name: "Host", Value: "h"}}, nil)
		if _, err := m.Append(nil); err == nil {
			return true
		}
	}
	return false
}
