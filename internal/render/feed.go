package render

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/r2p-monitor/r2p/internal/model"
)

// feedSize caps the Atom feed: readers want what is new, not the archive.
const feedSize = 50

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string    `xml:"title"`
	ID      string    `xml:"id"`
	Updated string    `xml:"updated"`
	Link    atomLink  `xml:"link"`
	Summary string    `xml:"summary,omitempty"`
	Cats    []atomCat `xml:"category"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// feed writes /feed.xml: the newest briefs first. Dates come from the
// briefs, never from the clock, so the feed is the same on every build.
func (r *Renderer) feed() (File, error) {
	briefs := r.site.Briefs[:min(feedSize, len(r.site.Briefs))]
	f := atomFeed{
		Title:   r.site.Config.Title,
		ID:      r.urls.Abs("/"),
		Updated: atomDate(r.site.Config.AsOf),
		Links: []atomLink{
			{Href: r.urls.Abs("/feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: r.urls.Abs("/situations/"), Rel: "alternate", Type: "text/html"},
		},
	}
	if a := r.site.Config.Author; a != "" {
		f.Author = &atomAuthor{Name: a}
	} else {
		f.Author = &atomAuthor{Name: r.site.Config.Title}
	}
	if len(briefs) > 0 && briefs[0].Date.After(r.site.Config.AsOf) {
		f.Updated = atomDate(briefs[0].Date)
	}
	for _, p := range briefs {
		e := atomEntry{
			Title: p.Title, ID: r.urls.Abs(p.URL), Updated: atomDate(p.Date),
			Link: atomLink{Href: r.urls.Abs(p.URL), Rel: "alternate", Type: "text/html"}, Summary: p.Summary,
		}
		for _, c := range p.Brief.States {
			e.Cats = append(e.Cats, atomCat{Term: c})
		}
		e.Cats = append(e.Cats, atomCat{Term: p.Brief.Risk})
		f.Entries = append(f.Entries, e)
	}
	return xmlFile("feed.xml", f)
}

func atomDate(d model.Date) string {
	if d.IsZero() {
		return time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	return d.Time().Format(time.RFC3339)
}

// xmlFile encodes v as an indented XML document at path: the feeds and the
// sitemap are all written this way.
func xmlFile(path string, v any) (File, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return File{}, err
	}
	buf.WriteByte('\n')
	return File{Path: path, Data: buf.Bytes()}, nil
}
