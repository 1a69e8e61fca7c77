package render

import (
	"html/template"

	"github.com/r2p-monitor/r2p/internal/model"
)

// TreatyRef links to a treaty's page.
type TreatyRef struct {
	ID, Name, Title, URL string
	// NameLang and TitleLang name the language of Name and Title when it
	// is not the page's (no translation was given): "" otherwise.
	NameLang, TitleLang string
}

// CommitmentRef links to a commitment's page.
type CommitmentRef struct {
	ID, Title, URL string
	TitleLang      string // the language of Title when it is not the page's
}

// ObligationRef names what an assessment measures: a treaty or commitment
// (with its page) or a UN document (with a link to it where one is known).
type ObligationRef struct {
	Ref, Name, URL string
	NameLang       string // the language of Name when it is not the page's
}

// RatificationRow is one state's record under one treaty as of as_of:
// events after as_of are blank.
type RatificationRow struct {
	State        StateRef
	Treaty       TreatyRef
	Status       model.Status
	Signed       model.Date
	Action       string
	Date         model.Date
	Effective    model.Date
	Withdrawn    model.Date
	Reservations string
	Source       SourceLink
	Note         string
}

// CommitmentRow is a state's status under a commitment.
type CommitmentRow struct {
	State      StateRef
	Commitment CommitmentRef
	Status     string
	Holds      bool
	Date       model.Date
	Source     SourceLink
}

// AssessmentItem is one compliance assessment.
type AssessmentItem struct {
	ID         string // anchor on the state's page
	State      StateRef
	Obligation ObligationRef
	Rating     string
	Date       model.Date
	Summary    string
	Evidence   []SourceLink
	Confidence string
	Source     SourceLink
}

// StateRisk is one point of a state's risk history, from its briefs.
type StateRisk struct {
	Date  model.Date
	Risk  model.RiskLevel
	Brief BriefRef
}

// BriefRef links to a brief.
type BriefRef struct {
	Title, URL string
}

// TreatyItem is a treaty as lists show it, with its counts as of as_of.
type TreatyItem struct {
	TreatyRef
	Adopted, InForce model.Date
	Category         string
	Counts           model.Counts
	Parties          int
}

// TreatiesPage is the data of templates/treaties/list.html.
type TreatiesPage struct {
	Base
	Intro     template.HTML
	Treaties  []TreatyItem
	MatrixURL string
}

// RegionCount is a treaty's standing in one region.
type RegionCount struct {
	Region                                  string
	States, Parties, Signatories, Withdrawn int
}

// TreatyPage is the data of templates/treaties/treaty.html.
type TreatyPage struct {
	Base
	Treaty       TreatyItem
	Depositary   string
	UNTC         string
	Link         string // the depositary's page, an absolute URL
	Reported     int    // -1 when not given
	ReportedAsOf model.Date
	Parties      []RatificationRow // party and party-pending
	Signatories  []RatificationRow // signed, not yet parties
	Withdrawals  []RatificationRow
	Regions      []RegionCount
	Years        []model.YearCount
	Feed         string
	Source       SourceLink
	Note         string
	Charts       TreatyCharts
}

// MatrixPage is the data of templates/treaties/matrix.html: every state
// against every treaty.
type MatrixPage struct {
	Base
	Intro    template.HTML
	Treaties []TreatyRef
	Rows     []MatrixRow
	Statuses []model.Status // for the legend
}

// MatrixRow is one state's line of the matrix; Cells follow Treaties.
type MatrixRow struct {
	State  StateRef
	Region string
	Cells  []model.Status
}

// CommitmentItem is a commitment as lists show it.
type CommitmentItem struct {
	CommitmentRef
	Kind    string
	Adopted model.Date
	Holders int // states holding it as of as_of
}

// CommitmentsPage is the data of templates/commitments/list.html.
type CommitmentsPage struct {
	Base
	Intro       template.HTML
	Commitments []CommitmentItem
}

// StatusGroup is the states at one status of a commitment.
type StatusGroup struct {
	Status string
	Rows   []CommitmentRow
}

// CommitmentPage is the data of templates/commitments/commitment.html.
type CommitmentPage struct {
	Base
	Commitment      CommitmentItem
	Description     string
	DescriptionLang string // the language of Description when it is not the page's
	Link            string
	Groups          []StatusGroup
	Source          SourceLink
	Note            string
	Charts          CommitmentCharts
}

// CompliancePage is the data of templates/compliance/list.html: a matrix
// of states against the obligations they were assessed on, each cell the
// latest rating as of as_of.
type CompliancePage struct {
	Base
	Intro       template.HTML
	Obligations []ObligationRef
	Rows        []ComplianceRow
	Ratings     []string // for the legend
	Total       int
	Charts      ComplianceCharts
}

// ComplianceRow is one state's line; Cells follow Obligations.
type ComplianceRow struct {
	State StateRef
	Cells []ComplianceCell
}

// ComplianceCell is the latest assessment of a state on an obligation;
// Rating is empty where there is none.
type ComplianceCell struct {
	Rating string
	Date   model.Date
	URL    string // the assessment on the state's page
}

// DataTable describes one table on /data/.
type DataTable struct {
	Name    string
	Doc     string
	CSV     string
	JSON    string
	Records int
	Columns []model.Column
}

// DataPage is the data of templates/data/list.html.
type DataPage struct {
	Base
	Intro   template.HTML
	Tables  []DataTable
	All     string // /data/r2p.json
	Package string // /data/datapackage.json
}
