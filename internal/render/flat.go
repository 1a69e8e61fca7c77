package render

import (
	"reflect"
	"sync"
)

// Page data embeds Base, and text/template looks a field up by name on
// every access: for a field promoted from an embedded struct, reflect
// searches the embedding breadth-first and allocates as it goes. A page
// reads its Base fields a few dozen times, so on a brief that search was
// about a fifth of the template's time. flatten copies the data into a
// struct of the same fields with none embedded, whose lookups are a plain
// scan. The copy is made once per page; templates see the same names and
// values.

// flatType is a page type's flattened twin.
type flatType struct {
	typ   reflect.Type // nil when the type embeds nothing
	index [][]int      // for each field of typ, its index path in the original
}

var flatTypes sync.Map // reflect.Type -> *flatType

// originals maps the flattened data of each page being rendered to the
// data as given, for the functions that take the page itself (jsonld).
var originals sync.Map

// unflatten returns the page data as given for its flattened copy, and
// any other value unchanged.
func unflatten(v any) any {
	// Only a pointer can be a flattened copy (and only a comparable value
	// can be looked up).
	if t := reflect.TypeOf(v); t == nil || t.Kind() != reflect.Pointer {
		return v
	}
	if o, ok := originals.Load(v); ok {
		return o
	}
	return v
}

// flatten returns data with embedded fields promoted to fields of its own
// (as a pointer to a new struct), or data itself when there is nothing to
// flatten.
func flatten(data any) any {
	v := reflect.ValueOf(data)
	if v.Kind() != reflect.Struct {
		return data
	}
	ft := flatTypeOf(v.Type())
	if ft.typ == nil {
		return data
	}
	out := reflect.New(ft.typ)
	e := out.Elem()
	for i, idx := range ft.index {
		if f, err := v.FieldByIndexErr(idx); err == nil {
			e.Field(i).Set(f)
		}
	}
	return out.Interface()
}

func flatTypeOf(t reflect.Type) *flatType {
	if ft, ok := flatTypes.Load(t); ok {
		return ft.(*flatType)
	}
	ft := &flatType{}
	embeds := false
	var fields []reflect.StructField
	for _, f := range reflect.VisibleFields(t) {
		if f.Anonymous {
			embeds = true
		}
		if !f.IsExported() {
			continue
		}
		ft.index = append(ft.index, f.Index)
		fields = append(fields, reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag})
	}
	if embeds {
		ft.typ = reflect.StructOf(fields)
	} else {
		ft.index = nil
	}
	got, _ := flatTypes.LoadOrStore(t, ft)
	return got.(*flatType)
}
