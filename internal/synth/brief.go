package synth

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

var (
	riskLevels  = []string{"current-crisis", "imminent-risk", "serious-concern"}
	riskWeights = []int{20, 30, 50}

	features = []string{"Province", "Highlands", "Valley", "Coast", "Border Region",
		"Districts", "Delta", "Plateau", "Lowlands", "Corridor", "Basin", "Uplands"}

	headings = []string{"Background", "Current situation", "Risk factors",
		"Protection of civilians", "Humanitarian access", "Accountability",
		"International response", "Regional dynamics", "Early warning indicators",
		"Recommendations", "Outlook"}

	tags = []string{"displacement", "ceasefire", "militia", "humanitarian-access",
		"accountability", "hate-speech", "elections", "sexual-violence", "detention",
		"refugees", "sanctions", "arms-embargo", "peacekeeping", "early-warning"}

	indicators = []string{"displacement", "casualties", "detentions", "incidents", "returns"}
)

// Brief dates fall in 2010–2024.
var (
	firstBriefDay = day(2010, 1, 1)
	lastBriefDay  = day(2024, 12, 31)
)

// head is what other briefs need to know about a brief to link to it. It
// comes from its own random stream, so a link to brief j costs a few draws,
// not the generation of brief j.
type head struct {
	place, feature, slug string
}

func (g *gen) head(i int) head {
	r := newRNG(g.seed, streamHead, uint64(i))
	v := words()
	h := head{place: v.places[r.intn(len(v.places))], feature: features[r.intn(len(features))]}
	// The index makes the slug unique; the words before it are letters
	// and hyphens only, so two indexes can never give the same slug.
	h.slug = strings.ToLower(h.place+"-"+strings.ReplaceAll(h.feature, " ", "-")) + "-" + fmt.Sprintf("%05d", i+1)
	return h
}

func (h head) name() string { return h.place + " " + h.feature }

// brief holds the decisions about one brief that both its front matter
// and its body depend on.
type brief struct {
	i      int
	head   head
	states []int
	date   int
	notes  int // footnotes, numbered 1..notes
	w      *writer
}

// writeBrief writes brief i, front matter and body, to b and returns its
// path in the site.
func (g *gen) writeBrief(i int, b *strings.Builder) string {
	r := newRNG(g.seed, streamBody, uint64(i))
	br := &brief{i: i, head: g.head(i), w: &writer{r: r, v: words()}}
	br.states = g.briefStates(r, i)
	br.date = r.between(firstBriefDay, lastBriefDay)
	b.Grow(8 << 10)
	g.frontMatter(b, br)
	g.body(b, br)
	return "content/situations/" + br.head.slug + ".md"
}

// briefStates gives brief i its primary state by walking a fixed
// permutation of the registry, so that every state is the subject of some
// brief once there are at least as many briefs as states, then adds up to
// two neighbours drawn at random.
func (g *gen) briefStates(r *rng, i int) []int {
	n := len(g.states)
	out := []int{g.primary[i%n]}
	extra := r.pick([]int{60, 30, 10})
	if extra > n-1 {
		extra = n - 1
	}
	for len(out) < 1+extra {
		x := r.intn(n)
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

func (g *gen) frontMatter(b *strings.Builder, br *brief) {
	r, w := br.w.r, br.w
	b.WriteString("---\ntitle: \"")
	b.WriteString(br.head.name() + ": synthetic brief " + strconv.Itoa(br.i+1))
	b.WriteString("\"\nstates: [")
	for k, s := range br.states {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(g.states[s].Code)
	}
	b.WriteString("]\nrisk: ")
	b.WriteString(riskLevels[r.pick(riskWeights)])
	b.WriteString("\ndate: ")
	b.WriteString(dateString(br.date))
	b.WriteString("\nsummary: \"Synthetic assessment of " + br.head.name() + ": ")
	b.WriteString(w.plainWords(r.between(10, 18)))
	b.WriteString(".\"\n")

	if n := r.pick([]int{30, 30, 25, 15}); n > 0 {
		// Earlier assessments lie within six years before this one, at
		// least a month apart from it, oldest first.
		days := make([]int, 0, n)
		for _, k := range r.distinct(n, 6*365) {
			days = append(days, br.date-30-k)
		}
		sort.Ints(days)
		b.WriteString("risk_history:\n")
		for _, d := range days {
			b.WriteString("  - date: " + dateString(d) + "\n    risk: " + riskLevels[r.pick(riskWeights)] + "\n")
		}
	}

	factors := r.distinct(r.between(2, 5), 14)
	sort.Ints(factors)
	b.WriteString("risk_factors: [")
	for k, f := range factors {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(f + 1))
	}
	b.WriteString("]\nsources:\n")
	year := yearOf(br.date)
	for n := r.between(1, 4); n > 0; n-- {
		b.WriteString("  - \"" + symbol(r, year) + "\"\n")
	}
	if r.chance(0.2) {
		b.WriteString("  - \"https://example.org/reports/" + br.head.slug + "\"\n")
	}
	b.WriteString("tags: [")
	for k, t := range r.distinct(r.between(1, 4), len(tags)) {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tags[t])
	}
	b.WriteString("]\n---\n\n")
}
