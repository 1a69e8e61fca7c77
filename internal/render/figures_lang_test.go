package render

import (
	"html"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/model"
	"go.yaml.in/yaml/v3"
)

// figureHTML returns the <figure> of id in page, or "".
func figureHTML(page, id string) string {
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], "</figure>")
	if j < 0 {
		return ""
	}
	return page[i : i+j]
}

var (
	figcaption = regexp.MustCompile(`<figcaption[^>]*>([^<]*)</figcaption>`)
	colHeader  = regexp.MustCompile(`<th scope="col"[^>]*>([^<]*)</th>`)
)

// TestFigureStringsTranslated: a figure's caption, its summary and its
// table's column headers are in the page's language, from i18n/LANG.yaml,
// and none of the English figure strings is left on the page.
func TestFigureStringsTranslated(t *testing.T) {
	type want struct {
		page, figure, caption string
		headers               []string // among the figure's column headers
	}
	tests := map[string][]want{
		"fr": {
			{"fr/index.html", "fig-map", "Situations par niveau de risque, au 1 janvier 2024", []string{"Niveau de risque", "Nombre", "États"}},
			{"fr/index.html", "fig-regions", "Participation aux principaux traités par région, au 1 janvier 2024", []string{"Région"}},
			{"fr/treaties/model-treaty/index.html", "fig-map", "Model Treaty : statut de chaque État au 1 janvier 2024", []string{"Statut", "Nombre", "États"}},
			{"fr/treaties/model-treaty/index.html", "fig-regions", "Model Treaty : États par statut dans chaque région, au 1 janvier 2024", []string{"Région", "Ni partie ni signataire"}},
			{"fr/states/fra/index.html", "fig-timeline", "France : actes relatifs aux traités et évaluations du risque au fil du temps", []string{"Traité ou évaluation", "Date", "Événement"}},
			{"fr/compliance/index.html", "fig-compliance", "Évaluations du respect des obligations par État et par obligation, au 1 janvier 2024", []string{"Obligation", "Respecté"}},
		},
		"ar": {
			{"ar/index.html", "fig-map", "الحالات حسب مستوى الخطر، حتى 1 كانون الثاني/يناير 2024", []string{"مستوى الخطر", "العدد", "الدول"}},
			{"ar/index.html", "fig-regions", "المشاركة في المعاهدات الأساسية حسب المنطقة، حتى 1 كانون الثاني/يناير 2024", []string{"المنطقة"}},
			{"ar/treaties/model-treaty/index.html", "fig-map", "Model Treaty: وضع كل دولة حتى 1 كانون الثاني/يناير 2024", []string{"الوضع", "العدد", "الدول"}},
			{"ar/treaties/model-treaty/index.html", "fig-regions", "Model Treaty: الدول حسب وضعها في كل منطقة، حتى 1 كانون الثاني/يناير 2024", []string{"المنطقة", "ليست طرفاً ولا موقِّعة", "المجموع"}},
			{"ar/states/fra/index.html", "fig-timeline", "فرنسا: الإجراءات المتعلقة بالمعاهدات وتقييمات الخطر على مر الزمن", []string{"المعاهدة أو التقييم", "التاريخ", "الحدث"}},
			{"ar/compliance/index.html", "fig-compliance", "تقديرات الامتثال حسب الدولة والالتزام، حتى 1 كانون الثاني/يناير 2024", []string{"الالتزام", "مستوفى"}},
		},
	}
	english := figureText(t, "en")
	for lang, wants := range tests {
		t.Run(lang, func(t *testing.T) {
			out := generateWith(t, localSite, lang, "")
			summary := builtinString(t, lang, "figure.table")
			translated := figureText(t, lang)
			pages := map[string]bool{}
			for _, w := range wants {
				pages[w.page] = true
				fig := figureHTML(out[w.page], w.figure)
				if fig == "" {
					t.Errorf("%s has no figure %s", w.page, w.figure)
					continue
				}
				if m := figcaption.FindStringSubmatch(fig); m == nil || m[1] != w.caption {
					t.Errorf("%s #%s caption = %q, want %q", w.page, w.figure, m, w.caption)
				}
				if !strings.Contains(fig, "<summary>"+summary+"</summary>") {
					t.Errorf("%s #%s: the table's summary is not %q", w.page, w.figure, summary)
				}
				heads := map[string]bool{}
				for _, m := range colHeader.FindAllStringSubmatch(fig, -1) {
					heads[m[1]] = true
				}
				for _, h := range w.headers {
					if !heads[h] {
						t.Errorf("%s #%s: no column header %q among %v", w.page, w.figure, h, heads)
					}
				}
			}
			for page := range pages {
				for _, m := range figureID.FindAllStringSubmatch(out[page], -1) {
					fig := figureHTML(out[page], m[2])
					text := tag.ReplaceAllString(fig, " ")
					for key, en := range english {
						if translated[key] == en {
							continue // the same in both languages ("Total", "Date")
						}
						if strings.Contains(text, en) {
							t.Errorf("%s #%s holds the English of %s: %q", page, m[2], key, en)
						}
					}
				}
			}
		})
	}
}

// tag matches an HTML or SVG tag, attributes included: a figure's text is
// what is left.
var tag = regexp.MustCompile(`<[^>]*>`)

// figureText returns, for each figure.* string of LANG.yaml (each plural
// form apart), its longest stretch of plain text (without the fmt verbs),
// as it would appear on a page that fell back to that language.
func figureText(t *testing.T, lang string) map[string]string {
	t.Helper()
	verb := regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?\d*(?:\.\d+)?[a-zA-Z%]`)
	out := map[string]string{}
	for key, v := range builtinStrings(t, lang) {
		if !strings.HasPrefix(key, "figure.") {
			continue
		}
		longest := ""
		for _, part := range verb.Split(v, -1) {
			if part = strings.TrimSpace(part); len(part) > len(longest) {
				longest = part
			}
		}
		if len(longest) >= 4 { // "Total" and longer; not "of" or "–"
			out[key] = longest
		}
	}
	if lang == "en" && len(out) < 30 {
		t.Fatalf("en.yaml gives %d figure strings", len(out))
	}
	return out
}

// builtinStrings reads the built-in i18n/LANG.yaml; each plural form of a
// plural string is an entry of its own, "KEY[FORM]".
func builtinStrings(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(r2p.Defaults, "i18n/"+lang+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			m[k] = v
		case map[string]any:
			for form, text := range v {
				m[k+"["+form+"]"], _ = text.(string)
			}
		}
	}
	return m
}

func builtinString(t *testing.T, lang, key string) string {
	t.Helper()
	v, ok := builtinStrings(t, lang)[key]
	if !ok {
		t.Fatalf("i18n/%s.yaml has no %s", lang, key)
	}
	return v
}

var figDesc = regexp.MustCompile(`<desc id="[^"]*">([^<]*)</desc>`)

// A figure's description writes each count with the plural form its
// language takes for it: Russian and Arabic choose among several forms,
// so that "1 только подписало", "3 государства", "195 государств" and "دولتان" read
// as a speaker would write them.
func TestFigurePlurals(t *testing.T) {
	tests := map[string][]struct{ page, figure, want string }{
		"en": {
			{"treaties/model-treaty/index.html", "fig-map", "1 is a signatory only"},
		},
		"ru": {
			{"ru/treaties/model-treaty/index.html", "fig-map", "Карта мира: 195 государств."},
			{"ru/treaties/model-treaty/index.html", "fig-map", "1 только подписало договор"},
			{"ru/treaties/model-treaty/index.html", "fig-map", "Из них 2 являются участниками"},
			{"ru/compliance/index.html", "fig-compliance", "Тепловая карта: 3 государства и 2 обязательства;"},
		},
		"ar": {
			{"ar/treaties/model-treaty/index.html", "fig-map", "خريطة العالم، وعليها 195 دولة."},
			{"ar/treaties/model-treaty/index.html", "fig-map", "الأطراف: دولتان؛ والموقِّعة فقط: دولة واحدة؛ والمنسحبة: لا توجد أي دولة؛"},
			{"ar/compliance/index.html", "fig-compliance", "صفوفها 3 دول وأعمدتها التزامان؛"},
		},
	}
	for lang, wants := range tests {
		out := generateWith(t, localSite, lang, "")
		for _, w := range wants {
			m := figDesc.FindStringSubmatch(figureHTML(out[w.page], w.figure))
			if m == nil {
				t.Errorf("%s #%s has no description", w.page, w.figure)
				continue
			}
			if desc := html.UnescapeString(m[1]); !strings.Contains(desc, w.want) {
				t.Errorf("%s #%s description = %q, want it to hold %q", w.page, w.figure, desc, w.want)
			}
		}
	}
}

var (
	chartSVG = regexp.MustCompile(`<svg [^>]*class="chart chart-(\w+)"[^>]*>`)
	axisYear = regexp.MustCompile(`<text class="lbl muted" x="([\d.]+)" y="[\d.]+" text-anchor="middle">\x{2066}?(\d{4})\x{2069}?</text>`)
)

// On an Arabic page every figure reads right to left: its <svg> sets
// direction="rtl", and the years of the treaty's step chart run from the
// right, each isolated left to right. A French page's figures are left to
// right.
func TestFiguresRightToLeft(t *testing.T) {
	for lang, rtl := range map[string]bool{"ar": true, "fr": false} {
		out := generateWith(t, localSite, lang, "")
		for _, page := range []string{"index.html", "treaties/model-treaty/index.html", "states/fra/index.html", "compliance/index.html"} {
			html := out[lang+"/"+page]
			svgs := chartSVG.FindAllString(html, -1)
			if len(svgs) == 0 {
				t.Errorf("%s/%s has no chart", lang, page)
			}
			for _, s := range svgs {
				if got := strings.Contains(s, `direction="rtl"`); got != rtl {
					t.Errorf("%s/%s: %s: right to left %v, want %v", lang, page, s, got, rtl)
				}
			}
		}
		years := axisYear.FindAllStringSubmatch(figureHTML(out[lang+"/treaties/model-treaty/index.html"], "fig-years"), -1)
		if len(years) < 2 {
			t.Fatalf("%s: the step chart has %d years", lang, len(years))
		}
		first, last := years[0], years[len(years)-1]
		x0, _ := strconv.ParseFloat(first[1], 64)
		x1, _ := strconv.ParseFloat(last[1], 64)
		if fromRight := x0 > x1; fromRight != rtl || first[2] >= last[2] {
			t.Errorf("%s: year %s at x=%v, %s at x=%v; want the years from the right %v", lang, first[2], x0, last[2], x1, rtl)
		}
		if isolated := strings.Contains(first[0], "\u2066"+first[2]+"\u2069"); isolated != rtl {
			t.Errorf("%s: year %q isolated left to right %v, want %v", lang, first[0], isolated, rtl)
		}
	}
}

// The /data/ page documents every table and column in the page's
// language, from data.doc.TABLE and data.col.TABLE.COLUMN in i18n/; the
// English strings are those of model.Schemas, which datapackage.json
// carries, so the two cannot drift apart. A column that may be given again
// per language (NAME_LANG) says so.
func TestDataColumnsTranslated(t *testing.T) {
	en := builtinStrings(t, "en")
	for _, s := range model.Schemas {
		if got := en["data.doc."+s.Name]; got != s.Doc {
			t.Errorf("en.yaml data.doc.%s = %q; schema.go has %q", s.Name, got, s.Doc)
		}
		for _, c := range s.Columns {
			if got := en["data.col."+s.Name+"."+c.Name]; got != c.Doc {
				t.Errorf("en.yaml data.col.%s.%s = %q; schema.go has %q", s.Name, c.Name, got, c.Doc)
			}
		}
	}
	for _, lang := range []string{"ar", "zh", "fr", "ru", "es"} {
		tr := builtinStrings(t, lang)
		for _, s := range model.Schemas {
			keys := []string{"data.doc." + s.Name}
			for _, c := range s.Columns {
				keys = append(keys, "data.col."+s.Name+"."+c.Name)
			}
			for _, k := range keys {
				if tr[k] == "" || tr[k] == en[k] {
					t.Errorf("%s.yaml: %s is not translated", lang, k)
				}
			}
		}
	}
	page := generateWith(t, localSite, "ar", "")["ar/data/index.html"]
	for _, want := range []string{
		"<th scope=\"col\">العمود</th><th scope=\"col\">المعنى</th><th scope=\"col\">القيم</th>",
		"<p>المعاهدات التي يتابعها الموقع.</p>",
		"<td>رمز ISO الثلاثي الأحرف (alpha-3)</td>",
		"<td>العنوان الكامل <span class=\"translatable\">(يمكن تقديمه أيضاً بلغات أخرى: title_LANG، حيث LANG رمز اللغة)</span></td>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("ar/data/index.html lacks %q", want)
		}
	}
	for _, english := range []string{"ISO alpha-3 code", "The treaties the site follows.", "full title"} {
		if strings.Contains(page, english) {
			t.Errorf("ar/data/index.html holds the English %q", english)
		}
	}
}
