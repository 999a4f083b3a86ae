package fynelocale

import (
	"os"
	"strings"
)

func init() { Fix() }

// Fix sets LANGUAGE to "en" when the messages locale (the first set of
// LC_ALL, LC_MESSAGES and LANG) is C or POSIX with an encoding, such as
// Debian's C.UTF-8, and LANGUAGE is unset. Fyne then reads "en" instead of
// the tag "C", which it cannot parse. Nothing else changes: gettext
// ignores LANGUAGE under the C locale, so other programs behave as before.
func Fix() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if (strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.")) && os.Getenv("LANGUAGE") == "" {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
