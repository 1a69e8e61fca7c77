package render

import (
	"fmt"
	"html/template"
	"maps"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/r2p-monitor/r2p/internal/model"
)

// funcs returns the functions templates may call:
//
//	relURL PATH          a site path made absolute from the host root: /about/ -> /r2p/about/
//	absURL PATH          a site path as a full URL under base_url
//	t KEY [ARGS...]      the interface string KEY in the site's language (fmt verbs fill ARGS)
//	date VALUE [LAYOUT]  a model.Date or YYYY-MM-DD string, formatted in the page's language
//	                     (English: "2 January 2006", or LAYOUT; others: their date.format and
//	                     month names); partial dates show as given: "2016", "July 2016"
//	langURL LANG PATH    PATH in language LANG: langURL "fr" "/about/" -> /fr/about/
//	absLangURL LANG PATH the same as a full URL, for hreflang links
//	isoDate VALUE        the date as YYYY-MM-DD (or its partial form)
//	timeTag VALUE        <time datetime="ISO">date</time>, or nothing for a missing date
//	riskBadge LEVEL      a risk level as <span class="risk-badge risk-ID">Label</span>
//	number N [DIGITS]    a count or amount written the page's language's way: 10,000;
//	                     10 000 (fr, ru); 10.000 (es); never for years or codes (numbers.go)
//	percent PART WHOLE   PART as a share of WHOLE, a whole percent: 46 %; "" when WHOLE is 0
//	markdownify TEXT     inline Markdown rendered to HTML (summaries, notes)
//	first N LIST         at most the first N items; after N LIST: all but the first N
//	sortBy FIELD LIST    a copy sorted by a field (or method) of the items, ascending
//	groupBy FIELD LIST   []Group{Key, Items} in order of first appearance
//	join SEP LIST        strings joined with SEP
//	lower, upper, title  case changes
//	dict K V ...         a map for passing several values to a partial
//	list V ...           a slice of the values
//	add A B              integer sum
//	partialCached NAME DATA [VARIANT...]
//	                     the partial NAME rendered once per site (and per VARIANT
//	                     value) and reused on every page: for parts such as the footer
//	                     that do not change from page to page
//	jsonld PAGE          the page's schema.org description as JSON-LD (WebSite, Article,
//	                     Dataset), for a <script type="application/ld+json">; "" for
//	                     other pages (see jsonld.go)
func (r *Renderer) funcs() template.FuncMap {
	m := template.FuncMap{
		"relURL":        r.urls.Rel,
		"absURL":        r.urls.Abs,
		"t":             r.i18n.T,
		"date":          r.formatDate,
		"langURL":       r.langURL,
		"absLangURL":    r.absLangURL,
		"isoDate":       isoDate,
		"timeTag":       r.timeTag,
		"riskBadge":     riskBadge,
		"number":        r.number,
		"percent":       r.percent,
		"markdownify":   r.markdownify,
		"first":         first,
		"after":         after,
		"sortBy":        sortBy,
		"groupBy":       groupBy,
		"join":          join,
		"lower":         strings.ToLower,
		"upper":         strings.ToUpper,
		"title":         titleCase,
		"dict":          dict,
		"list":          func(v ...any) []any { return v },
		"add":           func(a, b int) int { return a + b },
		"partialCached": r.partialCached,
		"jsonld":        r.jsonld,
	}
	maps.Copy(m, fusedFuncs())
	return m
}

// markdownify is the one template function that produces HTML, and it does
// so only through the Markdown converter, which escapes raw HTML unless the
// site opted in.
func (r *Renderer) markdownify(s string) template.HTML {
	return template.HTML(r.md.Inline(s))
}

func toDate(v any) (model.Date, error) {
	switch d := v.(type) {
	case model.Date:
		return d, nil
	case *model.Date:
		return *d, nil
	case string:
		if d == "" {
			return model.Date{}, nil
		}
		return model.ParseDate(d)
	}
	return model.Date{}, fmt.Errorf("date: cannot format %T", v)
}

// formatDate writes a date the way the page's language does. English
// keeps Go layouts; other languages take their pattern ({d} {month} {y},
// {y}年{m}月{d}日) and month names from their translation file, so adding
// a language needs no code.
func (r *Renderer) formatDate(v any, layout ...string) (string, error) {
	if r.lang == "en" || !r.i18n.Has("date.format") {
		return formatDate(v, layout...)
	}
	d, err := toDate(v)
	if err != nil || d.IsZero() {
		return "", err
	}
	month := ""
	if d.Month > 0 {
		month = r.i18n.T(fmt.Sprintf("month.%d", d.Month))
	}
	switch {
	case d.Month == 0:
		return fmt.Sprint(d.Year), nil
	case d.Day == 0:
		return month + " " + fmt.Sprint(d.Year), nil
	}
	return strings.NewReplacer("{d}", fmt.Sprint(d.Day), "{m}", fmt.Sprint(d.Month), "{month}", month, "{y}", fmt.Sprint(d.Year)).
		Replace(r.i18n.T("date.format")), nil
}

// langURL is the URL of a page in another of the site's languages.
func (r *Renderer) langURL(lang, p string) string { return r.urlsFor(lang).Rel(p) }

func (r *Renderer) absLangURL(lang, p string) string { return r.urlsFor(lang).Abs(p) }

func (r *Renderer) urlsFor(lang string) URLs {
	u := NewURLs(r.site.Config.BaseURL, r.site.Config.Offline)
	if lang != r.site.Config.Language {
		u = u.WithLang(lang)
	}
	return u
}

func formatDate(v any, layout ...string) (string, error) {
	d, err := toDate(v)
	if err != nil || d.IsZero() {
		return "", err
	}
	switch {
	case d.Month == 0:
		return fmt.Sprint(d.Year), nil
	case d.Day == 0:
		return d.Time().Format("January 2006"), nil
	case len(layout) > 0:
		return d.Time().Format(layout[0]), nil
	}
	return d.Time().Format("2 January 2006"), nil
}

func isoDate(v any) (string, error) {
	d, err := toDate(v)
	return d.String(), err
}

func first(n int, list any) (any, error) {
	v, err := sliceOf(list)
	if err != nil {
		return nil, err
	}
	return v.Slice(0, min(max(n, 0), v.Len())).Interface(), nil
}

func after(n int, list any) (any, error) {
	v, err := sliceOf(list)
	if err != nil {
		return nil, err
	}
	return v.Slice(min(max(n, 0), v.Len()), v.Len()).Interface(), nil
}

func sliceOf(list any) (reflect.Value, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return v, fmt.Errorf("expected a list, got %T", list)
	}
	return v, nil
}

// field reads a field or a method without arguments from item, following
// pointers, so that sortBy and groupBy work on any page data.
func field(item reflect.Value, name string) (reflect.Value, error) {
	for item.Kind() == reflect.Pointer || item.Kind() == reflect.Interface {
		if item.IsNil() {
			return reflect.Value{}, fmt.Errorf("nil item")
		}
		if m := item.MethodByName(name); m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() >= 1 {
			return m.Call(nil)[0], nil
		}
		item = item.Elem()
	}
	if m := item.MethodByName(name); m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() >= 1 {
		return m.Call(nil)[0], nil
	}
	if item.Kind() == reflect.Struct {
		if f := item.FieldByName(name); f.IsValid() {
			return f, nil
		}
	}
	if item.Kind() == reflect.Map {
		if f := item.MapIndex(reflect.ValueOf(name)); f.IsValid() {
			return f, nil
		}
	}
	return reflect.Value{}, fmt.Errorf("no field %q in %s", name, item.Type())
}

func sortBy(name string, list any) (any, error) {
	v, err := sliceOf(list)
	if err != nil {
		return nil, err
	}
	out := reflect.MakeSlice(reflect.SliceOf(v.Type().Elem()), v.Len(), v.Len())
	reflect.Copy(out, v)
	keys := make([]string, v.Len())
	for i := range keys {
		f, err := field(out.Index(i), name)
		if err != nil {
			return nil, fmt.Errorf("sortBy: %w", err)
		}
		keys[i] = sortKey(f)
	}
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	sorted := reflect.MakeSlice(out.Type(), len(idx), len(idx))
	for i, j := range idx {
		sorted.Index(i).Set(out.Index(j))
	}
	return sorted.Interface(), nil
}

// sortKey makes a string that orders like the value: numbers are padded so
// that 9 sorts before 10, dates use their ISO form.
func sortKey(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case model.Date:
		return x.String()
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case int, int64, int32:
		return fmt.Sprintf("%020d", v.Int()+1<<62)
	}
	return fmt.Sprint(v.Interface())
}

// Group is one group made by groupBy.
type Group struct {
	Key   string
	Items []any
}

func groupBy(name string, list any) ([]Group, error) {
	v, err := sliceOf(list)
	if err != nil {
		return nil, err
	}
	var groups []Group
	index := map[string]int{}
	for i := 0; i < v.Len(); i++ {
		f, err := field(v.Index(i), name)
		if err != nil {
			return nil, fmt.Errorf("groupBy: %w", err)
		}
		key := fmt.Sprint(f.Interface())
		j, ok := index[key]
		if !ok {
			j = len(groups)
			index[key] = j
			groups = append(groups, Group{Key: key})
		}
		groups[j].Items = append(groups[j].Items, v.Index(i).Interface())
	}
	return groups, nil
}

func join(sep string, list any) (string, error) {
	v, err := sliceOf(list)
	if err != nil {
		return "", err
	}
	parts := make([]string, v.Len())
	for i := range parts {
		parts[i] = fmt.Sprint(v.Index(i).Interface())
	}
	return strings.Join(parts, sep), nil
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs pairs of key and value")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// partialCached renders a partial once per name and variant. Thousands of
// pages share the same header and footer, and rendering them once saves a
// large share of template time; the template author states, by the
// variants given, everything the partial's output depends on.
func (r *Renderer) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	key := name + "\x00" + fmt.Sprint(variants...)
	if v, ok := r.partials.Load(key); ok {
		return v.(template.HTML), nil
	}
	t := r.common.Lookup(name)
	if t == nil {
		return "", fmt.Errorf("partialCached: no template %q", name)
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", err
	}
	// html/template escaped the partial's output for the body context it
	// was written in, which is where partials are called.
	out := template.HTML(b.String())
	r.partials.Store(key, out)
	return out, nil
}

// timeTag is a date as a <time> element: the ISO date for machines and the
// date written in the page's language for people; nothing for a missing
// date. It stands for <time datetime="{{isoDate D}}">{{date D}}</time>
// in one call, which counts on pages with hundreds of dated rows: each
// template action costs a reflective call and an escaper.
func (r *Renderer) timeTag(v any) (template.HTML, error) {
	d, err := toDate(v)
	if err != nil || d.IsZero() {
		return "", err
	}
	if tag, ok := r.timeTags.load(d); ok {
		return tag, nil
	}
	text, err := r.formatDate(d)
	if err != nil {
		return "", err
	}
	tag := template.HTML(`<time datetime="` + d.String() + `">` + template.HTMLEscapeString(text) + `</time>`)
	r.timeTags.store(d, tag)
	return tag, nil
}

// riskBadge is a risk level as the badge the default theme shows (a span
// whose class names the level); nothing for a missing level.
func riskBadge(v any) (template.HTML, error) {
	var l model.RiskLevel
	switch x := v.(type) {
	case model.RiskLevel:
		l = x
	case *model.RiskLevel:
		if x == nil {
			return "", nil
		}
		l = *x
	default:
		return "", fmt.Errorf("riskBadge: %T is not a risk level", v)
	}
	if l.ID == "" {
		return "", nil
	}
	return template.HTML(`<span class="risk-badge risk-` + template.HTMLEscapeString(l.ID) + `">` + template.HTMLEscapeString(l.Label) + `</span>`), nil
}
