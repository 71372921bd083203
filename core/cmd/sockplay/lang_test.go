package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sockplayIn runs the command with args, stdin and the environment env.
func sockplayIn(env map[string]string, stdin string, args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = runIn(args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return env[k] })
	return out.String(), errOut.String(), code
}

func TestLanguageFromOptionAndEnvironment(t *testing.T) {
	script := "help listen\nclient> lisen(3)\n"
	for _, c := range []struct {
		name    string
		env     map[string]string
		args    []string
		chinese bool
	}{
		{"no option, no locale", nil, []string{"run", "-"}, false},
		{"--lang before the command", nil, []string{"--lang", "zh-CN", "run", "-"}, true},
		{"--lang= after it", nil, []string{"run", "--lang=zh-CN", "-"}, true},
		{"LANG", map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"run", "-"}, true},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, []string{"run", "-"}, true},
		{"LC_ALL before both", map[string]string{"LC_ALL": "C", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"}, []string{"run", "-"}, false},
		{"--lang before the environment", map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"run", "--lang", "en", "-"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := sockplayIn(c.env, script, c.args...)
			assert.Equal(t, 1, code, "the second line is refused")
			assert.True(t, strings.HasPrefix(out, "help listen\nlisten(fd, backlog) — "), out)
			if c.chinese {
				assert.Contains(t, out, "接受传入的连接", "the help page in Chinese")
				assert.Equal(t, "-:2:9: 未知的调用 `lisen`（你是想输入 `listen` 吗？）\n", errOut)
			} else {
				assert.Contains(t, out, "accept incoming connections")
				assert.Equal(t, "-:2:9: unknown call `lisen` (did you mean `listen`?)\n", errOut)
			}
		})
	}
	_, errOut, code := sockplayIn(nil, "", "run", "-", "--lang")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--lang needs a language")
}

// TestLanguagesShareTranscriptsAndTraces: the engine speaks English and
// only the reader's side translates, so every example's transcript, its
// tcpdump lines and its JSON trace are the same bytes in both languages;
// a help line's page is the one thing that differs.
func TestLanguagesShareTranscriptsAndTraces(t *testing.T) {
	scripts, err := filepath.Glob("../../examples/scripts/*.sock")
	require.NoError(t, err)
	require.NotEmpty(t, scripts)
	for _, path := range scripts {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		for _, mode := range []string{"transcript", "tcpdump", "json"} {
			en, _, code := sockplayIn(nil, string(src), "run", "--trace="+mode, "-")
			require.Equal(t, 0, code, path)
			zh, _, _ := sockplayIn(nil, string(src), "--lang", "zh-CN", "run", "--trace="+mode, "-")
			assert.Equal(t, en, zh, "%s --trace=%s", filepath.Base(path), mode)
		}
		// With a help line first, the rest of the transcript is the same.
		en, _, _ := sockplayIn(nil, "help connect\n"+string(src), "run", "-")
		zh, _, _ := sockplayIn(nil, "help connect\n"+string(src), "--lang", "zh-CN", "run", "-")
		first := "\n" + strings.SplitN(string(src), "\n", 2)[0] + "\n"
		require.Contains(t, en, first)
		assert.NotEqual(t, en[:strings.Index(en, first)], zh[:strings.Index(zh, first)], "the help page is translated")
		assert.Equal(t, en[strings.Index(en, first):], zh[strings.Index(zh, first):], filepath.Base(path))
	}
}

func TestReplInChinese(t *testing.T) {
	out, _, code := sockplayIn(map[string]string{"LANG": "zh_CN.UTF-8"}, "help bind\nconect(1)\ngoto 5\nnet> crash sever\n", "repl")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "bind(fd, addr) — ")
	assert.Contains(t, out, "error: col 1: 未知的调用 `conect`（你是想输入 `connect` 吗？）")
	// The session's own refusals, as the parser's.
	assert.Contains(t, out, "error: 没有第 5 行可以跳转（行号从 0 到 0）")
	assert.Contains(t, out, "error: col 12: 没有名为 sever 的主机（你是想输入 `server` 吗？）")
}

// TestParserRefusalsInChinese: the line parser's and the call checker's
// refusals, read in Chinese, their values as typed.
func TestParserRefusalsInChinese(t *testing.T) {
	for line, want := range map[string]string{
		"s = socket(AF_INET, SOCK_STREAM)\nbind(s, server:99999)": "端口 99999 超出范围（端口是 0 到 65535 之间的数字）",
		"bind(3)":        "bind 接受 2 个参数：bind(fd, addr)（缺少 addr）",
		"send(3, 42)":    "send 的 data 必须是一个字符串，例如 \"hello\\r\\n\"，而不是 `42`",
		"socket(AF_INET": "缺少 `)`（用 `)` 结束这个调用）",
		"x =":            "`=` 之后应是一个调用，但这一行已经结束",
		"wait 2":         "`wait` 是一个网络命令（请写 `net> wait`）",
	} {
		out, _, _ := sockplayIn(nil, line+"\n", "--lang", "zh-CN", "repl")
		assert.Contains(t, out, want, line)
	}
}

// TestUsageInChinese: the command's usage in the reader's language.
func TestUsageInChinese(t *testing.T) {
	out, _, code := sockplayIn(nil, "", "--lang", "zh-CN", "help")
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "用法：\n  sockplay run [--seed N]"), out)
	assert.Contains(t, out, "grade 重放学习者对某个练习的提交并打分")
	_, errOut, code := sockplayIn(map[string]string{"LANG": "zh_CN.UTF-8"}, "")
	assert.Equal(t, 2, code)
	assert.True(t, strings.HasPrefix(errOut, "用法："), errOut)
	out, _, _ = sockplayIn(nil, "", "help")
	assert.Equal(t, usage, out, "English as written")
}
