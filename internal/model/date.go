package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date that may be partial: a source may give only a
// year (Month 0) or a year and month (Day 0). The zero Date means "none".
type Date struct {
	Year, Month, Day int
}

// ParseDate reads YYYY-MM-DD, YYYY-MM or YYYY. It rejects impossible dates
// such as 2016-02-30.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD (or YYYY-MM, YYYY where a source gives no more)", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || (i > 0 && len(p) != 2) || v < 0 {
			return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD (or YYYY-MM, YYYY where a source gives no more)", s)
		}
		n[i] = v
	}
	d := Date{n[0], n[1], n[2]}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("%q does not exist: there is no month %d", s, d.Month)
	}
	if len(parts) == 3 {
		if last := daysIn(d.Year, d.Month); d.Day < 1 || d.Day > last {
			return Date{}, fmt.Errorf("%q does not exist: %s %d has %d days", s, time.Month(d.Month), d.Year, last)
		}
	}
	return d, nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// IsPartial reports whether d lacks a month or a day.
func (d Date) IsPartial() bool { return d.Year != 0 && d.Day == 0 }

// String gives d as it was written: YYYY-MM-DD, YYYY-MM or YYYY.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns the first instant of d in UTC; a partial date counts from the
// start of its year or month.
func (d Date) Time() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Compare orders dates; a partial date sorts as the first day it covers.
func (d Date) Compare(e Date) int {
	a, b := d.key(), e.key()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

func (d Date) key() int { return d.Year*10000 + max(d.Month, 1)*100 + max(d.Day, 1) }

// MarshalText writes d as String does, so JSON exports keep partial dates.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
