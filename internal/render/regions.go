package render

import "github.com/r2p-monitor/r2p/internal/registry"

// localRegion returns the UN M49 region or sub-region name, as the states
// table writes it (in English), in lang: from the registry's six-language
// table of M49 names, or name itself when the table has none (a site's own
// region, a language the UN does not publish M49 in, or a missing name).
// Only what pages show goes through it: grouping, sorting, anchors and the
// data exports keep the English name.
func localRegion(name, lang string) string {
	if s, ok := registry.RegionName(name, lang); ok {
		return s
	}
	return name
}

// regionName is localRegion in the renderer's language.
func (r *Renderer) regionName(name string) string {
	return localRegion(name, r.lang)
}

// M49Names gives templates the UN M49 region and sub-region names in the
// page's language (Base.M49). Page data keeps the English name, so that ids
// and anchors made from it are the same in every language:
//
//	<h2 id="region-{{lower .Region}}">{{$.M49.Name .Region}}</h2>
type M49Names struct {
	lang string
}

// Name is the region or sub-region name in the page's language, or name
// as given when none is recorded.
func (m M49Names) Name(name string) string {
	return localRegion(name, m.lang)
}
