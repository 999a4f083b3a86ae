package session_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"opinionwall/kiosk/session"
)

// TestScriptHelpListsEveryAction: every action Script.exec dispatches is in
// ScriptHelp (what `kiosk help` prints), and ScriptHelp names no action
// that exec does not know.
func TestScriptHelpListsEveryAction(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "script.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "exec" {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						known[s] = true
					}
				}
			}
			return true
		})
	}
	if len(known) < 10 {
		t.Fatalf("found only %d actions in exec: %v", len(known), known)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(session.ScriptHelp, "\n")[1:] {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "   ") {
			continue
		}
		for _, alt := range strings.Split(strings.Join(fields, " "), " | ") {
			listed[strings.Fields(alt)[0]] = true
		}
	}
	for a := range known {
		if !listed[a] {
			t.Errorf("action %q is not in ScriptHelp", a)
		}
	}
	for a := range listed {
		if !known[a] {
			t.Errorf("ScriptHelp lists %q, which exec does not know", a)
		}
	}
}
