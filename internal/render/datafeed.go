package render

import (
	"github.com/r2p-monitor/r2p/internal/model"
)

// Per-state and per-treaty Atom feeds let an advocate follow one country
// or one treaty. Entries are the dated events as of as_of (signatures,
// deposits, withdrawals, commitment statuses, assessments and briefs),
// newest first. Their dates come from the data, never from the clock.

type feedEvent struct {
	date    model.Date
	key     string // unique within the feed; becomes the entry id's fragment
	title   string
	url     string // the page the entry links to
	summary string
	cats    []string
}

func (r *Renderer) ratificationEvents(rat *model.Ratification, url string) []feedEvent {
	on := rat.On(r.asOf())
	st, _ := r.site.State(rat.State)
	name, treaty := rat.State, rat.Treaty.Name()
	if st != nil {
		name = st.Name
	}
	key := rat.State + "-" + rat.Treaty.ID
	var out []feedEvent
	add := func(d model.Date, what, msgKey string) {
		if !d.IsZero() {
			out = append(out, feedEvent{date: d, key: key + "-" + what, title: r.i18n.T(msgKey, name, treaty), url: url,
				cats: []string{rat.State, rat.Treaty.ID}})
		}
	}
	add(on.Signed, "signed", "feed.signed")
	if !on.Date.IsZero() {
		add(on.Date, "consent", "feed.action."+on.Action)
	}
	add(on.Withdrawn, "withdrawn", "feed.withdrawn")
	return out
}

func (r *Renderer) stateFeed(st *model.State) (File, error) {
	url := StateURL(st.Code)
	var events []feedEvent
	for _, p := range st.Briefs {
		if !p.Date.After(r.asOf()) {
			events = append(events, feedEvent{date: p.Date, key: "brief-" + p.URL, title: p.Title, url: p.URL, summary: p.Summary, cats: []string{p.Brief.Risk}})
		}
	}
	for _, rat := range st.Ratifications {
		events = append(events, r.ratificationEvents(rat, url)...)
	}
	for _, cs := range st.Commitments {
		if !cs.Date.IsZero() && !cs.Date.After(r.asOf()) {
			events = append(events, feedEvent{date: cs.Date, key: "commitment-" + cs.Commitment.ID + "-" + cs.Date.String(),
				title: r.i18n.T("feed.commitment", st.Name, cs.Status, cs.Commitment.Title), url: url, cats: []string{cs.Commitment.ID}})
		}
	}
	for _, a := range st.AssessmentsOn(r.asOf()) {
		events = append(events, feedEvent{date: a.Date, key: assessmentID(a),
			title: r.i18n.T("feed.assessment", st.Name, a.Obligation.Name(), r.i18n.T("rating."+a.Rating)),
			url:   url, summary: a.Summary, cats: []string{a.Rating}})
	}
	return r.eventFeed(StateFeedURL(st.Code), url, r.i18n.T("feed.state_title", st.Name), events)
}

func (r *Renderer) treatyFeed(t *model.Treaty) (File, error) {
	url := TreatyURL(t.ID)
	var events []feedEvent
	for _, rat := range t.Ratifications {
		events = append(events, r.ratificationEvents(rat, url)...)
	}
	return r.eventFeed(TreatyFeedURL(t.ID), url, r.i18n.T("feed.treaty_title", t.Name()), events)
}

func (r *Renderer) eventFeed(self, page, title string, events []feedEvent) (File, error) {
	sortStable(events, func(a, b feedEvent) bool {
		if c := a.date.Compare(b.date); c != 0 {
			return c > 0
		}
		return a.key < b.key
	})
	events = events[:min(feedSize, len(events))]
	f := atomFeed{
		Title: r.site.Config.Title + ": " + title, ID: r.urls.Abs(self), Updated: atomDate(r.asOf()),
		Links: []atomLink{
			{Href: r.urls.Abs(self), Rel: "self", Type: "application/atom+xml"},
			{Href: r.urls.Abs(page), Rel: "alternate", Type: "text/html"},
		},
		Author: &atomAuthor{Name: r.site.Config.Title},
	}
	if a := r.site.Config.Author; a != "" {
		f.Author.Name = a
	}
	for _, e := range events {
		entry := atomEntry{
			Title: e.title, ID: r.urls.Abs(page) + "#" + slugify(e.key), Updated: atomDate(e.date),
			Link: atomLink{Href: r.urls.Abs(e.url), Rel: "alternate", Type: "text/html"}, Summary: e.summary,
		}
		for _, c := range e.cats {
			entry.Cats = append(entry.Cats, atomCat{Term: c})
		}
		f.Entries = append(f.Entries, entry)
	}
	return xmlFile(OutputPath(self), f)
}
