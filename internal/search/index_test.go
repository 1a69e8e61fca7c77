package search

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// smallSite is a handful of pages written to tell rankings apart.
func smallSite() []Doc {
	return []Doc{
		{URL: "/situations/syria/", Title: "Syria", Kind: "brief", Date: "2024-03-01", States: []string{"SYR"}, Region: []string{"Asia"}, Risk: "current-crisis",
			Text: "Civilians in Syria face attacks. An arms embargo was proposed. Aid convoys are blocked."},
		{URL: "/situations/myanmar/", Title: "Myanmar: the Rohingya", Kind: "brief", Date: "2023-11-20", States: []string{"MMR"}, Region: []string{"Asia"}, Risk: "current-crisis",
			Text: "Genocide against the Rohingya. The genocide case at the court continues; genocidal intent and genocide prevention."},
		{URL: "/situations/sahel/", Title: "Sahel", Kind: "brief", Date: "2023-05-02", States: []string{"MLI", "BFA"}, Region: []string{"Africa"}, Risk: "imminent-risk",
			Text: "Embargo on arms? Arms flow freely; the embargo is not enforced. Risk of genocide is low."},
		{URL: "/situations/cote-divoire/", Title: "Côte d'Ivoire", Kind: "brief", Date: "2021-01-15", States: []string{"CIV"}, Region: []string{"Africa"}, Risk: "serious-concern",
			Text: "Elections in Côte d'Ivoire passed calmly. Reconciliation continues."},
		{URL: "/states/syr/", Title: "Syrian Arab Republic", Kind: "state", States: []string{"SYR"}, Region: []string{"Asia"},
			Text:  "Syrian Arab Republic: treaties and commitments.",
			Card:  &Card{Title: "Syrian Arab Republic", Subtitle: "Asia", Facts: [][2]string{{"Risk level", "Current crisis"}}},
			Names: []string{"Syrian Arab Republic", "SYR", "Syria"}},
		{URL: "/treaties/genocide-convention/", Title: "Convention on the Prevention and Punishment of the Crime of Genocide", Kind: "treaty", Date: "1948-12-09",
			Text:  "Adopted 1948. Parties undertake to prevent and punish genocide.",
			Card:  &Card{Title: "Genocide Convention", Subtitle: "1948"},
			Names: []string{"Convention on the Prevention and Punishment of the Crime of Genocide", "Genocide Convention", "genocide-convention"}},
		{URL: "/about/", Title: "About", Kind: "page", Text: "This monitor tracks the responsibility to protect."},
	}
}

func build(t testing.TB, docs []Doc) map[string][]byte {
	ix := NewIndex("en")
	for _, d := range docs {
		ix.Add(Analyze(d, "en"))
	}
	return ix.Files(false)
}

// urls returns the URLs of a result's docs, in order.
func urls(t testing.TB, files map[string][]byte, ids []int) []string {
	c := newClient(t, files)
	var out []string
	for _, id := range ids {
		out = append(out, c.fragment(id).URL)
	}
	return out
}

func TestRanking(t *testing.T) {
	files := build(t, smallSite())
	for _, tc := range []struct {
		q    string
		want []string // the first results, in order
		card string
	}{
		// Title hits first; then the page that says it three times.
		{q: "genocide ", want: []string{"/treaties/genocide-convention/", "/situations/myanmar/", "/situations/sahel/"}, card: ""},
		// Every word must match.
		{q: "arms embargo ", want: []string{"/situations/sahel/", "/situations/syria/"}},
		// Stems: "killing" finds nothing here, "genocidal" finds genocide.
		{q: "genocidal ", want: []string{"/treaties/genocide-convention/", "/situations/myanmar/", "/situations/sahel/"}},
		// Accents folded both ways.
		{q: "cote d'ivoire", want: []string{"/situations/cote-divoire/"}},
		{q: "CÔTE", want: []string{"/situations/cote-divoire/"}},
		// The last word is a prefix while typing.
		{q: "reconcil", want: []string{"/situations/cote-divoire/"}},
		{q: "geno", want: []string{"/treaties/genocide-convention/", "/situations/myanmar/", "/situations/sahel/"}},
		// An exact name or code: its card first.
		{q: "Syrian Arab Republic", want: []string{"/states/syr/"}, card: "/states/syr/"},
		{q: "syr", want: []string{"/states/syr/"}, card: "/states/syr/"},
		{q: "Genocide Convention", want: []string{"/treaties/genocide-convention/"}, card: "/treaties/genocide-convention/"},
		// Stop words are skipped, not required.
		{q: "the embargo", want: []string{"/situations/sahel/", "/situations/syria/"}},
		// Nothing for a word nobody wrote.
		{q: "xylophone ", want: nil},
	} {
		c := newClient(t, files)
		res := c.search(tc.q, nil)
		got := urls(t, files, res.ids)
		if len(got) > len(tc.want) {
			got = got[:len(tc.want)]
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %q, want %q first", tc.q, got, tc.want)
		}
		card := ""
		if res.card >= 0 {
			card = urls(t, files, []int{res.card})[0]
		}
		if card != tc.card {
			t.Errorf("%q: card %q, want %q", tc.q, card, tc.card)
		}
	}
}

func TestPhrase(t *testing.T) {
	files := build(t, smallSite())
	c := newClient(t, files)
	res := c.search(`"arms embargo"`, nil)
	if len(res.frags) != 1 || res.frags[0].URL != "/situations/syria/" {
		t.Errorf(`"arms embargo" shows %v, want only Syria (Sahel has both words apart)`, res.frags)
	}
	res = c.search(`"genocide case"`, nil)
	if len(res.frags) != 1 || res.frags[0].URL != "/situations/myanmar/" {
		t.Errorf(`"genocide case" shows %v`, res.frags)
	}
}

func TestFacets(t *testing.T) {
	files := build(t, smallSite())
	c := newClient(t, files)
	res := c.search("genocide", nil)
	want := map[string]map[string]int{
		"kind":   {"brief": 2, "treaty": 1},
		"region": {"Asia": 1, "Africa": 1},
		"risk":   {"current-crisis": 1, "imminent-risk": 1},
		"year":   {"2023": 2, "1948": 1},
	}
	if !reflect.DeepEqual(res.counts, want) {
		t.Errorf("counts %v, want %v", res.counts, want)
	}
	// Filtering narrows the results and the other facets' counts, but a
	// facet's own counts still show the alternatives.
	res = c.search("genocide", map[string][]string{"region": {"Africa"}})
	if got := urls(t, files, res.ids); !reflect.DeepEqual(got, []string{"/situations/sahel/"}) {
		t.Errorf("region=Africa: %v", got)
	}
	if res.counts["region"]["Asia"] != 1 || res.counts["kind"]["treaty"] != 0 || res.counts["kind"]["brief"] != 1 {
		t.Errorf("region=Africa counts %v", res.counts)
	}
	// Values of one facet are alternatives; facets combine.
	res = c.search("genocide", map[string][]string{"year": {"2023", "1948"}, "kind": {"brief"}})
	if len(res.ids) != 2 {
		t.Errorf("year=2023|1948 & kind=brief: %d results, want 2", len(res.ids))
	}
	// Filters alone, with no query, browse.
	res = c.search("", map[string][]string{"kind": {"treaty"}})
	if got := urls(t, files, res.ids); !reflect.DeepEqual(got, []string{"/treaties/genocide-convention/"}) {
		t.Errorf("kind=treaty without a query: %v", got)
	}
}

func TestMultiRegionCombos(t *testing.T) {
	docs := []Doc{
		{URL: "/a/", Title: "A", Kind: "brief", Region: []string{"Africa", "Asia"}, Text: "genocide"},
		{URL: "/b/", Title: "B", Kind: "brief", Region: []string{"Asia"}, Text: "genocide"},
	}
	c := newClient(t, build(t, docs))
	res := c.search("genocide", nil)
	if res.counts["region"]["Asia"] != 2 || res.counts["region"]["Africa"] != 1 {
		t.Errorf("region counts %v", res.counts["region"])
	}
}

func TestDeterministic(t *testing.T) {
	docs := synthDocs(t, 300)
	var want map[string][]byte
	for round := range 3 {
		shuffled := append([]Doc(nil), docs...)
		rand.New(rand.NewPCG(uint64(round), 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		ix := NewIndex("en")
		var wg sync.WaitGroup
		for _, d := range shuffled {
			wg.Add(1)
			go func() { defer wg.Done(); ix.Add(Analyze(d, "en")) }()
		}
		wg.Wait()
		got := ix.Files(false)
		if want == nil {
			want = got
			continue
		}
		if !maps.EqualFunc(got, want, bytes.Equal) {
			for p := range want {
				if !bytes.Equal(got[p], want[p]) {
					t.Fatalf("round %d: %s differs", round, p)
				}
			}
			t.Fatalf("round %d: different file sets", round)
		}
	}
}

func TestAddReplaces(t *testing.T) {
	ix := NewIndex("en")
	ix.Add(Analyze(Doc{URL: "/a/", Title: "Old", Text: "genocide"}, "en"))
	ix.Add(Analyze(Doc{URL: "/a/", Title: "New", Text: "embargo"}, "en"))
	if ix.Len() != 1 {
		t.Fatalf("Len = %d", ix.Len())
	}
	c := newClient(t, ix.Files(false))
	if r := c.search("genocide ", nil); len(r.ids) != 0 {
		t.Error("the replaced text is still indexed")
	}
	if r := c.search("embargo ", nil); len(r.frags) != 1 || r.frags[0].Title != "New" {
		t.Error("the new text is not indexed")
	}
}

// TestShardLayout checks the promise of the layout: one word, one shard;
// shards cover the words in order; the offline files mirror the online
// ones.
func TestShardLayout(t *testing.T) {
	docs := synthDocs(t, 400)
	ix := NewIndex("en")
	for _, d := range docs {
		ix.Add(Analyze(d, "en"))
	}
	files := ix.Files(false)
	c := newClient(t, files)
	if len(c.man.Shards) < 5 {
		t.Fatalf("only %d shards for %d docs", len(c.man.Shards), len(docs))
	}
	prev := ""
	for i := range c.man.Shards {
		sh := c.shard(i)
		ws := strings.Fields(sh.Words)
		// The manifest gives the shortest start that sorts after the
		// shard before: a prefix of the shard's first word.
		if i > 0 && (!strings.HasPrefix(ws[0], c.man.Shards[i]) || !less16(prev, c.man.Shards[i])) {
			t.Errorf("shard %d runs from %q, after %q; the manifest says it starts at %q", i, ws[0], prev, c.man.Shards[i])
		}
		if start := c.man.Shards[i]; i > 0 && start != ws[0] {
			_, n := utf8.DecodeLastRuneInString(start)
			if shorter := start[:len(start)-n]; less16(prev, shorter) {
				t.Errorf("shard %d: start %q is not the shortest after %q", i, start, prev)
			}
		}
		for _, w := range ws {
			if !less16(prev, w) && prev != "" {
				t.Fatalf("shard %d: %q after %q", i, w, prev)
			}
			prev = w
		}
		if len(ws) != len(sh.Stems) {
			t.Errorf("shard %d: %d words, %d stem indexes", i, len(ws), len(sh.Stems))
		}
	}
	// A prefix finds the words that begin it in the next shards too,
	// which the manifest's short starts must not hide: the first word
	// of each shard, typed short, finds its pages.
	for i := 1; i < len(c.man.Shards); i++ {
		w := strings.Fields(c.shard(i).Words)[0]
		r := []rune(w)
		if len(r) < 4 {
			continue
		}
		p := string(r[:3])
		if shardOf(c.man.Shards, p) < i-2 {
			continue // the client reads at most three shards for a prefix
		}
		exact := newClient(t, files).search(w+" ", nil)
		typed := newClient(t, files).search(p, nil)
		if len(exact.ids) > 0 && !subset(exact.ids, typed.ids) {
			t.Errorf("%q finds %d docs, but %q, which begins it, misses some of them", w, len(exact.ids), p)
		}
	}
	for _, q := range []string{"genocide ", "civilians ", "Srebrenica "} {
		c := newClient(t, files)
		c.search(q, nil)
		shards := 0
		for _, p := range c.fetched {
			if strings.HasPrefix(p, "search/t/") {
				shards++
			}
		}
		if shards != 1 {
			t.Errorf("%q fetched %d shards: %v", q, shards, c.fetched)
		}
	}
	// An offline copy has the same manifest and shards, as scripts, and a
	// fragment file per doc where a served site has chunks of heads.
	offline := ix.Files(true)
	chunks, frags := 0, 0
	for p, data := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "search/"), ".json")
		if strings.HasPrefix(name, "h/") {
			chunks++
			continue
		}
		want := fmt.Sprintf("r2pSearchLoad(%q,%s);\n", name, data)
		if got := string(offline["search/"+name+".js"]); got != want {
			t.Errorf("offline %s = %.60q..., want %.60q...", name, got, want)
		}
	}
	for p := range offline {
		if strings.HasPrefix(p, "search/f/") {
			frags++
		}
	}
	if n := c.man.N; chunks != (n+headChunk-1)/headChunk || frags != n {
		t.Errorf("%d docs: %d chunks of heads online, %d fragments offline", n, chunks, frags)
	}
	if len(offline)-frags != len(files)-chunks {
		t.Errorf("%d offline files, %d online: they differ by more than fragments and chunks", len(offline), len(files))
	}
}

func subset(a, b []int) bool {
	in := map[int]bool{}
	for _, x := range b {
		in[x] = true
	}
	for _, x := range a {
		if !in[x] {
			return false
		}
	}
	return true
}

func TestEmptyIndex(t *testing.T) {
	files := NewIndex("en").Files(false)
	c := newClient(t, files)
	if r := c.search("genocide", nil); len(r.ids) != 0 {
		t.Errorf("empty index found %v", r.ids)
	}
}
