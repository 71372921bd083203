package main

import (
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrefersTheBrotliTwin(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.wasm"), []byte("plain"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.wasm.br"), []byte("brotli bytes"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.wasm.gz"), []byte("gzip bytes"), 0o644))
	h := handler(dir)
	for accept, want := range map[string]string{
		"gzip, deflate, br, zstd": "br",
		"br;q=1.0, gzip;q=0.5":    "br",
		"gzip":                    "gzip",
		"gzip, br;q=0":            "gzip",
		"BR":                      "br",
		"br;q=0.000, gzip;q=0":    "",
		"br;q=0.001":              "br",
		"":                        "",
	} {
		req := httptest.NewRequest(http.MethodGet, "/a.wasm", nil)
		req.Header.Set("Accept-Encoding", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		assert.Equal(t, want, rec.Header().Get("Content-Encoding"), "Accept-Encoding: %q", accept)
		assert.Equal(t, map[string]string{"br": "brotli bytes", "gzip": "gzip bytes", "": "plain"}[want], rec.Body.String(), accept)
		assert.Equal(t, "application/wasm", rec.Header().Get("Content-Type"))
	}
}

func TestServesWasmPrecompressed(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.wasm"), []byte("\x00asm plain"), 0o644))
	f, err := os.Create(filepath.Join(dir, "a.wasm.gz"))
	require.NoError(t, err)
	zw := gzip.NewWriter(f)
	_, _ = zw.Write([]byte("\x00asm plain"))
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())

	h := handler(dir)
	req := httptest.NewRequest(http.MethodGet, "/a.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "application/wasm", rec.Header().Get("Content-Type"))
	assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
	zr, err := gzip.NewReader(rec.Body)
	require.NoError(t, err)
	body := make([]byte, 64)
	n, _ := zr.Read(body)
	assert.Equal(t, "\x00asm plain", string(body[:n]))

	req = httptest.NewRequest(http.MethodGet, "/a.wasm", nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, "", rec.Header().Get("Content-Encoding"))
	assert.Equal(t, "\x00asm plain", rec.Body.String())

	req = httptest.NewRequest(http.MethodGet, "/", nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
}
