package render

import (
	"html/template"
	"sync/atomic"

	"github.com/r2p-monitor/r2p/internal/model"
)

// dateTags caches each date's <time> element (timeTag). A site has a few
// thousand distinct dates and prints each many times: a brief's date on
// its page, its states' pages and the lists. A lookup is two atomic loads
// and no allocation, where a map keyed by the date would box the key or
// take a lock on every row. Years are allocated as they are first seen.
type dateTags struct {
	years [dateTagYears]atomic.Pointer[yearTags]
}

// yearTags holds a year's tags by month (0 for a year alone) and day (0
// for a month alone).
type yearTags [13 * 32]atomic.Pointer[template.HTML]

// The years dateTags keeps; a date outside them is formatted every time.
const (
	dateTagFirstYear = 1800
	dateTagYears     = 400
)

// slot returns where d's tag is kept, or nil when d has no place.
func (c *dateTags) slot(d model.Date, create bool) *atomic.Pointer[template.HTML] {
	y := d.Year - dateTagFirstYear
	if y < 0 || y >= dateTagYears || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return nil
	}
	year := c.years[y].Load()
	if year == nil {
		if !create {
			return nil
		}
		c.years[y].CompareAndSwap(nil, new(yearTags))
		year = c.years[y].Load()
	}
	return &year[d.Month*32+d.Day]
}

func (c *dateTags) load(d model.Date) (template.HTML, bool) {
	if s := c.slot(d, false); s != nil {
		if tag := s.Load(); tag != nil {
			return *tag, true
		}
	}
	return "", false
}

func (c *dateTags) store(d model.Date, tag template.HTML) {
	if s := c.slot(d, true); s != nil {
		s.Store(&tag)
	}
}
