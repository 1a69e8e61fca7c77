package model

import (
	"regexp"
	"sort"
	"strings"

	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/source"
)

// Treaty is one row of the treaties table.
type Treaty struct {
	Record
	ID, Title, ShortTitle string
	Adopted, InForce      Date
	Depositary, UNTC      string
	Category, URL         string
	ReportedParties       int // -1 when not given
	ReportedAsOf          Date
	Ratifications         []*Ratification // sorted by state code
	// Titles and ShortTitles are the title_LANG and short_title_LANG
	// columns: language -> text (see TitleIn and NameIn).
	Titles, ShortTitles map[string]string

	reportedPos diag.Pos
}

// Name is the short title, or the title when there is none.
func (t *Treaty) Name() string {
	if t.ShortTitle != "" {
		return t.ShortTitle
	}
	return t.Title
}

// Ratification is one state's record under one treaty.
type Ratification struct {
	Record
	State        string // ISO alpha-3, upper case
	Treaty       *Treaty
	Signed       Date
	Action       string
	Date         Date // deposit of the instrument of consent
	Effective    Date // entry into force for the state, when the row gives it
	Withdrawn    Date
	Reservations string
}

// Commitment is one row of the commitments table.
type Commitment struct {
	Record
	ID, Title, Kind  string
	Adopted          Date
	Description, URL string
	Statuses         []string
	Records          []*CommitmentStatus // sorted by state, then date
	// Titles and Descriptions are the title_LANG and description_LANG
	// columns: language -> text (see TitleIn and DescriptionIn).
	Titles, Descriptions map[string]string
}

// CommitmentStatus is one state's status under a commitment from a date on.
type CommitmentStatus struct {
	Record
	State      string
	Commitment *Commitment
	Status     string
	Date       Date
}

// Assessment is one row of the compliance table.
type Assessment struct {
	Record
	State      string
	Obligation Obligation
	Rating     string
	Date       Date
	Summary    string
	Evidence   []string
	Confidence string
}

// Obligation is what an assessment measures a state against: a treaty, a
// commitment or a UN document.
type Obligation struct {
	Ref        string // as written: treaty:ID, commitment:ID or a symbol
	Treaty     *Treaty
	Commitment *Commitment
}

// Name is the obligation's readable name.
func (o Obligation) Name() string {
	switch {
	case o.Treaty != nil:
		return o.Treaty.Name()
	case o.Commitment != nil:
		return o.Commitment.Title
	}
	return o.Ref
}

// loadTables reads every data table in Schemas order, so that states are
// known before anything names them, and treaties and commitments before
// ratifications, statuses and assessments. Pages are decoded after the
// states table, since briefs name states.
func (b *builder) loadTables(tables []*source.Table, after func()) {
	byName := map[string]*source.Table{}
	for _, t := range tables {
		if _, ok := SchemaOf(t.Name); !ok {
			b.l.Addf(diag.Pos{Path: t.Path}, "unknown table %q%s; a data file is named after its table: %s", t.Name, diag.Suggest(t.Name, tableNames()), strings.Join(tableNames(), ", "))
			continue
		}
		if prev, dup := byName[t.Name]; dup {
			b.l.Addf(diag.Pos{Path: t.Path, Line: 1}, "table %s is also given by %s; keep one file per table", t.Name, prev.Path)
			continue
		}
		byName[t.Name] = t
	}
	read := func(name string, each func(rowReader)) {
		t := byName[name]
		if t == nil {
			return
		}
		s, _ := SchemaOf(name)
		tr := newTableReader(t, s, b.l, b.dataLangs())
		for _, r := range t.Rows {
			if rr, ok := tr.row(r); ok {
				each(rr)
			}
		}
	}
	b.dups = map[string]diag.Pos{}
	read("states", b.stateRow)
	b.sortStates()
	after()
	read("treaties", b.treatyRow)
	read("commitments", b.commitmentRow)
	read("ratifications", b.ratificationRow)
	read("commitment_status", b.commitmentStatusRow)
	read("compliance", b.assessmentRow)
}

// once reports a record whose key was already seen, at the second record.
func (b *builder) once(rr rowReader, key, what string) bool {
	if prev, dup := b.dups[key]; dup {
		b.l.Addf(rr.pos(), "%s; the first is at %s", what, prev)
		return false
	}
	b.dups[key] = rr.pos()
	return true
}

func (b *builder) state(rr rowReader) (string, bool) {
	s := rr.str("state")
	code, ok := b.stateCode(s)
	if !ok {
		rr.errorf("state", "unknown state %q%s", s, b.suggestState(s))
	}
	return code, ok
}

func (b *builder) treatyRow(rr rowReader) {
	t := &Treaty{
		Record: rr.record(), ID: rr.slug("id"), Title: rr.str("title"), ShortTitle: rr.str("short_title"),
		Adopted: rr.date("adopted"), InForce: rr.date("in_force"),
		Depositary: rr.str("depositary"), UNTC: rr.str("untc"), Category: rr.str("category"), URL: rr.str("url"),
		ReportedParties: rr.integer("reported_parties"), ReportedAsOf: rr.date("reported_as_of"),
		reportedPos: rr.at("reported_parties"),
		Titles:      rr.translations("title"), ShortTitles: rr.translations("short_title"),
	}
	if t.ID == "" {
		return
	}
	if t.ID == MatrixID {
		rr.errorf("id", "treaty id %q is taken by the ratification matrix page, /treaties/%s/; choose another", t.ID, t.ID)
		return
	}
	if definitelyBefore(t.InForce, t.Adopted) {
		rr.errorf("in_force", "in_force %s is before the treaty was adopted on %s", t.InForce, t.Adopted)
	}
	if t.ReportedParties >= 0 && t.ReportedAsOf.IsZero() {
		rr.errorf("reported_parties", "reported_parties needs reported_as_of, the date the depositary gave the figure")
	}
	if !b.once(rr, "treaty\x00"+t.ID, "treaty "+t.ID+" is given twice") {
		return
	}
	b.site.Treaties = append(b.site.Treaties, t)
	b.site.byTreaty[t.ID] = t
}

func (b *builder) treaty(rr rowReader, name string) *Treaty {
	id := rr.str(name)
	if t := b.site.byTreaty[id]; t != nil {
		return t
	}
	rr.errorf(name, "unknown treaty %q%s", id, diag.Suggest(id, b.treatyIDs()))
	return nil
}

func (b *builder) treatyIDs() []string {
	ids := make([]string, len(b.site.Treaties))
	for i, t := range b.site.Treaties {
		ids[i] = t.ID
	}
	return ids
}

func (b *builder) commitmentIDs() []string {
	ids := make([]string, len(b.site.Commitments))
	for i, c := range b.site.Commitments {
		ids[i] = c.ID
	}
	return ids
}

func (b *builder) commitmentRow(rr rowReader) {
	c := &Commitment{
		Record: rr.record(), ID: rr.slug("id"), Title: rr.str("title"), Kind: rr.str("kind"),
		Adopted: rr.date("adopted"), Description: rr.str("description"), URL: rr.str("url"),
		Statuses: rr.list("statuses"), Titles: rr.translations("title"), Descriptions: rr.translations("description"),
	}
	if c.ID == "" || !b.once(rr, "commitment\x00"+c.ID, "commitment "+c.ID+" is given twice") {
		return
	}
	if len(c.Statuses) == 0 {
		c.Statuses = DefaultCommitmentStatuses
	}
	b.site.Commitments = append(b.site.Commitments, c)
	b.site.byCommitment[c.ID] = c
}

func (b *builder) commitment(rr rowReader, id, name string) *Commitment {
	if c := b.site.byCommitment[id]; c != nil {
		return c
	}
	rr.errorf(name, "unknown commitment %q%s", id, diag.Suggest(id, b.commitmentIDs()))
	return nil
}

func (b *builder) commitmentStatusRow(rr rowReader) {
	code, okState := b.state(rr)
	c := b.commitment(rr, rr.str("commitment"), "commitment")
	cs := &CommitmentStatus{Record: rr.record(), State: code, Commitment: c, Date: rr.date("date")}
	if c != nil {
		cs.Status = rr.enum("status", c.Statuses)
		if definitelyBefore(cs.Date, c.Adopted) {
			rr.errorf("date", "date %s is before the commitment was adopted on %s", cs.Date, c.Adopted)
		}
	}
	if !okState || c == nil || cs.Status == "" {
		return
	}
	if !b.once(rr, "status\x00"+code+"\x00"+c.ID+"\x00"+cs.Date.String(), code+" has two statuses under "+c.ID+" on the same date") {
		return
	}
	b.site.CommitmentStatuses = append(b.site.CommitmentStatuses, cs)
}

// symbolPattern is loose on purpose: UN document symbols take many shapes
// (A/RES/60/1, S/RES/2165 (2014), A/HRC/31/68), but all start with an
// organ's capital letters and hold a "/".
var symbolPattern = regexp.MustCompile(`^[A-Z][A-Z0-9.]*/\S`)

func (b *builder) obligation(rr rowReader) (Obligation, bool) {
	ref := rr.str("obligation")
	o := Obligation{Ref: ref}
	switch {
	case strings.HasPrefix(ref, "treaty:"):
		id := strings.TrimPrefix(ref, "treaty:")
		if o.Treaty = b.site.byTreaty[id]; o.Treaty == nil {
			rr.errorf("obligation", "unknown treaty %q%s", id, diag.Suggest(id, b.treatyIDs()))
			return o, false
		}
	case strings.HasPrefix(ref, "commitment:"):
		if o.Commitment = b.commitment(rr, strings.TrimPrefix(ref, "commitment:"), "obligation"); o.Commitment == nil {
			return o, false
		}
	case symbolPattern.MatchString(ref):
	default:
		hint := ""
		if b.site.byTreaty[ref] != nil {
			hint = "; did you mean \"treaty:" + ref + "\"?"
		} else if b.site.byCommitment[ref] != nil {
			hint = "; did you mean \"commitment:" + ref + "\"?"
		}
		rr.errorf("obligation", "obligation %q must be treaty:ID, commitment:ID or a UN document symbol such as A/RES/60/1%s", ref, hint)
		return o, false
	}
	return o, true
}

func (b *builder) assessmentRow(rr rowReader) {
	code, okState := b.state(rr)
	o, okObl := b.obligation(rr)
	a := &Assessment{
		Record: rr.record(), State: code, Obligation: o,
		Rating: rr.enum("rating", Ratings), Date: rr.date("date"),
		Summary: rr.str("summary"), Evidence: rr.list("evidence"), Confidence: rr.enum("confidence", Confidences),
	}
	if !okState || !okObl || a.Rating == "" || a.Date.IsZero() {
		return
	}
	if !b.once(rr, "assessment\x00"+code+"\x00"+o.Ref+"\x00"+a.Date.String(), code+" is assessed against "+o.Ref+" twice on "+a.Date.String()) {
		return
	}
	b.site.Assessments = append(b.site.Assessments, a)
}

// linkData indexes the records by state, treaty and commitment once, so
// that every page's work is proportional to what it shows.
func (b *builder) linkData() {
	s := b.site
	for _, r := range s.Ratifications {
		r.Treaty.Ratifications = append(r.Treaty.Ratifications, r)
	}
	for _, t := range s.Treaties {
		sort.SliceStable(t.Ratifications, func(i, j int) bool { return t.Ratifications[i].State < t.Ratifications[j].State })
		for _, r := range t.Ratifications {
			s.byCode[r.State].Ratifications = append(s.byCode[r.State].Ratifications, r)
		}
	}
	sort.SliceStable(s.CommitmentStatuses, func(i, j int) bool {
		a, c := s.CommitmentStatuses[i], s.CommitmentStatuses[j]
		if a.State != c.State {
			return a.State < c.State
		}
		return a.Date.Before(c.Date)
	})
	for _, cs := range s.CommitmentStatuses {
		cs.Commitment.Records = append(cs.Commitment.Records, cs)
	}
	for _, c := range s.Commitments {
		for _, cs := range c.Records {
			st := s.byCode[cs.State]
			st.Commitments = append(st.Commitments, cs)
		}
	}
	sort.SliceStable(s.Assessments, func(i, j int) bool { return assessmentLess(s.Assessments[i], s.Assessments[j]) })
	for _, a := range s.Assessments {
		st := s.byCode[a.State]
		st.Assessments = append(st.Assessments, a)
	}
	b.checkReported()
}

// assessmentLess orders assessments by state, newest first, then obligation.
func assessmentLess(a, b *Assessment) bool {
	if a.State != b.State {
		return a.State < b.State
	}
	if c := a.Date.Compare(b.Date); c != 0 {
		return c > 0
	}
	return a.Obligation.Ref < b.Obligation.Ref
}

// checkReported compares a depositary's published number of parties with
// the number the ratifications table gives on the same date.
func (b *builder) checkReported() {
	for _, t := range b.site.Treaties {
		if t.ReportedParties < 0 || t.ReportedAsOf.IsZero() {
			continue
		}
		if n := t.CountOn(t.ReportedAsOf).Parties(); n != t.ReportedParties {
			b.l.Addf(t.reportedPos, "treaty %s: the depositary reports %d parties on %s, but the ratifications table gives %d; add the missing rows or correct the figure",
				t.ID, t.ReportedParties, t.ReportedAsOf, n)
		}
	}
}
