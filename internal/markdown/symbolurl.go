package markdown

import "strings"

// SymbolURL returns the link for a UN document symbol written on its own,
// as in a brief's list of sources, or "" when s is not a symbol or symbol
// links are turned off. It resolves symbols exactly as running text does.
func (c *Converter) SymbolURL(s string) string {
	if c.cfg.SymbolURL == "-" {
		return ""
	}
	s = strings.TrimSpace(s)
	b := []byte(s)
	found := findSymbols(b, nil)
	if len(found) != 1 || found[0].start != 0 || found[0].end != len(s) {
		return ""
	}
	tmpl := c.cfg.SymbolURL
	if tmpl == "" {
		tmpl = DefaultSymbolURL
	}
	return strings.Replace(tmpl, "{symbol}", escapeSymbol(found[0].ref(b)), 1)
}
