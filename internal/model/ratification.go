package model

// Status is a state's standing under a treaty on a date. It is derived
// from the ratifications table, never typed.
type Status string

// The statuses, from none to party.
const (
	StatusNone      Status = "none"
	StatusSignatory Status = "signatory"     // signed, no consent deposited yet
	StatusPending   Status = "party-pending" // consent deposited, not yet in force for the state
	StatusParty     Status = "party"
	StatusWithdrawn Status = "withdrawn" // a withdrawal has taken effect
)

// Statuses lists every status in the order pages show them.
var Statuses = []Status{StatusParty, StatusPending, StatusSignatory, StatusWithdrawn, StatusNone}

func (b *builder) ratificationRow(rr rowReader) {
	code, okState := b.state(rr)
	t := b.treaty(rr, "treaty")
	r := &Ratification{
		Record: rr.record(), State: code, Treaty: t,
		Signed: rr.date("signed"), Action: rr.enum("action", Actions), Date: rr.date("date"),
		Effective: rr.date("effective"), Withdrawn: rr.date("withdrawn"), Reservations: rr.str("reservations"),
	}
	if !b.checkActs(rr, r) || !okState || t == nil {
		return
	}
	b.checkChronology(rr, r)
	if !b.once(rr, "ratification\x00"+code+"\x00"+t.ID, code+" has a second row for "+t.ID) {
		return
	}
	b.site.Ratifications = append(b.site.Ratifications, r)
}

// checkActs enforces the shape of a row: a signature, or a consenting act
// with its deposit date, or both.
func (b *builder) checkActs(rr rowReader, r *Ratification) bool {
	hasAction, hasDate := rr.str("action") != "", rr.str("date") != ""
	switch {
	case hasAction && !hasDate:
		rr.errorf("action", "action %s needs date, the day the instrument was deposited", rr.str("action"))
		return false
	case hasDate && !hasAction:
		rr.errorf("date", "date needs action (%s)", joinOr(Actions))
		return false
	case !hasDate && rr.str("signed") == "":
		rr.tr.l.Addf(rr.pos(), "a ratification row needs signed, or action with date")
		return false
	case rr.str("effective") != "" && !hasDate:
		rr.errorf("effective", "effective needs action and date")
		return false
	}
	return true
}

// checkChronology reports events in an impossible order. A date after
// as_of is not among them: it has simply not happened yet as of that date,
// and is not counted until then.
func (b *builder) checkChronology(rr rowReader, r *Ratification) {
	adopted := r.Treaty.Adopted
	if definitelyBefore(r.Signed, adopted) {
		rr.errorf("signed", "signed on %s, before the treaty was adopted on %s", r.Signed, adopted)
	}
	if definitelyBefore(r.Date, adopted) {
		rr.errorf("date", "consent deposited on %s, before the treaty was adopted on %s", r.Date, adopted)
	}
	switch r.Action {
	case "ratification", "acceptance", "approval":
		if definitelyBefore(r.Date, r.Signed) {
			rr.errorf("date", "%s deposited on %s, before the signature on %s", r.Action, r.Date, r.Signed)
		}
	}
	if definitelyBefore(r.Effective, r.Date) {
		rr.errorf("effective", "effective on %s, before the deposit on %s", r.Effective, r.Date)
	}
	consent := r.Date
	if consent.IsZero() {
		consent = r.Signed
	}
	if definitelyBefore(r.Withdrawn, consent) {
		rr.errorf("withdrawn", "withdrawal took effect on %s, before consent on %s", r.Withdrawn, consent)
	}
}

func joinOr(list []string) string {
	out := ""
	for i, s := range list {
		switch {
		case i == 0:
		case i == len(list)-1:
			out += " or "
		default:
			out += ", "
		}
		out += s
	}
	return out
}

// definitelyBefore reports whether a ended before b began, so that a
// partial date (1998) is not called earlier than a full one inside it
// (1998-07-17). A zero date is before nothing.
func definitelyBefore(a, b Date) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	return a.last().Before(b)
}

// last is the final day a date covers: 1998 -> 1998-12-31.
func (d Date) last() Date {
	switch {
	case d.Month == 0:
		return Date{d.Year, 12, 31}
	case d.Day == 0:
		return Date{d.Year, d.Month, daysIn(d.Year, d.Month)}
	}
	return d
}

// happened reports whether an event dated e has taken place on day d. A
// partial date counts from the first day it covers, as Date.Compare orders
// it.
func happened(e, d Date) bool { return !e.IsZero() && !e.After(d) }

// InForceFor is when the treaty took effect for the state: the row's
// effective date, or, where the row gives none, the later of the deposit
// and the treaty's own entry into force. It is zero while the treaty is
// not in force and the row says nothing.
func (r *Ratification) InForceFor() Date {
	switch {
	case !r.Effective.IsZero():
		return r.Effective
	case r.Date.IsZero() || r.Treaty == nil || r.Treaty.InForce.IsZero():
		return Date{}
	case r.Treaty.InForce.After(r.Date):
		return r.Treaty.InForce
	}
	return r.Date
}

// StatusOn derives the state's status on day d. Events dated after d do
// not count, so the same row answers for any date.
func (r *Ratification) StatusOn(d Date) Status {
	if r == nil {
		return StatusNone
	}
	switch {
	case happened(r.Withdrawn, d):
		return StatusWithdrawn
	case happened(r.Date, d):
		if eff := r.InForceFor(); happened(eff, d) {
			return StatusParty
		}
		return StatusPending
	case happened(r.Signed, d):
		return StatusSignatory
	}
	return StatusNone
}

// Counts are the number of states in each status.
type Counts struct {
	Party, Pending, Signatory, Withdrawn int
}

// Parties counts states that have deposited consent and not withdrawn,
// including those for which the treaty is not yet in force: that is how
// the UN Treaty Collection counts parties.
func (c Counts) Parties() int { return c.Party + c.Pending }

// Of returns the count for one status.
func (c Counts) Of(s Status) int {
	switch s {
	case StatusParty:
		return c.Party
	case StatusPending:
		return c.Pending
	case StatusSignatory:
		return c.Signatory
	case StatusWithdrawn:
		return c.Withdrawn
	}
	return 0
}

func (c *Counts) add(s Status) {
	switch s {
	case StatusParty:
		c.Party++
	case StatusPending:
		c.Pending++
	case StatusSignatory:
		c.Signatory++
	case StatusWithdrawn:
		c.Withdrawn++
	}
}

// CountOn counts the treaty's states by status on day d.
func (t *Treaty) CountOn(d Date) Counts {
	var c Counts
	for _, r := range t.Ratifications {
		c.add(r.StatusOn(d))
	}
	return c
}

// YearCount is the number of parties at the end of a year.
type YearCount struct {
	Year    int
	Parties int
}

// PartiesByYear gives the number of parties at the end of each year from
// the first deposit to until's year (counted on until itself for that
// year). Each row's deposit and withdrawal are placed once and the years
// summed, so the work is linear in rows plus years.
func (t *Treaty) PartiesByYear(until Date) []YearCount {
	if until.IsZero() {
		return nil
	}
	first := until.Year + 1
	delta := map[int]int{}
	for _, r := range t.Ratifications {
		if !happened(r.Date, until) {
			continue
		}
		first = min(first, r.Date.Year)
		delta[r.Date.Year]++
		if happened(r.Withdrawn, until) {
			delta[r.Withdrawn.Year]--
		}
	}
	var out []YearCount
	n := 0
	for y := first; y <= until.Year; y++ {
		n += delta[y]
		out = append(out, YearCount{Year: y, Parties: n})
	}
	return out
}

// On returns the row as it stood on day d: events dated after d are
// removed, so that pages built as of d show only what had happened.
func (r *Ratification) On(d Date) Ratification {
	c := *r
	if !happened(c.Signed, d) {
		c.Signed = Date{}
	}
	if !happened(c.Date, d) {
		c.Action, c.Date, c.Effective = "", Date{}, Date{}
	}
	if !happened(c.Effective, d) {
		c.Effective = Date{}
	}
	if !happened(c.Withdrawn, d) {
		c.Withdrawn = Date{}
	}
	return c
}
