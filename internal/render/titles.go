package render

import "github.com/r2p-monitor/r2p/internal/model"

// Treaty and commitment titles in the page's language. A title comes from
// the data table's NAME_LANG column or, for a treaty, from the official
// titles of the built-in registry (model.Treaty.TitleIn); where neither
// gives one, the page shows the title in the site's default language and
// names that language, so that the element carries its own lang attribute.

// inLang picks the text for the renderer's language: the translation when
// there is one, else the default language's text and that language's code
// (the code is "" when the text is in the page's language).
func (r *Renderer) inLang(def string, translated func(string) (string, bool)) (text, lang string) {
	if r.lang == r.site.Config.Language {
		return def, ""
	}
	if s, ok := translated(r.lang); ok {
		return s, ""
	}
	return def, r.site.Config.Language
}

func (r *Renderer) treatyRef(t *model.Treaty) TreatyRef {
	ref := TreatyRef{ID: t.ID, URL: TreatyURL(t.ID)}
	ref.Title, ref.TitleLang = r.inLang(t.Title, t.TitleIn)
	ref.Name, ref.NameLang = r.inLang(t.Name(), t.NameIn)
	return ref
}

func (r *Renderer) commitmentRef(c *model.Commitment) CommitmentRef {
	ref := CommitmentRef{ID: c.ID, URL: CommitmentURL(c.ID)}
	ref.Title, ref.TitleLang = r.inLang(c.Title, c.TitleIn)
	return ref
}

// commitmentDescription is the commitment's description in the page's
// language, with its language when it is another.
func (r *Renderer) commitmentDescription(c *model.Commitment) (text, lang string) {
	if c.Description == "" {
		return "", ""
	}
	return r.inLang(c.Description, c.DescriptionIn)
}
