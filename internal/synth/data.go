package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
)

// Every date in the data lies on or before AsOf, the as_of of site.yaml,
// so that a build as of that date sees all of it. Deposits stop a year
// earlier, which leaves room for entry into force 30 days later and for a
// withdrawal after that.
var (
	asOfDay         = day(2025, 1, 1)
	lastDepositDay  = day(2023, 12, 31)
	lastEventDay    = day(2024, 12, 31)
	firstAssessment = day(2010, 1, 1)
)

type treaty struct {
	id, title, short  string
	adopted, inForce  int // inForce is 0 for a treaty not yet in force
	depositary, categ string
}

// consent is one state's relation to one treaty; zero days mean "none".
type consent struct {
	signed, date, effective, withdrawn int
	action, reservations, source       string
}

func (c consent) exists() bool { return c.signed != 0 || c.date != 0 }

type commitment struct {
	id, title, kind string
	adopted         int
}

type status struct {
	status string
	date   int
}

var (
	categories = []string{"genocide-prevention", "humanitarian-law", "refugees",
		"international-criminal-law", "arms-control", "human-rights"}
	actions       = []string{"ratification", "accession", "succession", "acceptance", "approval", "definitive-signature"}
	actionWeights = []int{55, 30, 4, 4, 3, 4}
	kinds         = []string{"declaration", "code-of-conduct", "network", "pledge"}
	ratings       = []string{"met", "partial", "not-met", "not-assessed"}
	confidences   = []string{"high", "medium", "low"}
)

// stateKey keys a state's random stream by its code rather than its place
// in the registry, so that a state added to the registry leaves the rows of
// the others as they were.
func stateKey(code string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(code))
	return h.Sum64()
}

func (g *gen) makeTreaties() {
	for t := range g.opt.Treaties {
		r := newRNG(g.seed, streamTreaties, uint64(t))
		y := r.between(1948, 2018)
		tr := treaty{
			id:      "synthetic-treaty-" + strconv.Itoa(t+1),
			title:   "Synthetic Treaty " + strconv.Itoa(t+1),
			short:   "ST" + strconv.Itoa(t+1),
			adopted: r.between(day(y, 1, 1), day(y, 12, 31)),
			categ:   categories[r.intn(len(categories))],
		}
		tr.depositary = "Secretary-General of the United Nations"
		if r.chance(0.15) {
			tr.depositary = "Synthetic Depositary " + strconv.Itoa(r.between(1, 5))
		}
		if !r.chance(0.1) {
			if f := tr.adopted + r.between(365, 5*365); f <= lastDepositDay {
				tr.inForce = f
			}
		}
		g.treaties = append(g.treaties, tr)
	}
}

// makeConsents gives about 70% of state–treaty pairs a deposited consent,
// about 8% a signature only, and withdraws about 2.5% of those in force.
func (g *gen) makeConsents() {
	g.consents = make([][]consent, len(g.states))
	for s, st := range g.states {
		g.consents[s] = make([]consent, len(g.treaties))
		for t, tr := range g.treaties {
			r := newRNG(g.seed, streamRatifications, mix(stateKey(st.Code))+uint64(t))
			g.consents[s][t] = consentFor(r, st.MemberSince, tr)
		}
	}
}

func consentFor(r *rng, memberSince string, tr treaty) consent {
	lower := tr.adopted
	if y, err := strconv.Atoi(memberSince); err == nil && day(y, 1, 1) > lower {
		lower = day(y, 1, 1)
	}
	if lower > lastDepositDay {
		return consent{}
	}
	// Squaring the uniform draw crowds deposits into the years after
	// adoption, as real participation curves do.
	f := r.float()
	when := lower + int(float64(lastDepositDay-lower)*f*f)
	var c consent
	switch u := r.float(); {
	case u < 0.70:
		c.action = actions[r.pick(actionWeights)]
		c.date = when
		switch c.action {
		case "ratification", "acceptance", "approval":
			if r.chance(0.85) {
				c.signed = lower + r.intn(min(c.date-lower, 730)+1)
			}
		}
		if tr.inForce != 0 {
			c.effective = max(tr.inForce, c.date+30)
			if r.chance(0.025) && c.effective+365 <= lastEventDay {
				c.withdrawn = r.between(c.effective+365, lastEventDay)
			}
		}
		if r.chance(0.05) {
			c.reservations = "Synthetic reservation to article " + strconv.Itoa(r.between(1, 40))
		}
	case u < 0.78:
		c.signed = when
	default:
		return consent{}
	}
	if r.chance(0.3) {
		c.source = "https://example.org/depositary/" + tr.id
	}
	return c
}

func (g *gen) makeCommitments() {
	for k := range g.opt.Commitments {
		r := newRNG(g.seed, streamCommitments, uint64(k))
		y := r.between(2005, 2022)
		g.commitments = append(g.commitments, commitment{
			id:      "synthetic-commitment-" + strconv.Itoa(k+1),
			title:   "Synthetic Commitment " + strconv.Itoa(k+1),
			kind:    kinds[r.intn(len(kinds))],
			adopted: r.between(day(y, 1, 1), day(y, 12, 31)),
		})
	}
}

func (g *gen) makeStatuses() {
	g.statuses = make([][]status, len(g.states))
	for s, st := range g.states {
		g.statuses[s] = make([]status, len(g.commitments))
		for k, c := range g.commitments {
			r := newRNG(g.seed, streamStatus, mix(stateKey(st.Code))+uint64(k))
			switch u := r.float(); {
			case u < 0.02 && c.adopted+365 <= lastEventDay:
				g.statuses[s][k] = status{"withdrawn", r.between(c.adopted+365, lastEventDay)}
			case u < 0.47:
				g.statuses[s][k] = status{"supporter", r.between(c.adopted, lastEventDay)}
			}
		}
	}
}

func opt(d int) string {
	if d == 0 {
		return ""
	}
	return dateString(d)
}

func writeCSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // writes to memory: it cannot fail
	return b.Bytes()
}

func (g *gen) treatiesCSV() []byte {
	rows := [][]string{{"id", "title", "short_title", "adopted", "in_force", "depositary", "category"}}
	for _, t := range g.treaties {
		rows = append(rows, []string{t.id, t.title, t.short, dateString(t.adopted), opt(t.inForce), t.depositary, t.categ})
	}
	return writeCSV(rows)
}

func (g *gen) ratificationsCSV() []byte {
	rows := [][]string{{"state", "treaty", "signed", "action", "date", "effective", "withdrawn", "reservations", "source"}}
	for s, st := range g.states {
		for t, c := range g.consents[s] {
			if c.exists() {
				rows = append(rows, []string{st.Code, g.treaties[t].id, opt(c.signed), c.action,
					opt(c.date), opt(c.effective), opt(c.withdrawn), c.reservations, c.source})
			}
		}
	}
	return writeCSV(rows)
}

func (g *gen) commitmentsCSV() []byte {
	rows := [][]string{{"id", "title", "kind", "adopted", "description", "url", "statuses"}}
	for _, c := range g.commitments {
		rows = append(rows, []string{c.id, c.title, c.kind, dateString(c.adopted),
			c.title + " is a generated " + c.kind + " for benchmarks; it has no counterpart in the real world.",
			"https://example.org/commitments/" + c.id, "supporter;withdrawn"})
	}
	return writeCSV(rows)
}

func (g *gen) commitmentStatusCSV() []byte {
	rows := [][]string{{"state", "commitment", "status", "date", "source"}}
	for s, st := range g.states {
		for k, x := range g.statuses[s] {
			if x.status != "" {
				rows = append(rows, []string{st.Code, g.commitments[k].id, x.status, dateString(x.date),
					"https://example.org/commitments/" + g.commitments[k].id + "/" + strings.ToLower(st.Code)})
			}
		}
	}
	return writeCSV(rows)
}

// complianceCSV draws the assessments: a random state, an obligation it
// has taken on where one can be found in a few tries, and a date after
// both the obligation's adoption and the state's consent. A state,
// obligation and date never repeat.
func (g *gen) complianceCSV() ([]byte, error) {
	r := newRNG(g.seed, streamCompliance, 0)
	w := &writer{r: r, v: words()}
	seen := make(map[[3]int]bool, g.opt.Assessments)
	rows := make([][]string, 0, g.opt.Assessments)
	type key struct {
		state, obligation string
		date              int
	}
	keys := make([]key, 0, g.opt.Assessments)
	for misses := 0; len(rows) < g.opt.Assessments; {
		s := r.intn(len(g.states))
		obl, lower := g.obligation(r, s)
		d := r.between(max(lower, firstAssessment), lastEventDay)
		k := [3]int{s, obl, d}
		if seen[k] {
			// A tiny registry with many assessments could exhaust
			// the distinct keys; stop rather than loop for ever.
			if misses++; misses > 100000 {
				return nil, fmt.Errorf("synth: cannot find %d distinct assessments for %d states", g.opt.Assessments, len(g.states))
			}
			continue
		}
		seen[k] = true
		misses = 0
		var evidence []string
		for n := r.between(1, 3); n > 0; n-- {
			evidence = append(evidence, symbol(r, yearOf(d)))
		}
		name := g.obligationName(obl)
		rows = append(rows, []string{g.states[s].Code, name, ratings[r.pick([]int{35, 30, 20, 15})], dateString(d),
			"Synthetic assessment: " + w.plainWords(r.between(8, 16)) + ".",
			strings.Join(evidence, ";"), confidences[r.pick([]int{30, 45, 25})]})
		keys = append(keys, key{g.states[s].Code, name, d})
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		if ka.state != kb.state {
			return ka.state < kb.state
		}
		if ka.obligation != kb.obligation {
			return ka.obligation < kb.obligation
		}
		return ka.date < kb.date
	})
	out := make([][]string, 0, len(rows)+1)
	out = append(out, []string{"state", "obligation", "rating", "date", "summary", "evidence", "confidence"})
	for _, i := range idx {
		out = append(out, rows[i])
	}
	return writeCSV(out), nil
}

// obligation picks a treaty (numbered 0..T-1) or a commitment (numbered
// from T), preferring one the state has joined, and returns the earliest
// date on which assessing it makes sense.
func (g *gen) obligation(r *rng, s int) (int, int) {
	if len(g.commitments) == 0 || (len(g.treaties) > 0 && r.chance(0.6)) {
		t := r.intn(len(g.treaties))
		for try := 0; try < 3 && !g.consents[s][t].exists(); try++ {
			t = r.intn(len(g.treaties))
		}
		lower := g.treaties[t].adopted
		if c := g.consents[s][t]; c.effective != 0 {
			lower = c.effective
		} else if c.date != 0 {
			lower = c.date
		}
		return t, lower
	}
	k := r.intn(len(g.commitments))
	for try := 0; try < 3 && g.statuses[s][k].status == ""; try++ {
		k = r.intn(len(g.commitments))
	}
	lower := g.commitments[k].adopted
	if st := g.statuses[s][k]; st.status == "supporter" {
		lower = st.date
	}
	return len(g.treaties) + k, lower
}

func (g *gen) obligationName(o int) string {
	if o < len(g.treaties) {
		return "treaty:" + g.treaties[o].id
	}
	return "commitment:" + g.commitments[o-len(g.treaties)].id
}
