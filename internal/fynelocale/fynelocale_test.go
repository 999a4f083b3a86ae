package fynelocale_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	_ "fyne.io/fyne/v2/lang"

	"opinionwall/internal/fynelocale"
)

// TestNoLocaleErrorsUnderC runs this test binary again with the C locale
// (C.UTF-8 as Debian sets it, plain C, none) and reads its standard error: Fyne's lang package is
// initialised in it, after this package, and must not log a locale error.
func TestNoLocaleErrorsUnderC(t *testing.T) {
	if os.Getenv("OW_FYNELOCALE_CHILD") == "1" {
		return
	}
	for _, env := range [][]string{
		{"LANG=C.UTF-8"}, {"LANG=C.utf8"}, {"LC_ALL=C.UTF-8", "LANG=zh_CN.UTF-8"}, {"LC_MESSAGES=POSIX.UTF-8"},
		{"LANG=C"}, {"LANG=POSIX"}, {},
	} {
		t.Run(strings.Join(env, " "), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=TestNoLocaleErrorsUnderC")
			cmd.Env = append([]string{"OW_FYNELOCALE_CHILD=1", "PATH=" + os.Getenv("PATH")}, env...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if strings.Contains(string(out), "locale") {
				t.Errorf("with %v:\n%s", env, out)
			}
		})
	}
}

// TestFixLeavesARealLocale: a real locale gets no LANGUAGE.
func TestFixLeavesARealLocale(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	t.Setenv("LANGUAGE", "")
	fynelocale.Fix()
	if got := os.Getenv("LANG") + "|" + os.Getenv("LANGUAGE"); got != "zh_CN.UTF-8|" {
		t.Errorf("LANG|LANGUAGE %q", got)
	}
}
