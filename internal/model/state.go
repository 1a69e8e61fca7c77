package model

import (
	"sort"
	"strings"
)

// stateRow adds a state to the registry or overrides the registry's entry.
// An empty cell keeps the registry's value, so a site can correct one
// field (a name, say) without restating the rest.
func (b *builder) stateRow(rr rowReader) {
	code := strings.ToUpper(rr.str("code"))
	if len(code) != 3 || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		rr.errorf("code", "code %q must be an ISO 3166-1 alpha-3 code: three letters, e.g. SYR", rr.str("code"))
		return
	}
	if !b.once(rr, "state\x00"+code, "state "+code+" is given twice") {
		return
	}
	numeric := rr.str("numeric")
	if numeric != "" && (len(numeric) != 3 || strings.Trim(numeric, "0123456789") != "") {
		rr.errorf("numeric", "numeric %q must be the three-digit ISO 3166-1 numeric code, e.g. 760", numeric)
		numeric = ""
	}
	st := b.site.byCode[code]
	if st == nil {
		st = &State{}
		st.Code = code
		b.site.States = append(b.site.States, st)
		b.site.byCode[code] = st
	}
	st.Record = rr.record()
	st.FromTable = true
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&st.Numeric, numeric)
	set(&st.Name, rr.str("name"))
	set(&st.Region, rr.str("region"))
	set(&st.Subregion, rr.str("subregion"))
	set(&st.MemberSince, rr.year("un_member_since"))
	set(&st.Status, rr.enum("status", StateStatuses))
}

func (b *builder) sortStates() {
	sort.Slice(b.site.States, func(i, j int) bool { return b.site.States[i].Code < b.site.States[j].Code })
}

// Ratification returns the state's row for a treaty, or nil.
func (s *State) Ratification(t *Treaty) *Ratification {
	for _, r := range s.Ratifications {
		if r.Treaty == t {
			return r
		}
	}
	return nil
}

// CommitmentOn returns the state's status under c on day d: its latest
// row dated on or before d (an undated row counts from the start), or nil.
func (s *State) CommitmentOn(c *Commitment, d Date) *CommitmentStatus {
	var last *CommitmentStatus
	for _, cs := range s.Commitments {
		if cs.Commitment == c && (cs.Date.IsZero() || happened(cs.Date, d)) {
			last = cs
		}
	}
	return last
}

// Holds reports whether a status means the state keeps the commitment.
func (cs *CommitmentStatus) Holds() bool { return cs != nil && cs.Status != "withdrawn" }

// AssessmentsOn returns the state's assessments dated on or before d,
// newest first.
func (s *State) AssessmentsOn(d Date) []*Assessment {
	var out []*Assessment
	for _, a := range s.Assessments {
		if happened(a.Date, d) {
			out = append(out, a)
		}
	}
	return out
}

// Joined counts the treaties the state is party to on d (pending included,
// as depositaries count).
func (s *State) Joined(d Date) int {
	n := 0
	for _, r := range s.Ratifications {
		if st := r.StatusOn(d); st == StatusParty || st == StatusPending {
			n++
		}
	}
	return n
}

// CommitmentsHeld counts the commitments the state holds on d.
func (s *State) CommitmentsHeld(commitments []*Commitment, d Date) int {
	n := 0
	for _, c := range commitments {
		if s.CommitmentOn(c, d).Holds() {
			n++
		}
	}
	return n
}

// StatusOf returns each state's current status under c on d, for those
// that have one, sorted by state.
func (c *Commitment) StatusOf(d Date) []*CommitmentStatus {
	var out []*CommitmentStatus
	for i := 0; i < len(c.Records); {
		j := i
		var last *CommitmentStatus
		for ; j < len(c.Records) && c.Records[j].State == c.Records[i].State; j++ {
			if cs := c.Records[j]; cs.Date.IsZero() || happened(cs.Date, d) {
				last = cs
			}
		}
		if last != nil {
			out = append(out, last)
		}
		i = j
	}
	return out
}
