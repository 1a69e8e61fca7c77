package render

import (
	"html/template"
	"strings"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
)

// The site paths of the data pages. Each returns a path for relURL or
// absURL, never a finished link.

// TreatyURL is the site path of a treaty's page.
func TreatyURL(id string) string { return "/treaties/" + id + "/" }

// TreatyFeedURL is the site path of a treaty's Atom feed.
func TreatyFeedURL(id string) string { return TreatyURL(id) + "feed.xml" }

// StateFeedURL is the site path of a state's Atom feed.
func StateFeedURL(code string) string { return StateURL(code) + "feed.xml" }

// CommitmentURL is the site path of a commitment's page.
func CommitmentURL(id string) string { return "/commitments/" + id + "/" }

// MatrixURL is the site path of the state × treaty matrix.
const MatrixURL = "/treaties/" + model.MatrixID + "/"

func (r *Renderer) asOf() model.Date { return r.site.Config.AsOf }

// refURL resolves treaty:ID and commitment:ID to their pages, so that a
// brief's sources and an assessment's obligation can link to them.
func (r *Renderer) refURL(ref string) (string, bool) {
	if id, ok := strings.CutPrefix(ref, "treaty:"); ok {
		if _, known := r.site.Treaty(id); known {
			return TreatyURL(id), true
		}
	}
	if id, ok := strings.CutPrefix(ref, "commitment:"); ok {
		if _, known := r.site.Commitment(id); known {
			return CommitmentURL(id), true
		}
	}
	return "", false
}

func (r *Renderer) optSource(s string) SourceLink {
	if s == "" {
		return SourceLink{}
	}
	return r.sourceLink(s)
}

func (r *Renderer) stateRef(code string) StateRef {
	return r.stateRefs([]string{code})[0]
}

func (r *Renderer) obligationRef(o model.Obligation) ObligationRef {
	ref := ObligationRef{Ref: o.Ref, Name: o.Name()}
	switch {
	case o.Treaty != nil:
		t := r.treatyRef(o.Treaty)
		ref.URL, ref.Name, ref.NameLang = t.URL, t.Name, t.NameLang
	case o.Commitment != nil:
		c := r.commitmentRef(o.Commitment)
		ref.URL, ref.Name, ref.NameLang = c.URL, c.Title, c.TitleLang
	default:
		ref.URL = r.md.SymbolURL(o.Ref)
	}
	return ref
}

func (r *Renderer) ratificationRow(rat *model.Ratification, t *model.Treaty, code string) RatificationRow {
	row := RatificationRow{State: r.stateRef(code), Treaty: r.treatyRef(t), Status: model.StatusNone}
	if rat == nil {
		return row
	}
	on := rat.On(r.asOf())
	row.Status = rat.StatusOn(r.asOf())
	row.Signed, row.Action, row.Date, row.Effective, row.Withdrawn = on.Signed, on.Action, on.Date, on.Effective, on.Withdrawn
	row.Reservations, row.Source, row.Note = rat.Reservations, r.optSource(rat.Source), rat.Note
	return row
}

func (r *Renderer) stateTreaties(st *model.State) []RatificationRow {
	out := make([]RatificationRow, 0, len(r.site.Treaties))
	for _, t := range r.site.Treaties {
		out = append(out, r.ratificationRow(st.Ratification(t), t, st.Code))
	}
	return out
}

func (r *Renderer) commitmentRow(cs *model.CommitmentStatus) CommitmentRow {
	return CommitmentRow{
		State: r.stateRef(cs.State), Commitment: r.commitmentRef(cs.Commitment),
		Status: cs.Status, Holds: cs.Holds(), Date: cs.Date, Source: r.optSource(cs.Source),
	}
}

func (r *Renderer) stateCommitments(st *model.State) []CommitmentRow {
	var out []CommitmentRow
	for _, c := range r.site.Commitments {
		if cs := st.CommitmentOn(c, r.asOf()); cs != nil {
			out = append(out, r.commitmentRow(cs))
		}
	}
	return out
}

// assessmentID is an assessment's anchor on its state's page.
func assessmentID(a *model.Assessment) string {
	return "assessment-" + slugify(a.Obligation.Ref) + "-" + a.Date.String()
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

func (r *Renderer) assessmentItems(list []*model.Assessment) []AssessmentItem {
	out := make([]AssessmentItem, 0, len(list))
	for _, a := range list {
		item := AssessmentItem{
			ID: assessmentID(a), State: r.stateRef(a.State), Obligation: r.obligationRef(a.Obligation),
			Rating: a.Rating, Date: a.Date, Summary: a.Summary, Confidence: a.Confidence, Source: r.optSource(a.Source),
		}
		for _, e := range a.Evidence {
			item.Evidence = append(item.Evidence, r.sourceLink(e))
		}
		out = append(out, item)
	}
	return out
}

// stateRisks gathers the risk assessments of every brief naming the state:
// each brief's own level and its earlier ones, newest first.
func (r *Renderer) stateRisks(st *model.State) []StateRisk {
	var out []StateRisk
	for _, p := range st.Briefs {
		ref := BriefRef{Title: p.Title, URL: p.URL}
		add := func(d model.Date, id string) {
			if level, ok := r.risk(id); ok && !d.After(r.asOf()) {
				out = append(out, StateRisk{Date: d, Risk: level, Brief: ref})
			}
		}
		add(p.Date, p.Brief.Risk)
		for _, h := range p.Brief.RiskHistory {
			add(h.Date, h.Risk)
		}
	}
	sortStable(out, func(a, b StateRisk) bool {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c > 0
		}
		return a.Brief.URL < b.Brief.URL
	})
	return out
}

func (r *Renderer) treatyItem(t *model.Treaty) TreatyItem {
	c := t.CountOn(r.asOf())
	return TreatyItem{TreatyRef: r.treatyRef(t), Adopted: t.Adopted, InForce: t.InForce, Category: t.Category, Counts: c, Parties: c.Parties()}
}

func (r *Renderer) treatyList(intro markdown.Doc) TreatiesPage {
	title, summary := r.titleOf("/treaties/", "treaties.title")
	page := TreatiesPage{Base: r.base("treaties", title, summary, "/treaties/"), Intro: template.HTML(intro.HTML), MatrixURL: MatrixURL}
	for _, t := range r.site.Treaties {
		page.Treaties = append(page.Treaties, r.treatyItem(t))
	}
	return page
}

func (r *Renderer) treatyPage(t *model.Treaty) TreatyPage {
	item := r.treatyItem(t)
	page := TreatyPage{
		Base:   r.base("treaty", item.Title, "", item.URL),
		Treaty: item, Depositary: t.Depositary, UNTC: t.UNTC, Link: r.urls.Rel(t.URL),
		Reported: t.ReportedParties, ReportedAsOf: t.ReportedAsOf,
		Years: t.PartiesByYear(r.asOf()), Feed: TreatyFeedURL(t.ID),
		Source: r.optSource(t.Source), Note: t.Note,
	}
	regions := map[string]*RegionCount{}
	var order []string
	for _, st := range sortedStates(r.site.States) {
		if regions[st.Region] == nil {
			regions[st.Region] = &RegionCount{Region: st.Region}
			order = append(order, st.Region)
		}
		regions[st.Region].States++
	}
	for _, rat := range t.Ratifications {
		row := r.ratificationRow(rat, t, rat.State)
		st, _ := r.site.State(rat.State)
		rc := regions[st.Region]
		switch row.Status {
		case model.StatusParty, model.StatusPending:
			page.Parties = append(page.Parties, row)
			rc.Parties++
		case model.StatusSignatory:
			page.Signatories = append(page.Signatories, row)
			rc.Signatories++
		case model.StatusWithdrawn:
			page.Withdrawals = append(page.Withdrawals, row)
			rc.Withdrawn++
		}
	}
	for _, name := range order {
		rc := *regions[name]
		rc.Region = r.regionName(rc.Region)
		if rc.Region == "" {
			rc.Region = r.i18n.T("states.no_region")
		}
		page.Regions = append(page.Regions, rc)
	}
	page.Charts = r.treatyFigures(t, page)
	return page
}

func (r *Renderer) matrixPage(intro markdown.Doc) MatrixPage {
	title, summary := r.titleOf(MatrixURL, "matrix.title")
	page := MatrixPage{Base: r.base("matrix", title, summary, MatrixURL), Intro: template.HTML(intro.HTML), Statuses: model.Statuses}
	for _, t := range r.site.Treaties {
		page.Treaties = append(page.Treaties, r.treatyRef(t))
	}
	for _, st := range r.statesByName() {
		row := MatrixRow{State: StateRef{Code: st.Code, Name: r.stateName(st), URL: StateURL(st.Code)}, Region: r.regionName(st.Region)}
		for _, t := range r.site.Treaties {
			row.Cells = append(row.Cells, st.Ratification(t).StatusOn(r.asOf()))
		}
		page.Rows = append(page.Rows, row)
	}
	return page
}

func (r *Renderer) commitmentItem(c *model.Commitment) CommitmentItem {
	n := 0
	for _, cs := range c.StatusOf(r.asOf()) {
		if cs.Holds() {
			n++
		}
	}
	return CommitmentItem{CommitmentRef: r.commitmentRef(c), Kind: c.Kind, Adopted: c.Adopted, Holders: n}
}

func (r *Renderer) commitmentList(intro markdown.Doc) CommitmentsPage {
	title, summary := r.titleOf("/commitments/", "commitments.title")
	page := CommitmentsPage{Base: r.base("commitments", title, summary, "/commitments/"), Intro: template.HTML(intro.HTML)}
	for _, c := range r.site.Commitments {
		page.Commitments = append(page.Commitments, r.commitmentItem(c))
	}
	return page
}

func (r *Renderer) commitmentPage(c *model.Commitment) CommitmentPage {
	item := r.commitmentItem(c)
	page := CommitmentPage{
		Base:       r.base("commitment", item.Title, "", item.URL),
		Commitment: item, Link: r.urls.Rel(c.URL),
		Source: r.optSource(c.Source), Note: c.Note,
	}
	page.Description, page.DescriptionLang = r.commitmentDescription(c)
	current := c.StatusOf(r.asOf())
	for _, status := range c.Statuses {
		g := StatusGroup{Status: status}
		for _, cs := range current {
			if cs.Status == status {
				g.Rows = append(g.Rows, r.commitmentRow(cs))
			}
		}
		page.Groups = append(page.Groups, g)
	}
	page.Charts = r.commitmentFigures(c)
	return page
}

// compliancePage lays out the latest assessment per state and obligation.
// Obligations are columns in the order treaties, commitments, then
// documents by symbol; only obligations someone was assessed on appear.
func (r *Renderer) compliancePage(intro markdown.Doc) CompliancePage {
	title, summary := r.titleOf("/compliance/", "compliance.title")
	page := CompliancePage{Base: r.base("compliance", title, summary, "/compliance/"), Intro: template.HTML(intro.HTML), Ratings: model.Ratings}
	used := map[string]bool{}
	var docs []string
	for _, a := range r.site.Assessments {
		if !a.Date.After(r.asOf()) && !used[a.Obligation.Ref] {
			used[a.Obligation.Ref] = true
			if a.Obligation.Treaty == nil && a.Obligation.Commitment == nil {
				docs = append(docs, a.Obligation.Ref)
			}
		}
	}
	col := map[string]int{}
	addCol := func(o model.Obligation) {
		if used[o.Ref] {
			col[o.Ref] = len(page.Obligations)
			page.Obligations = append(page.Obligations, r.obligationRef(o))
		}
	}
	for _, t := range r.site.Treaties {
		addCol(model.Obligation{Ref: "treaty:" + t.ID, Treaty: t})
	}
	for _, c := range r.site.Commitments {
		addCol(model.Obligation{Ref: "commitment:" + c.ID, Commitment: c})
	}
	sortStable(docs, func(a, b string) bool { return a < b })
	for _, d := range docs {
		addCol(model.Obligation{Ref: d})
	}
	for _, st := range r.statesByName() {
		list := st.AssessmentsOn(r.asOf())
		if len(list) == 0 {
			continue
		}
		row := ComplianceRow{State: StateRef{Code: st.Code, Name: r.stateName(st), URL: StateURL(st.Code)}, Cells: make([]ComplianceCell, len(page.Obligations))}
		for _, a := range list { // newest first: keep the first seen
			if cell := &row.Cells[col[a.Obligation.Ref]]; cell.Rating == "" {
				*cell = ComplianceCell{Rating: a.Rating, Date: a.Date, URL: StateURL(st.Code) + "#" + assessmentID(a)}
				page.Total++
			}
		}
		page.Rows = append(page.Rows, row)
	}
	page.Charts = r.complianceFigures(page)
	return page
}

func (r *Renderer) dataIndex(intro markdown.Doc) DataPage {
	title, summary := r.titleOf("/data/", "data.title")
	page := DataPage{Base: r.base("data", title, summary, "/data/"), Intro: template.HTML(intro.HTML),
		All: "/data/r2p.json", Package: "/data/datapackage.json"}
	for _, s := range model.Schemas {
		page.Tables = append(page.Tables, DataTable{
			Name: s.Name, Doc: s.Doc, CSV: "/data/" + s.Name + ".csv", JSON: "/data/" + s.Name + ".json",
			Records: r.tableLen(s.Name), Columns: s.Columns,
		})
	}
	return page
}

func (r *Renderer) tableLen(name string) int {
	s := r.site
	switch name {
	case "states":
		return len(s.States)
	case "treaties":
		return len(s.Treaties)
	case "ratifications":
		return len(s.Ratifications)
	case "commitments":
		return len(s.Commitments)
	case "commitment_status":
		return len(s.CommitmentStatuses)
	case "compliance":
		return len(s.Assessments)
	}
	return 0
}
