package source

import (
	"io"

	"github.com/r2p-monitor/r2p/internal/diag"
	"go.yaml.in/yaml/v3"
)

// readYAML decodes the whole file into a node tree: yaml.v3 has no
// record-by-record reader, and YAML tables are the small, hand-written ones
// (large tables are CSV or JSON). Node positions give each record's line.
func readYAML(t *Table, r io.Reader, l *diag.List) {
	var doc yaml.Node
	if err := yaml.NewDecoder(r).Decode(&doc); err != nil {
		if err == io.EOF {
			return // an empty file is an empty table
		}
		l.Add(yamlErrorPos(t.Path, err, 0), "invalid YAML: "+yamlErrorText(err))
		t.Invalid = true
		return
	}
	root := resolveAlias(doc.Content[0])
	if root.Kind == yaml.MappingNode {
		root = recordsOf(root)
	}
	if root == nil || root.Kind != yaml.SequenceNode {
		l.Add(diag.Pos{Path: t.Path, Line: 1}, "expected a list of records (- column: value), or records: [...]")
		t.Invalid = true
		return
	}
	for _, item := range root.Content {
		item = resolveAlias(item)
		if item.Kind != yaml.MappingNode {
			l.Add(nodePos(t, item), "each record must be a mapping of column names to values")
			continue
		}
		t.Rows = append(t.Rows, yamlRow(t, item, l))
	}
}

func recordsOf(m *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "records" {
			return resolveAlias(m.Content[i+1])
		}
	}
	return nil
}

func nodePos(t *Table, n *yaml.Node) diag.Pos {
	return diag.Pos{Path: t.Path, Line: n.Line, Col: n.Column}
}

func yamlRow(t *Table, m *yaml.Node, l *diag.List) Row {
	row := Row{Line: m.Line, Col: m.Column}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], resolveAlias(m.Content[i+1])
		c := Cell{Name: k.Value, Line: v.Line, Col: v.Column, KeyLine: k.Line, KeyCol: k.Column}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag != "!!null" {
				c.Value = v.Value
			}
		case yaml.SequenceNode:
			c.IsList, c.List = true, []string{}
			for _, it := range v.Content {
				it = resolveAlias(it)
				if it.Kind != yaml.ScalarNode {
					l.Addf(nodePos(t, it), "%s: list items must be text", k.Value)
					continue
				}
				if it.Tag != "!!null" && it.Value != "" {
					c.List = append(c.List, it.Value)
				}
			}
		default:
			l.Addf(nodePos(t, v), "%s must be text or a list, not a mapping", k.Value)
			continue
		}
		if !c.IsList && c.Value == "" {
			continue
		}
		row.Cells = append(row.Cells, c)
	}
	return row
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}
