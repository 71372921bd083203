package main

import (
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
)

// The page's modules keep to a small subset of ES module syntax, which is
// all this bundler reads: one-line `import { a, b as c } from './x.mjs';`
// and `export` in front of a top-level function, class or const. Anything
// else module-level (a default export, `export {…}`, `export let`, a bare
// or dynamic import, an import cycle) is refused with the file and line,
// so the bundle never differs silently from the modules.
var (
	importLine    = regexp.MustCompile(`^import \{([^}]*)\} from '(\.\.?/(?:[a-z0-9-]+/)*[a-z0-9-]+\.mjs)';$`)
	exportDecl    = regexp.MustCompile(`^export (?:async function\*? |function\*? |class |const )([A-Za-z_$][A-Za-z0-9_$]*)`)
	refused       = regexp.MustCompile(`^(?:import|export)\b`)
	dynamicImport = regexp.MustCompile(`\bimport\(`)
	importName    = regexp.MustCompile(`^([A-Za-z_$][A-Za-z0-9_$]*)(?: as ([A-Za-z_$][A-Za-z0-9_$]*))?$`)
)

type binding struct{ name, local string }

type module struct {
	file    string // relative to the site, e.g. js/app.mjs
	body    []string
	imports map[string][]binding // by the file they come from
	order   []string             // import files in source order
	exports []string
}

// parse reads one module's source.
func parse(file, src string) (*module, error) {
	m := &module{file: file, imports: map[string][]binding{}}
	for i, line := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
		where := fmt.Sprintf("%s:%d", file, i+1)
		if dynamicImport.MatchString(line) {
			return nil, fmt.Errorf("%s: the bundler cannot follow a dynamic import: %q", where, line)
		}
		if g := importLine.FindStringSubmatch(line); g != nil {
			from := path.Join(path.Dir(file), g[2])
			if _, seen := m.imports[from]; !seen {
				m.order = append(m.order, from)
			}
			for _, item := range strings.Split(g[1], ",") {
				n := importName.FindStringSubmatch(strings.TrimSpace(item))
				if n == nil {
					return nil, fmt.Errorf("%s: cannot read import %q", where, strings.TrimSpace(item))
				}
				local := n[2]
				if local == "" {
					local = n[1]
				}
				m.imports[from] = append(m.imports[from], binding{n[1], local})
			}
			continue
		}
		if g := exportDecl.FindStringSubmatch(line); g != nil {
			m.exports = append(m.exports, g[1])
			m.body = append(m.body, strings.TrimPrefix(line, "export "))
			continue
		}
		if refused.MatchString(line) {
			return nil, fmt.Errorf("%s: the bundler reads only `import { … } from './x.mjs';` and `export function|class|const`: %q", where, line)
		}
		m.body = append(m.body, line)
	}
	return m, nil
}

// bundle reads entry (a path relative to siteDir) and the modules it
// imports, and returns one module: each imported module runs once, in the
// order a browser would evaluate them (dependencies first), inside its own
// function so that top-level names stay private; the entry runs last at
// the top level, so it may use top-level await.
func bundle(siteDir, entry string) (code []byte, files []string, err error) {
	var ordered []*module
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(file string, chain []string) error
	visit = func(file string, chain []string) error {
		switch state[file] {
		case 1:
			return fmt.Errorf("import cycle: %s", strings.Join(append(chain, file), " → "))
		case 2:
			return nil
		}
		state[file] = 1
		src, err := os.ReadFile(path.Join(siteDir, file))
		if err != nil {
			return err
		}
		m, err := parse(file, string(src))
		if err != nil {
			return err
		}
		for _, dep := range m.order {
			if err := visit(dep, append(chain, file)); err != nil {
				return err
			}
		}
		state[file] = 2
		ordered = append(ordered, m)
		return nil
	}
	if err := visit(entry, nil); err != nil {
		return nil, nil, err
	}

	exported := map[string]map[string]bool{}
	for _, m := range ordered {
		exported[m.file] = map[string]bool{}
		for _, name := range m.exports {
			exported[m.file][name] = true
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "// sockplay's page modules in one file, written by scripts/bundle from site/%s.\n", entry)
	for i, m := range ordered {
		var head []string
		for _, from := range m.order {
			var parts []string
			for _, b := range m.imports[from] {
				if !exported[from][b.name] {
					return nil, nil, fmt.Errorf("%s imports %s, which %s does not export", m.file, b.name, from)
				}
				if b.local == b.name {
					parts = append(parts, b.name)
				} else {
					parts = append(parts, b.name+": "+b.local)
				}
			}
			head = append(head, fmt.Sprintf("const { %s } = %s;", strings.Join(parts, ", "), variable(from)))
		}
		fmt.Fprintf(&out, "\n// ---- %s\n", m.file)
		if i == len(ordered)-1 {
			writeLines(&out, head, m.body)
			continue
		}
		fmt.Fprintf(&out, "const %s = (() => {\n", variable(m.file))
		writeLines(&out, head, m.body)
		fmt.Fprintf(&out, "return { %s };\n})();\n", strings.Join(m.exports, ", "))
	}
	for _, m := range ordered {
		files = append(files, m.file)
	}
	return []byte(out.String()), files, nil
}

func writeLines(out *strings.Builder, groups ...[]string) {
	for _, lines := range groups {
		for _, line := range lines {
			out.WriteString(line)
			out.WriteByte('\n')
		}
	}
}

// variable names a module's exports object: js/ladder-model.mjs →
// module_js_ladder_model.
func variable(file string) string {
	name := strings.TrimSuffix(file, ".mjs")
	return "module_" + strings.NewReplacer("/", "_", "-", "_", ".", "_").Replace(name)
}
