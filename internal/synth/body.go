package synth

import (
	"sort"
	"strconv"
	"strings"
)

// Shape of a brief body. The word target sits well inside the 700–900
// range that benchmarks assume, and it is met exactly: the fixed blocks
// (headings, table, code, notes) are written first and counted, and the
// paragraphs share what is left.
const (
	minWords, maxWords = 740, 850
	tableRate          = 0.5
	codeRate           = 0.1
)

// block is a piece of a body that is not a generated paragraph.
type block struct {
	after int // index of the paragraph it follows; -1 for before the first
	text  string
}

func (g *gen) body(b *strings.Builder, br *brief) {
	r := br.w.r
	paras := r.between(8, 15)

	headingAt := map[int]string{}
	hs := r.distinct(r.between(3, 5), len(headings))
	headingAt[0] = headings[hs[0]]
	for k, p := range r.distinct(len(hs)-1, paras-1) {
		headingAt[p+1] = headings[hs[k+1]]
	}
	var blocks []block
	if r.chance(tableRate) {
		blocks = append(blocks, block{r.between(paras/2, paras-1), g.table(br)})
	}
	if r.chance(codeRate) {
		blocks = append(blocks, block{r.between(1, paras-1), g.code(br)})
	}
	notes := g.notes(br)

	fixed := countWords(notes)
	for _, h := range headingAt {
		fixed += countWords(h)
	}
	for _, bl := range blocks {
		fixed += countWords(bl.text)
	}
	plans := g.planBody(br, paras, r.between(minWords, maxWords)-fixed)

	for p, plan := range plans {
		if h, ok := headingAt[p]; ok {
			b.WriteString("## " + h + "\n\n")
		}
		for k, s := range plan {
			if k > 0 {
				b.WriteByte(' ')
			}
			br.w.sentence(b, s)
		}
		b.WriteString("\n\n")
		for _, bl := range blocks {
			if bl.after == p {
				b.WriteString(bl.text + "\n\n")
			}
		}
	}
	b.WriteString(notes)
}

// planBody shares budget words between the paragraphs, then places the
// footnote references, links, symbols and rare words into their sentences.
func (g *gen) planBody(br *brief, paras, budget int) [][]sentencePlan {
	r := br.w.r
	weights := make([]int, paras)
	total := 0
	for p := range weights {
		weights[p] = r.between(6, 14)
		total += weights[p]
	}
	plans := make([][]sentencePlan, paras)
	left := budget
	for p := range plans {
		n := budget * weights[p] / total
		if p == paras-1 {
			n = left
		}
		left -= n
		plans[p] = planParagraph(r, n)
	}

	// Footnotes are numbered in reading order: one per paragraph, in
	// paragraphs taken in ascending order.
	fps := r.distinct(br.notes, paras)
	sort.Ints(fps)
	for k, p := range fps {
		plans[p][r.intn(len(plans[p]))].footnote = k + 1
	}

	// The rare word goes first, while every sentence still has room: the
	// tests count it exactly.
	if g.srebrenica[br.i] {
		g.placeAnywhere(r, plans, newInsert("Srebrenica"))
	}
	for _, in := range g.links(br) {
		g.placeAnywhere(r, plans, in)
	}
	year := yearOf(br.date)
	for n := r.between(2, 5); n > 0; n-- {
		g.placeAnywhere(r, plans, newInsert(symbol(r, year)))
	}
	for n := r.between(2, 4); n > 0; n-- {
		g.placeAnywhere(r, plans, insert{br.head.place, 1})
	}
	return plans
}

// placeAnywhere tries a random paragraph first, then the others in turn.
func (g *gen) placeAnywhere(r *rng, plans [][]sentencePlan, in insert) {
	start := r.intn(len(plans))
	for k := range plans {
		if place(r, plans[(start+k)%len(plans)], in) {
			return
		}
	}
}

// links returns the Markdown links of a brief: to the profiles of states
// (root-relative, as authors write them), to other briefs of the same
// site, and to external pages on the reserved example domains.
func (g *gen) links(br *brief) []insert {
	r := br.w.r
	var out []insert
	for n := r.between(1, 2); n > 0; n-- {
		s := g.states[br.states[r.intn(len(br.states))]]
		if r.chance(0.3) {
			s = g.states[r.intn(len(g.states))]
		}
		out = append(out, newInsert("["+s.Name+"](/states/"+strings.ToLower(s.Code)+"/)"))
	}
	if g.opt.Briefs > 1 {
		for n := r.between(1, 2); n > 0; n-- {
			j := r.intn(g.opt.Briefs - 1)
			if j >= br.i {
				j++ // any brief but this one
			}
			h := g.head(j)
			out = append(out, newInsert("[the synthetic brief on "+h.name()+"](/situations/"+h.slug+"/)"))
		}
	}
	hosts := []string{"example.org", "example.net", "example.com"}
	for n := r.between(0, 2); n > 0; n-- {
		url := "https://" + hosts[r.intn(len(hosts))] + "/sources/" + br.head.slug + "-" + strconv.Itoa(n)
		out = append(out, newInsert("[a synthetic external source]("+url+")"))
	}
	return out
}

func (g *gen) table(br *brief) string {
	r := br.w.r
	var b strings.Builder
	b.WriteString("| Year | Reported incidents | Displaced persons | Assessed risk |\n|---:|---:|---:|---|\n")
	rows := r.between(3, 5)
	last := yearOf(br.date)
	for y := last - rows + 1; y <= last; y++ {
		b.WriteString("| " + strconv.Itoa(y) + " | " + strconv.Itoa(r.between(3, 900)) + " | " +
			thousands(r.between(1, 400)*100) + " | " + riskLevels[r.pick(riskWeights)] + " |\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (g *gen) code(br *brief) string {
	r := br.w.r
	n := r.between(3, 5)
	last := yearOf(br.date)
	years := make([]string, n)
	values := make([]string, n)
	for k := range years {
		years[k] = strconv.Itoa(last - n + 1 + k)
		values[k] = strconv.Itoa(r.between(0, 5000))
	}
	return "```json\n{\n" +
		"  \"situation\": \"" + br.head.slug + "\",\n" +
		"  \"indicator\": \"" + indicators[r.intn(len(indicators))] + "\",\n" +
		"  \"years\": [" + strings.Join(years, ", ") + "],\n" +
		"  \"values\": [" + strings.Join(values, ", ") + "],\n" +
		"  \"synthetic\": true\n}\n```"
}

// notes writes the footnote definitions and records how many there are.
func (g *gen) notes(br *brief) string {
	r := br.w.r
	br.notes = r.between(2, 4)
	var b strings.Builder
	for k := 1; k <= br.notes; k++ {
		b.WriteString("[^" + strconv.Itoa(k) + "]: Synthetic note citing " + symbol(r, yearOf(br.date)) +
			", paragraph " + strconv.Itoa(r.between(1, 120)) + "; " + br.w.plainWords(r.between(5, 12)) + ".\n")
	}
	return b.String()
}
