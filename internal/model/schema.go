package model

// Column describes one column of a data table. The same description checks
// input, labels exports and writes datapackage.json, so the three cannot
// disagree.
type Column struct {
	Name     string
	Required bool
	Type     string   // "string", "date" (YYYY-MM-DD, YYYY-MM or YYYY), "integer", "year" or "list"
	Values   []string // the allowed values, where the set is closed
	// Doc is the English description, written into datapackage.json. The
	// /data/ page shows data.col.TABLE.NAME from i18n/LANG.yaml instead,
	// whose English text must be this one (a test checks it).
	Doc string
	// Translatable columns may be given again in another language, in a
	// column named NAME_LANG (title_fr, title_ar): see translations.go.
	Translatable bool
}

// Schema describes one table of content/data/.
type Schema struct {
	Name    string
	Doc     string   // in English, as Column.Doc; data.doc.NAME on /data/
	Key     []string // the columns that identify a record
	Columns []Column
}

// The closed sets of values. Actions are the consenting acts the UN Treaty
// Collection records; ratings and confidences are the compliance scale.
var (
	Actions       = []string{"ratification", "accession", "succession", "acceptance", "approval", "definitive-signature"}
	Ratings       = []string{"met", "partial", "not-met", "not-assessed"}
	Confidences   = []string{"high", "medium", "low"}
	StateStatuses = []string{"member", "observer", "non-member"}
	// DefaultCommitmentStatuses apply to a commitment whose statuses
	// column is empty. The status "withdrawn" always means the state no
	// longer holds the commitment.
	DefaultCommitmentStatuses = []string{"supporter", "withdrawn"}
)

var common = []Column{
	{Name: "source", Type: "string", Doc: "a UN document symbol or a URL the record is taken from"},
	{Name: "note", Type: "string", Doc: "free text"},
}

// Schemas lists the tables in the order they are loaded: each table refers
// only to tables before it.
var Schemas = []Schema{
	{Name: "states", Key: []string{"code"}, Doc: "States the site knows: the built-in registry of 193 UN Member States and 2 Observer States, with a site's additions and overrides.",
		Columns: []Column{
			{Name: "code", Required: true, Type: "string", Doc: "ISO 3166-1 alpha-3 code"},
			{Name: "numeric", Type: "string", Doc: "ISO 3166-1 numeric code (three digits), which is also the UN M49 code"},
			{Name: "name", Required: true, Type: "string", Doc: "short English name"},
			{Name: "region", Type: "string", Doc: "UN M49 region"},
			{Name: "subregion", Type: "string", Doc: "UN M49 sub-region"},
			{Name: "un_member_since", Type: "year", Doc: "year of admission to the United Nations"},
			{Name: "status", Type: "string", Values: StateStatuses, Doc: "standing at the United Nations"},
			common[0], common[1],
		}},
	{Name: "treaties", Key: []string{"id"}, Doc: "The treaties the site follows.",
		Columns: []Column{
			{Name: "id", Required: true, Type: "string", Doc: "slug used in URLs and in the other tables"},
			{Name: "title", Required: true, Type: "string", Doc: "full title", Translatable: true},
			{Name: "short_title", Type: "string", Doc: "short title used in tables", Translatable: true},
			{Name: "adopted", Type: "date", Doc: "date of adoption"},
			{Name: "in_force", Type: "date", Doc: "date of entry into force"},
			{Name: "depositary", Type: "string", Doc: "the depositary"},
			{Name: "untc", Type: "string", Doc: "UN Treaty Collection chapter number, e.g. IV-1"},
			{Name: "category", Type: "string", Doc: "a grouping chosen by the site"},
			{Name: "url", Type: "string", Doc: "the depositary's status page"},
			{Name: "reported_parties", Type: "integer", Doc: "number of parties the depositary reports on reported_as_of, checked against this table"},
			{Name: "reported_as_of", Type: "date", Doc: "date of reported_parties"},
			common[0], common[1],
		}},
	{Name: "ratifications", Key: []string{"state", "treaty"}, Doc: "Each state's signature, consent to be bound and withdrawal, as the depositary records them. A row needs signed, or action with date.",
		Columns: []Column{
			{Name: "state", Required: true, Type: "string", Doc: "ISO alpha-3 code"},
			{Name: "treaty", Required: true, Type: "string", Doc: "treaty id"},
			{Name: "signed", Type: "date", Doc: "date of signature"},
			{Name: "action", Type: "string", Values: Actions, Doc: "the consenting act"},
			{Name: "date", Type: "date", Doc: "date the instrument was deposited"},
			{Name: "effective", Type: "date", Doc: "date the treaty entered into force for the state"},
			{Name: "withdrawn", Type: "date", Doc: "date a withdrawal took effect"},
			{Name: "reservations", Type: "string", Doc: "reservations and declarations"},
			common[0], common[1],
		}},
	{Name: "commitments", Key: []string{"id"}, Doc: "Political commitments states can make.",
		Columns: []Column{
			{Name: "id", Required: true, Type: "string", Doc: "slug used in URLs and in the other tables"},
			{Name: "title", Required: true, Type: "string", Doc: "title", Translatable: true},
			{Name: "kind", Type: "string", Doc: "a grouping chosen by the site"},
			{Name: "adopted", Type: "date", Doc: "date the commitment was opened"},
			{Name: "description", Type: "string", Doc: "what a state undertakes", Translatable: true},
			{Name: "url", Type: "string", Doc: "the text or the list of supporters"},
			{Name: "statuses", Type: "list", Doc: "the status words allowed in commitment_status (default supporter;withdrawn)"},
			common[0], common[1],
		}},
	{Name: "commitment_status", Key: []string{"state", "commitment", "date"}, Doc: "Each state's status under a commitment; a later row supersedes an earlier one.",
		Columns: []Column{
			{Name: "state", Required: true, Type: "string", Doc: "ISO alpha-3 code"},
			{Name: "commitment", Required: true, Type: "string", Doc: "commitment id"},
			{Name: "status", Required: true, Type: "string", Doc: "one of the commitment's statuses"},
			{Name: "date", Type: "date", Doc: "date the status began"},
			common[0], common[1],
		}},
	{Name: "compliance", Key: []string{"state", "obligation", "date"}, Doc: "Assessments of how far a state has kept an obligation.",
		Columns: []Column{
			{Name: "state", Required: true, Type: "string", Doc: "ISO alpha-3 code"},
			{Name: "obligation", Required: true, Type: "string", Doc: "treaty:ID, commitment:ID or a UN document symbol"},
			{Name: "rating", Required: true, Type: "string", Values: Ratings, Doc: "the assessment"},
			{Name: "date", Required: true, Type: "date", Doc: "date of the assessment"},
			{Name: "summary", Type: "string", Doc: "the reasoning, in one paragraph"},
			{Name: "evidence", Type: "list", Doc: "UN document symbols or URLs"},
			{Name: "confidence", Type: "string", Values: Confidences, Doc: "how sure the assessment is"},
			common[0], common[1],
		}},
}

// SchemaOf returns the schema of the named table.
func SchemaOf(name string) (*Schema, bool) {
	for i := range Schemas {
		if Schemas[i].Name == name {
			return &Schemas[i], true
		}
	}
	return nil, false
}

// Names returns the column names of s in order.
func (s *Schema) Names() []string {
	out := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		out[i] = c.Name
	}
	return out
}

func (s *Schema) column(name string) (Column, bool) {
	for _, c := range s.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

func tableNames() []string {
	out := make([]string, len(Schemas))
	for i, s := range Schemas {
		out[i] = s.Name
	}
	return out
}
