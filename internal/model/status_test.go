package model

import "testing"

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestStatusOn walks one row through time: before signature, signed,
// deposited but not yet in force, party, and withdrawn.
func TestStatusOn(t *testing.T) {
	tr := &Treaty{ID: "rome-statute", Adopted: Date{1998, 7, 17}, InForce: Date{2002, 7, 1}}
	full := &Ratification{Treaty: tr, Signed: Date{1999, 1, 13}, Action: "ratification",
		Date: Date{2004, 9, 21}, Effective: Date{2004, 12, 1}, Withdrawn: Date{2017, 10, 27}}
	early := &Ratification{Treaty: tr, Action: "ratification", Date: Date{2001, 10, 3}} // before the treaty was in force, no effective date
	signedOnly := &Ratification{Treaty: tr, Signed: Date{2000, 11, 29}}
	partial := &Ratification{Treaty: tr, Signed: Date{Year: 2000}}
	for _, tc := range []struct {
		r    *Ratification
		on   string
		want Status
	}{
		{full, "1999-01-12", StatusNone},
		{full, "1999-01-13", StatusSignatory},
		{full, "2004-09-20", StatusSignatory},
		{full, "2004-09-21", StatusPending},
		{full, "2004-11-30", StatusPending},
		{full, "2004-12-01", StatusParty},
		{full, "2016-07-22", StatusParty},
		{full, "2017-10-26", StatusParty},
		{full, "2017-10-27", StatusWithdrawn},
		{full, "2030-01-01", StatusWithdrawn},
		{early, "2001-10-02", StatusNone},
		{early, "2001-10-03", StatusPending},
		{early, "2002-06-30", StatusPending},
		{early, "2002-07-01", StatusParty},
		{signedOnly, "2000-11-28", StatusNone},
		{signedOnly, "2016-07-22", StatusSignatory},
		{partial, "1999-12-31", StatusNone},
		{partial, "2000-01-01", StatusSignatory},
		{nil, "2016-07-22", StatusNone},
	} {
		if got := tc.r.StatusOn(mustDate(t, tc.on)); got != tc.want {
			t.Errorf("%+v on %s: got %s, want %s", tc.r, tc.on, got, tc.want)
		}
	}
}

// TestStatusNotInForce: a treaty with no entry into force keeps every
// consenting state pending, whatever the date.
func TestStatusNotInForce(t *testing.T) {
	tr := &Treaty{ID: "t", Adopted: Date{2010, 1, 1}}
	r := &Ratification{Treaty: tr, Action: "accession", Date: Date{2011, 1, 1}}
	if got := r.StatusOn(Date{2020, 1, 1}); got != StatusPending {
		t.Fatalf("got %s, want party-pending", got)
	}
	// An effective date in the row wins over the treaty's.
	r.Effective = Date{2012, 1, 1}
	if got := r.StatusOn(Date{2012, 1, 1}); got != StatusParty {
		t.Fatalf("got %s, want party", got)
	}
}

func TestCountsAndYears(t *testing.T) {
	tr := &Treaty{ID: "t", Adopted: Date{2000, 1, 1}, InForce: Date{2002, 1, 1}}
	tr.Ratifications = []*Ratification{
		{State: "AAA", Treaty: tr, Action: "ratification", Date: Date{2001, 5, 1}},
		{State: "BBB", Treaty: tr, Action: "accession", Date: Date{2003, 5, 1}, Withdrawn: Date{2005, 6, 1}},
		{State: "CCC", Treaty: tr, Signed: Date{2000, 2, 1}},
		{State: "DDD", Treaty: tr, Action: "accession", Date: Date{2006, 5, 1}, Effective: Date{2006, 8, 1}},
	}
	c := tr.CountOn(Date{2006, 6, 1})
	if c != (Counts{Party: 1, Pending: 1, Signatory: 1, Withdrawn: 1}) || c.Parties() != 2 {
		t.Fatalf("counts %+v", c)
	}
	got := tr.PartiesByYear(Date{2006, 6, 1})
	want := []YearCount{{2001, 1}, {2002, 1}, {2003, 2}, {2004, 2}, {2005, 1}, {2006, 2}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestAsOfOption builds the same data on two dates: a withdrawal after
// as_of does not count.
func TestAsOfOption(t *testing.T) {
	a := parseArchive(t, `
-- content/site.yaml --
as_of: 2016-07-22
-- content/data/treaties.csv --
id,title,adopted,in_force
rome-statute,Rome Statute,1998-07-17,2002-07-01
-- content/data/ratifications.csv --
state,treaty,signed,action,date,effective,withdrawn
BDI,rome-statute,1999-01-13,ratification,2004-09-21,2004-12-01,2017-10-27
`)
	for _, tc := range []struct {
		asOf string
		want Status
	}{{"", StatusParty}, {"2018-01-01", StatusWithdrawn}, {"2004-10-01", StatusPending}, {"2005-09-16", StatusParty}, {"1998-12-31", StatusNone}} {
		s, l := buildArchive(t, a, Options{AsOf: tc.asOf})
		if err := l.Err(); err != nil {
			t.Fatal(err)
		}
		st, _ := s.State("BDI")
		tr, _ := s.Treaty("rome-statute")
		if got := st.Ratification(tr).StatusOn(s.Config.AsOf); got != tc.want {
			t.Errorf("as of %q: got %s, want %s", tc.asOf, got, tc.want)
		}
	}
}
