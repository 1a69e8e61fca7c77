package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"go.yaml.in/yaml/v3"
)

// decoder reads typed values out of YAML nodes, reporting each wrong type
// at the node's position and going on.
type decoder struct {
	path string
	l    *diag.List
}

func (d decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{Path: d.path, Line: n.Line, Col: n.Column}
}

func (d decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.l.Addf(d.pos(n), format, args...)
}

// fields walks a mapping node, calling set for each known key and reporting
// unknown and repeated keys with the nearest known key suggested.
func (d decoder) fields(m *yaml.Node, known []string, set func(key string, k, v *yaml.Node)) {
	if m.Kind != yaml.MappingNode {
		d.errorf(m, "expected a mapping of keys to values, not %s", kindName(m))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case !contains(known, k.Value):
			d.errorf(k, "unknown key %q%s", k.Value, diag.Suggest(k.Value, known))
		case seen[k.Value]:
			d.errorf(k, "key %q is given twice", k.Value)
		default:
			seen[k.Value] = true
			set(k.Value, k, resolveAlias(v))
		}
	}
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias"
}

// str reads a scalar as text. Numbers and dates are scalars too, so that a
// title such as 2016 is read as written.
func (d decoder) str(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, "%s must be text, not %s", key, kindName(n))
		return "", false
	}
	return n.Value, true
}

func (d decoder) strList(n *yaml.Node, key string) ([]string, bool) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, e.g. [a, b], not %s", key, kindName(n))
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	ok := true
	for _, c := range n.Content {
		s, good := d.str(resolveAlias(c), key+" entry")
		ok = ok && good
		if good {
			out = append(out, s)
		}
	}
	return out, ok
}

func (d decoder) boolean(n *yaml.Node, key string) (bool, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		return strings.EqualFold(n.Value, "true"), true
	}
	d.errorf(n, "%s must be true or false, not %s", key, kindName(n))
	return false, false
}

func (d decoder) integer(n *yaml.Node, key string) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		if v, err := strconv.Atoi(n.Value); err == nil {
			return v, true
		}
	}
	d.errorf(n, "%s must be a whole number, not %s", key, kindName(n))
	return 0, false
}

func (d decoder) date(n *yaml.Node, key string) (Date, bool) {
	s, ok := d.str(n, key)
	if !ok {
		return Date{}, false
	}
	v, err := ParseDate(s)
	if err != nil {
		d.errorf(n, "%s: %v", key, err)
		return Date{}, false // the message names the date; the key says which one
	}
	return v, true
}

// require reports each of keys missing from the mapping m, at m's start.
func (d decoder) require(m *yaml.Node, at diag.Pos, keys ...string) {
	for _, k := range keys {
		found := false
		for i := 0; i+1 < len(m.Content); i += 2 {
			found = found || m.Content[i].Value == k
		}
		if !found {
			d.l.Addf(at, "missing required key %q", k)
		}
	}
}
