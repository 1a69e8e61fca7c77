package render

import (
	"fmt"
	"strings"

	"github.com/r2p-monitor/r2p/internal/model"
)

// A Frictionless Data Package (https://specs.frictionlessdata.io/) lets
// open-data tools load the CSV exports with their types and links. Partial
// dates (2016, 2016-07) are valid in r2p but not in the standard's date
// type, so dates are declared as strings with their pattern; lists are
// strings with ";" between items, since Table Schema v1 has no list type.

type dataPackage struct {
	Profile   string        `json:"profile"`
	Name      string        `json:"name"`
	Title     string        `json:"title"`
	Homepage  string        `json:"homepage,omitempty"`
	Version   string        `json:"version,omitempty"`
	Licenses  []pkgLicense  `json:"licenses,omitempty"`
	Resources []pkgResource `json:"resources"`
}

type pkgLicense struct {
	Name string `json:"name"`
}

type pkgResource struct {
	Profile     string    `json:"profile"`
	Name        string    `json:"name"`
	Path        string    `json:"path"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Format      string    `json:"format"`
	MediaType   string    `json:"mediatype"`
	Encoding    string    `json:"encoding"`
	Schema      pkgSchema `json:"schema"`
}

type pkgSchema struct {
	Fields      []pkgField      `json:"fields"`
	PrimaryKey  []string        `json:"primaryKey,omitempty"`
	ForeignKeys []pkgForeignKey `json:"foreignKeys,omitempty"`
}

type pkgField struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	Description string          `json:"description,omitempty"`
	Constraints *pkgConstraints `json:"constraints,omitempty"`
}

type pkgConstraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
}

type pkgForeignKey struct {
	Fields    []string  `json:"fields"`
	Reference pkgTarget `json:"reference"`
}

type pkgTarget struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// foreignKeys are the references between tables that validation enforces.
var foreignKeys = map[string][]pkgForeignKey{
	"ratifications": {
		{Fields: []string{"state"}, Reference: pkgTarget{Resource: "states", Fields: []string{"code"}}},
		{Fields: []string{"treaty"}, Reference: pkgTarget{Resource: "treaties", Fields: []string{"id"}}},
	},
	"commitment_status": {
		{Fields: []string{"state"}, Reference: pkgTarget{Resource: "states", Fields: []string{"code"}}},
		{Fields: []string{"commitment"}, Reference: pkgTarget{Resource: "commitments", Fields: []string{"id"}}},
	},
	"compliance": {
		{Fields: []string{"state"}, Reference: pkgTarget{Resource: "states", Fields: []string{"code"}}},
	},
}

func (r *Renderer) dataPackage() dataPackage {
	c := r.site.Config
	p := dataPackage{
		Profile: "tabular-data-package", Name: packageName(c.Title), Title: c.Title,
		Version: c.AsOf.String(),
	}
	if c.BaseURL.Host != "" {
		p.Homepage = r.urls.Abs("/data/")
	}
	if c.License != "" {
		p.Licenses = []pkgLicense{{Name: c.License}}
	}
	for _, s := range model.Schemas {
		res := pkgResource{
			Profile: "tabular-data-resource", Name: strings.ReplaceAll(s.Name, "_", "-"), Path: s.Name + ".csv",
			Title: s.Name, Description: s.Doc, Format: "csv", MediaType: "text/csv", Encoding: "utf-8",
			Schema: pkgSchema{ForeignKeys: foreignKeys[s.Name]},
		}
		if keyRequired(s) {
			res.Schema.PrimaryKey = s.Key
		}
		for _, col := range s.Columns {
			res.Schema.Fields = append(res.Schema.Fields, pkgFieldOf(col))
		}
		for _, lc := range r.langColumns(s) {
			res.Schema.Fields = append(res.Schema.Fields, r.pkgLangField(s, lc))
		}
		p.Resources = append(p.Resources, res)
	}
	// Resource names follow the spec's pattern (lower case, - _ .), and
	// foreign keys must name resources as declared.
	for i := range p.Resources {
		for j := range p.Resources[i].Schema.ForeignKeys {
			fk := &p.Resources[i].Schema.ForeignKeys[j]
			fk.Reference.Resource = strings.ReplaceAll(fk.Reference.Resource, "_", "-")
		}
	}
	return p
}

// keyRequired: Table Schema requires primary key fields to be present, so
// a key is declared only where every part of it is a required column.
func keyRequired(s model.Schema) bool {
	for _, k := range s.Key {
		for _, c := range s.Columns {
			if c.Name == k && !c.Required {
				return false
			}
		}
	}
	return true
}

func pkgFieldOf(c model.Column) pkgField {
	f := pkgField{Name: c.Name, Type: "string", Description: c.Doc}
	var cons pkgConstraints
	switch c.Type {
	case "integer":
		f.Type = "integer"
	case "year":
		f.Type = "year"
	case "date":
		cons.Pattern = `[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?`
		f.Description += " (YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no more)"
	case "list":
		f.Description += " (items separated by ;)"
	}
	cons.Required = c.Required
	cons.Enum = c.Values
	if cons.Required || cons.Enum != nil || cons.Pattern != "" {
		f.Constraints = &cons
	}
	return f
}

// pkgLangField describes a translation column, such as title_fr.
func (r *Renderer) pkgLangField(s model.Schema, lc langColumn) pkgField {
	doc := lc.base
	for _, c := range s.Columns {
		if c.Name == lc.base {
			doc = c.Doc
		}
	}
	return pkgField{Name: lc.name(), Type: "string",
		Description: fmt.Sprintf("%s, in the language %s (the column %s gives it in %s)", doc, lc.lang, lc.base, r.site.Config.Language)}
}

// packageName makes the lower-case name the spec asks for from the title.
func packageName(title string) string {
	if s := slugify(title); s != "" {
		return s
	}
	return "r2p"
}
