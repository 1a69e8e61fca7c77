package render

import (
	"html/template"
	"sort"

	"github.com/r2p-monitor/r2p/internal/charts"
	"github.com/r2p-monitor/r2p/internal/model"
)

// Figure is a chart as templates/partials/figure.html places it: the SVG,
// a caption, and the same numbers as a table inside a <details>.
type Figure struct {
	ID      string
	Kind    string // map, step, bars, heatmap or timeline
	Title   string
	SVG     template.HTML
	Summary string // the <details> summary: "The numbers as a table"
	Head    []FigureCell
	Rows    [][]FigureCell // the first cell of each row is its header
}

// FigureCell is one cell of a figure's table.
type FigureCell struct {
	Text   string
	Num    bool
	Header bool // the row's header, its first cell
}

// TreatyCharts are the figures of a treaty page.
type TreatyCharts struct {
	Map, Years, Regions *Figure
}

// StateCharts are the figures of a state page.
type StateCharts struct {
	Timeline *Figure
}

// HomeCharts are the figures of the home page.
type HomeCharts struct {
	Map, Regions *Figure
}

// CommitmentCharts are the figures of a commitment page.
type CommitmentCharts struct {
	Map *Figure
}

// ComplianceCharts are the figures of the compliance page.
type ComplianceCharts struct {
	Matrix *Figure
}

// ft looks up a figure string. The strings are in i18n/LANG.yaml like
// every other interface string, so a language without one falls back to
// the default language and r2p check lists it. A string with a count has
// plural forms where its language needs them (plural.go): a sentence with
// several counts takes each as a phrase of its own ("figure.n.states"),
// so that each agrees with its own number.
func (r *Renderer) ft(key string, args ...any) string {
	return r.i18n.T(key, args...)
}

// figure wraps a drawn chart for the page. The SVG is trusted HTML:
// charts escapes every piece of text it writes, and takes no markup in.
func (r *Renderer) figure(f charts.Figure) *Figure {
	out := &Figure{ID: f.ID, Kind: f.Kind, Title: f.Title, SVG: template.HTML(f.SVG), Summary: r.ft("figure.table")}
	isNum := func(i int) bool { return i < len(f.Table.Num) && f.Table.Num[i] }
	for i, h := range f.Table.Head {
		out.Head = append(out.Head, FigureCell{Text: h, Num: isNum(i)})
	}
	for _, row := range f.Table.Rows {
		cells := make([]FigureCell, len(row))
		for i, c := range row {
			cells[i] = FigureCell{Text: c, Num: isNum(i), Header: i == 0}
		}
		out.Rows = append(out.Rows, cells)
	}
	return out
}

// sprite is the output file every map's <use> elements point into.
func (r *Renderer) sprite() (File, error) {
	name, data := charts.SpriteFile()
	return File{Path: "figures/" + name, Data: data}, nil
}

// spriteURL is where maps find the shared geometry. A site opened from
// disk carries the outlines in each page instead: browsers refuse <use>
// references from one file:// document to another.
func (r *Renderer) spriteURL() string {
	if r.site.Config.Offline {
		return ""
	}
	name, _ := charts.SpriteFile()
	return r.urls.Rel("/figures/" + name)
}

func (r *Renderer) stateLink(code string) string { return r.urls.Rel(StateURL(code)) }

// mapHead is the table heading of every map: category, count, states.
func (r *Renderer) mapHead(first string) [3]string {
	return [3]string{first, r.ft("figure.count"), r.ft("figure.states")}
}

// statusSlots gives each treaty status its place in the palette: party
// solid blue, pending dotted sky blue (a lighter party), signatory hatched
// orange, withdrawn cross-hatched vermillion, none plain grey.
var statusSlots = map[model.Status]charts.Slot{
	model.StatusParty: charts.K0, model.StatusPending: charts.K3, model.StatusSignatory: charts.K1,
	model.StatusWithdrawn: charts.K2, model.StatusNone: charts.KNone,
}

// riskSlot places the risk levels, most severe first, on the warm ramp
// from its darkest step: a reader sees the order of severity in the
// lightness, and the treaty colours stay free for the same figure.
func riskSlot(i int) charts.Slot {
	return charts.W4 - charts.Slot(min(i, 4))
}

func (r *Renderer) treatyFigures(t *model.Treaty, page TreatyPage) TreatyCharts {
	asOf := r.asOf()
	name := r.treatyRef(t).Name
	var figs TreatyCharts
	cats := make([]charts.Category, len(model.Statuses))
	index := map[model.Status]int{}
	for i, s := range model.Statuses {
		cats[i] = charts.Category{Label: r.i18n.T("status." + string(s)), Slot: statusSlots[s]}
		index[s] = i
	}
	var areas []charts.Area
	counts := map[model.Status]int{}
	for _, st := range r.site.States {
		s := st.Ratification(t).StatusOn(asOf)
		counts[s]++
		areas = append(areas, charts.Area{Code: st.Code, Name: r.stateName(st), Category: index[s]})
	}
	figs.Map = r.figure(charts.Map(charts.MapData{
		ID: "fig-map", Title: r.ft("figure.treaty.map", name, r.day(asOf)),
		Desc: r.ft("figure.treaty.map_desc", r.ft("figure.n.states", r.count(len(areas))),
			r.ft("figure.treaty.n_parties", r.count(counts[model.StatusParty]+counts[model.StatusPending])),
			r.ft("figure.treaty.n_signatories", r.count(counts[model.StatusSignatory])),
			r.ft("figure.treaty.n_withdrawn", r.count(counts[model.StatusWithdrawn])),
			r.ft("figure.treaty.n_none", r.count(counts[model.StatusNone]))),
		Categories: cats, Areas: areas, Link: r.stateLink, Sprite: r.spriteURL(),
		Head: r.mapHead(r.i18n.T("treaty.status")), Locale: r.chartLocale(),
	}))
	if len(page.Years) > 0 {
		pts := make([]charts.Point, len(page.Years))
		for i, y := range page.Years {
			pts[i] = charts.Point{Year: y.Year, Value: y.Parties}
		}
		first, last := pts[0], pts[len(pts)-1]
		figs.Years = r.figure(charts.Step(charts.StepData{
			ID: "fig-years", Title: r.ft("figure.treaty.years", name),
			Desc:   r.ft("figure.treaty.years_desc", r.count(first.Value), first.Year, r.count(last.Value), last.Year),
			Points: pts, Head: [2]string{r.i18n.T("treaty.year"), r.i18n.T("treaty.parties")}, Locale: r.chartLocale(),
		}))
	}
	bars := charts.BarsData{
		ID: "fig-regions", Title: r.ft("figure.treaty.regions", name, r.day(asOf)), Desc: r.ft("figure.treaty.reg_desc"),
		Categories: []charts.Category{
			{Label: r.i18n.T("treaty.parties"), Slot: charts.K0},
			{Label: r.i18n.T("treaty.signatories_only"), Slot: charts.K1},
			{Label: r.i18n.T("treaty.withdrawals"), Slot: charts.K2},
			{Label: r.ft("figure.treaty.none"), Slot: charts.KNone},
		},
		Head: []string{r.i18n.T("state.region"), r.i18n.T("treaty.parties"), r.i18n.T("treaty.signatories_only"),
			r.i18n.T("treaty.withdrawals"), r.ft("figure.treaty.none"), r.ft("figure.total")},
		Locale: r.chartLocale(),
	}
	for _, rc := range page.Regions {
		rest := rc.States - rc.Parties - rc.Signatories - rc.Withdrawn
		bars.Rows = append(bars.Rows, charts.BarRow{
			Label: rc.Region, Values: []int{rc.Parties, rc.Signatories, rc.Withdrawn, max(rest, 0)},
			Note: r.ft("figure.treaty.of", r.count(rc.Parties), r.count(rc.States)),
		})
	}
	if len(bars.Rows) > 0 {
		figs.Regions = r.figure(charts.Bars(bars))
	}
	return figs
}

// Figures write counts, dates and state names in the page's language, as
// the page around them does: counts through numbers.go (10 000 in French),
// dates through the date function's formatting, state names from the
// registry (stateName), listed in the language's alphabetical order
// (collate.go). Years on an axis and in a table are written as they are.

// day writes a date as the page's text does ("22 juillet 2016").
func (r *Renderer) day(d model.Date) string {
	s, _ := r.formatDate(d)
	return s
}

// count is a count for a figure's caption or table; it fills a %d.
func (r *Renderer) count(n int) Number { return r.numbers().integer(int64(n)) }

// share is part/whole as a whole percent, in the page's language.
func (r *Renderer) share(part, whole int) Number {
	if whole == 0 {
		return Number{}
	}
	return r.numbers().percent(float64(part) / float64(whole))
}

// chartLocale tells the charts how the page writes counts and orders
// names, and whether it reads right to left.
func (r *Renderer) chartLocale() charts.Locale {
	f := r.numbers()
	return charts.Locale{
		Count: func(n int) string { return f.integer(int64(n)).String() },
		Sort:  r.sortNames,
		RTL:   dir(r.lang) == "rtl",
	}
}

// at places a date on a timeline's axis of years.
func at(d model.Date) float64 { return charts.YearOf(d.Year, d.Month, d.Day) }

func (r *Renderer) stateFigures(st *model.State, risks []StateRisk) StateCharts {
	asOf := r.asOf()
	var lanes []charts.Lane
	marks := map[charts.Mark]bool{}
	slots := map[charts.Slot]bool{}
	actions, assessments := 0, 0
	lo := float64(asOf.Year)
	add := func(l *charts.Lane, d model.Date, label string, m charts.Mark, s charts.Slot) {
		l.Events = append(l.Events, charts.Event{At: at(d), Date: r.day(d), Label: label, Mark: m, Slot: s})
		marks[m], slots[s] = true, true
		lo = min(lo, float64(d.Year))
	}
	if len(risks) > 0 {
		lane := charts.Lane{Label: r.ft("figure.state.risk")}
		levels := map[string]int{}
		for i, l := range r.site.Config.RiskLevels {
			levels[l.ID] = i
		}
		for i := len(risks) - 1; i >= 0; i-- { // risks are newest first
			add(&lane, risks[i].Date, risks[i].Risk.Label, charts.MarkDiamond, riskSlot(levels[risks[i].Risk.ID]))
			assessments++
		}
		lanes = append(lanes, lane)
	}
	for _, t := range r.site.Treaties {
		rat := st.Ratification(t)
		if rat == nil {
			continue
		}
		on := rat.On(asOf)
		lane := charts.Lane{Label: r.treatyRef(t).Name}
		if !on.Signed.IsZero() {
			add(&lane, on.Signed, r.ft("figure.state.signature"), charts.MarkOpen, statusSlots[model.StatusSignatory])
		}
		if !on.Date.IsZero() {
			label := r.ft("figure.state.consent")
			if on.Action != "" {
				label = r.i18n.T("action." + on.Action)
			}
			add(&lane, on.Date, label, charts.MarkSolid, statusSlots[model.StatusPending])
			if eff := on.InForceFor(); !eff.IsZero() && !eff.After(asOf) {
				add(&lane, eff, r.ft("figure.state.in_force"), charts.MarkSquare, statusSlots[model.StatusParty])
			}
		}
		if !on.Withdrawn.IsZero() {
			add(&lane, on.Withdrawn, r.ft("figure.state.withdrawal"), charts.MarkCross, statusSlots[model.StatusWithdrawn])
		}
		if len(lane.Events) > 0 {
			sort.SliceStable(lane.Events, func(i, j int) bool { return lane.Events[i].At < lane.Events[j].At })
			actions += len(lane.Events)
			lanes = append(lanes, lane)
		}
	}
	if len(lanes) == 0 {
		return StateCharts{}
	}
	to := at(asOf)
	from := min(lo-0.5, to-4)
	d := charts.TimelineData{
		ID: "fig-timeline", Title: r.ft("figure.state.timeline", r.stateName(st)),
		Desc: r.ft("figure.state.desc", int(from), asOf.Year,
			r.ft("figure.n.actions", r.count(actions)), r.ft("figure.n.assessments", r.count(assessments))),
		From: from, To: to + 0.5, Lanes: lanes,
		Head:   [3]string{r.ft("figure.state.lane"), r.ft("figure.state.date"), r.ft("figure.state.event")},
		Locale: r.chartLocale(),
	}
	for _, m := range []struct {
		mark charts.Mark
		key  string
	}{{charts.MarkOpen, "figure.state.signature"}, {charts.MarkSolid, "figure.state.consent"},
		{charts.MarkSquare, "figure.state.in_force"}, {charts.MarkCross, "figure.state.withdrawal"},
		{charts.MarkDiamond, "figure.state.assessment"}} {
		if marks[m.mark] {
			d.Marks = append(d.Marks, charts.MarkLabel{Mark: m.mark, Label: r.ft(m.key)})
		}
	}
	for _, s := range []model.Status{model.StatusSignatory, model.StatusPending, model.StatusParty, model.StatusWithdrawn} {
		if slots[statusSlots[s]] && actions > 0 {
			d.Categories = append(d.Categories, charts.Category{Label: r.i18n.T("status." + string(s)), Slot: statusSlots[s]})
		}
	}
	for i, l := range r.info.RiskLevels {
		if assessments > 0 && hasRisk(risks, l.ID) {
			d.Categories = append(d.Categories, charts.Category{Label: l.Label, Slot: riskSlot(i)})
		}
	}
	return StateCharts{Timeline: r.figure(charts.Timeline(d))}
}

func hasRisk(risks []StateRisk, id string) bool {
	for _, x := range risks {
		if x.Risk.ID == id {
			return true
		}
	}
	return false
}

func (r *Renderer) homeFigures() HomeCharts {
	asOf := r.asOf()
	levels := r.info.RiskLevels
	cats := make([]charts.Category, 0, len(levels)+1)
	index := map[string]int{}
	for i, l := range levels {
		index[l.ID] = i
		cats = append(cats, charts.Category{Label: l.Label, Slot: riskSlot(i)})
	}
	none := len(cats)
	cats = append(cats, charts.Category{Label: r.ft("figure.home.no_brief"), Slot: charts.KNone})
	var areas []charts.Area
	named := 0
	for _, st := range r.site.States {
		c := none
		if len(st.Briefs) > 0 { // newest first, as the state list shows it
			if i, ok := index[st.Briefs[0].Brief.Risk]; ok {
				c = i
				named++
			}
		}
		areas = append(areas, charts.Area{Code: st.Code, Name: r.stateName(st), Category: c})
	}
	figs := HomeCharts{Map: r.figure(charts.Map(charts.MapData{
		ID: "fig-map", Title: r.ft("figure.home.map", r.day(asOf)), Desc: r.ft("figure.home.map_desc", r.count(named)),
		Categories: cats, Areas: areas, Link: r.stateLink, Sprite: r.spriteURL(),
		Head: r.mapHead(r.i18n.T("states.risk")), Locale: r.chartLocale(),
	}))}
	if len(r.site.Treaties) > 0 {
		figs.Regions = r.figure(charts.Heatmap(r.participation()))
	}
	return figs
}

// participation is the home page's region × treaty matrix: the share of
// each region's states that are parties as of as_of.
func (r *Renderer) participation() charts.HeatmapData {
	asOf := r.asOf()
	d := charts.HeatmapData{
		ID: "fig-regions", Title: r.ft("figure.home.regions", r.day(asOf)), Desc: r.ft("figure.home.regions_desc"),
		Corner: r.ft("figure.region"), Locale: r.chartLocale(),
	}
	for i := range 5 {
		d.Categories = append(d.Categories, charts.Category{Label: r.ft("figure.home.bin", r.count(i*20), r.share(i*20+19+btoi(i == 4), 100)), Slot: charts.Q0 + charts.Slot(i)})
	}
	table := &charts.Table{Head: []string{r.ft("figure.region")}}
	for _, t := range r.site.Treaties {
		d.Columns = append(d.Columns, r.treatyRef(t).Name)
		table.Head = append(table.Head, r.treatyRef(t).Name)
	}
	var regions []string
	members := map[string][]*model.State{}
	for _, st := range sortedStates(r.site.States) {
		region := r.regionName(st.Region)
		if region == "" {
			region = r.i18n.T("states.no_region")
		}
		if members[region] == nil {
			regions = append(regions, region)
		}
		members[region] = append(members[region], st)
	}
	for _, region := range regions {
		row := charts.HeatRow{Label: region}
		trow := []string{region}
		for _, t := range r.site.Treaties {
			n := 0
			for _, st := range members[region] {
				if s := st.Ratification(t).StatusOn(asOf); s == model.StatusParty || s == model.StatusPending {
					n++
				}
			}
			total := len(members[region])
			pct := r.share(n, total)
			row.Cells = append(row.Cells, charts.HeatCell{Slot: charts.Ramp(float64(n) / float64(total)), Text: pct.String()})
			trow = append(trow, r.ft("figure.home.share", r.count(n), r.count(total), pct))
		}
		d.Rows = append(d.Rows, row)
		table.Rows = append(table.Rows, trow)
	}
	d.Table = table
	return d
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (r *Renderer) commitmentFigures(c *model.Commitment) CommitmentCharts {
	asOf := r.asOf()
	var cats []charts.Category
	index := map[string]int{}
	free := []charts.Slot{charts.K0, charts.K1, charts.K3, charts.K4, charts.K5}
	for _, s := range c.Statuses {
		slot := charts.K2
		if s != "withdrawn" {
			slot = free[0]
			free = append(free[1:], free[0])
		}
		index[s] = len(cats)
		cats = append(cats, charts.Category{Label: titleCase(s), Slot: slot})
	}
	none := len(cats)
	cats = append(cats, charts.Category{Label: r.ft("figure.commitment.none"), Slot: charts.KNone})
	var areas []charts.Area
	recorded := 0
	for _, st := range r.site.States {
		cat := none
		if cs := st.CommitmentOn(c, asOf); cs != nil {
			if i, ok := index[cs.Status]; ok {
				cat = i
				recorded++
			}
		}
		areas = append(areas, charts.Area{Code: st.Code, Name: r.stateName(st), Category: cat})
	}
	return CommitmentCharts{Map: r.figure(charts.Map(charts.MapData{
		ID: "fig-map", Title: r.ft("figure.commitment.map", r.commitmentRef(c).Title, r.day(asOf)), Desc: r.ft("figure.commitment.desc", r.count(recorded)),
		Categories: cats, Areas: areas, Link: r.stateLink, Sprite: r.spriteURL(),
		Head: r.mapHead(r.i18n.T("commitment.status")), Locale: r.chartLocale(),
	}))}
}

// ratingSlots: met solid blue, partly met hatched orange, not met
// cross-hatched vermillion, not assessed plain grey.
var ratingSlots = map[string]charts.Slot{"met": charts.K0, "partial": charts.K1, "not-met": charts.K2, "not-assessed": charts.KNone}

func (r *Renderer) complianceFigures(page CompliancePage) ComplianceCharts {
	if len(page.Rows) == 0 {
		return ComplianceCharts{}
	}
	d := charts.HeatmapData{
		ID: "fig-compliance", Title: r.ft("figure.compliance.title", r.day(r.asOf())),
		Desc: r.ft("figure.compliance.desc", r.ft("figure.n.states", r.count(len(page.Rows))),
			r.ft("figure.n.obligations", r.count(len(page.Obligations)))),
		Corner: r.i18n.T("states.name"), Locale: r.chartLocale(),
	}
	for _, rating := range model.Ratings {
		d.Categories = append(d.Categories, charts.Category{Label: r.i18n.T("rating." + rating), Slot: ratingSlots[rating]})
	}
	counts := make([]map[string]int, len(page.Obligations))
	for i, o := range page.Obligations {
		d.Columns = append(d.Columns, o.Name)
		counts[i] = map[string]int{}
	}
	for _, row := range page.Rows {
		hr := charts.HeatRow{Label: r.stateRef(row.State.Code).Name}
		for i, c := range row.Cells {
			cell := charts.HeatCell{Slot: charts.KNone}
			if c.Rating != "" {
				cell = charts.HeatCell{Slot: ratingSlots[c.Rating], Text: r.i18n.T("rating.abbr." + c.Rating)}
				counts[i][c.Rating]++
			}
			hr.Cells = append(hr.Cells, cell)
		}
		d.Rows = append(d.Rows, hr)
	}
	// The page's own matrix lists every cell with a link to its
	// assessment; the figure's table gives the totals instead.
	t := &charts.Table{Head: []string{r.ft("figure.compliance.oblig")}, Num: []bool{false}}
	for _, rating := range model.Ratings {
		t.Head = append(t.Head, r.i18n.T("rating."+rating))
		t.Num = append(t.Num, true)
	}
	for i, o := range page.Obligations {
		row := []string{o.Name}
		for _, rating := range model.Ratings {
			row = append(row, r.count(counts[i][rating]).String())
		}
		t.Rows = append(t.Rows, row)
	}
	d.Table = t
	return ComplianceCharts{Matrix: r.figure(charts.Heatmap(d))}
}
