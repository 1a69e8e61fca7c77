package render

import (
	"encoding/xml"
)

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap writes /sitemap.xml with every HTML page; lastmod is a page's own
// date where it has one.
func (r *Renderer) sitemap() (File, error) {
	var set urlset
	for _, u := range r.pageURLs() {
		su := sitemapURL{Loc: r.urls.Abs(u)}
		if p, ok := r.site.Page(u); ok && !p.Date.IsZero() && !p.Date.IsPartial() {
			su.LastMod = p.Date.String()
		}
		set.URLs = append(set.URLs, su)
	}
	return xmlFile("sitemap.xml", set)
}

// robots writes /robots.txt, which allows everything and names the sitemap.
func (r *Renderer) robots() (File, error) {
	body := "User-agent: *\nAllow: /\nSitemap: " + r.urls.Abs("/sitemap.xml") + "\n"
	return File{Path: "robots.txt", Data: []byte(body)}, nil
}
