package main

import (
	"strings"
	"testing"
)

func TestHelpInATable(t *testing.T) {
	b := realBridge()
	table := "help.call.connect.summary\t发起连接\nhelp.label.arguments\t参数：\nbroken line\nhelp.label.example\t示例：\\t\\\\\n"
	zh := value[string](t, b.Call("help", goArgs{"connect", table}))
	if !strings.Contains(zh, "— 发起连接") || !strings.Contains(zh, "参数：") || !strings.Contains(zh, "示例：\t\\") {
		t.Errorf("help in Chinese:\n%s", zh)
	}
	if en := value[string](t, b.Call("help", goArgs{"connect"})); !strings.Contains(en, "Arguments:") {
		t.Errorf("help without a table is English:\n%s", en)
	}
	callError(t, b.Call("help", goArgs{"connect", 3.0}))
}
