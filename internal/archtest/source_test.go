package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Limits from the project's style: small files named for what they hold,
// functions that read in one screen.
const (
	maxFileLines = 400
	maxFuncLines = 80
)

// sourceFile is one parsed Go file of the module.
type sourceFile struct {
	path string // relative to the module root
	fset *token.FileSet
	file *ast.File
	test bool
}

func sources(t *testing.T) []sourceFile {
	t.Helper()
	var out []sourceFile
	r := root(t)
	for _, p := range golist(t, "./...") {
		var names []string
		names = append(names, p.GoFiles...)
		names = append(names, p.CgoFiles...)
		tests := append(append([]string{}, p.TestGoFiles...), p.XTestGoFiles...)
		for i, n := range append(names, tests...) {
			fset := token.NewFileSet()
			full := filepath.Join(p.Dir, n)
			f, err := parser.ParseFile(fset, full, nil, parser.ImportsOnly|parser.ParseComments)
			if i < len(names) {
				f, err = parser.ParseFile(fset, full, nil, 0)
			}
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(r, full)
			out = append(out, sourceFile{path: rel, fset: fset, file: f, test: i >= len(names)})
		}
	}
	return out
}

// TestImportGroups: every file's imports come in groups, in this order:
// the standard library, third-party modules, the module's own packages;
// one kind a group.
func TestImportGroups(t *testing.T) {
	for _, sf := range sources(t) {
		prevLine, prevKind, group := 0, -1, -1
		for _, imp := range sf.file.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if path == "C" {
				continue // cgo's pseudo-package, in its own declaration after its preamble
			}
			kind := importKind(path)
			line := sf.fset.Position(imp.Pos()).Line
			if imp.Doc != nil {
				line = sf.fset.Position(imp.Doc.Pos()).Line
			}
			newGroup := prevLine == 0 || line > prevLine+1
			switch {
			case newGroup && kind <= group:
				t.Errorf("%s: import %q: groups go standard library, third-party, own, once each", sf.path, path)
			case !newGroup && kind != prevKind:
				t.Errorf("%s: import %q is in a group of another kind", sf.path, path)
			}
			if newGroup {
				group = kind
			}
			prevLine, prevKind = sf.fset.Position(imp.End()).Line, kind
		}
	}
}

func importKind(path string) int {
	switch {
	case path == module || strings.HasPrefix(path, module+"/"):
		return 2
	case strings.Contains(strings.SplitN(path, "/", 2)[0], "."):
		return 1
	}
	return 0
}

// TestSizes: no production file over maxFileLines lines and no function
// over maxFuncLines.
func TestSizes(t *testing.T) {
	for _, sf := range sources(t) {
		if sf.test {
			continue
		}
		if n := sf.fset.File(sf.file.Pos()).LineCount(); n > maxFileLines {
			t.Errorf("%s has %d lines (at most %d)", sf.path, n, maxFileLines)
		}
		for _, d := range sf.file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			n := sf.fset.Position(fd.End()).Line - sf.fset.Position(fd.Pos()).Line + 1
			if n > maxFuncLines {
				t.Errorf("%s: %s has %d lines (at most %d)", sf.path, fd.Name.Name, n, maxFuncLines)
			}
		}
	}
}
