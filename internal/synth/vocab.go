package synth

import (
	"strings"
	"sync"
)

// The vocabulary is fixed, not drawn from the seed, so that sites built
// with different seeds still index the same words and their search figures
// stay comparable.

// functionWords glue the content words together so that the text has the
// rhythm of prose, which is what tokenisers and phrase search see.
var functionWords = strings.Fields(`the of and to in a for on by with that was
is as were from at has have been be are which their its this or an not also had
after against under into more other all during between over since while where
than across despite without through among`)

// domainWords are real words of atrocity-prevention reporting. They take
// the top ranks, so that a query for any of them finds many briefs.
// "genocide" is placed eighth on purpose: the search benchmark needs a
// word that is on almost every page. "arms", "embargo" and "Srebrenica"
// are absent: they are inserted at controlled rates instead.
var domainWords = strings.Fields(`civilians protection violence population
forces conflict security genocide displacement humanitarian government armed
groups militia ceasefire accountability atrocity crimes prevention risk
authorities attacks communities killings war ethnic cleansing humanity refugees
detention justice mission council sanctions mediation peacekeeping inquiry
commission tribunal torture abductions massacre persecution minorities hate
speech incitement elections unrest protests crackdown insurgency extremism
recruitment children women sexual famine blockade siege access aid convoy
monitoring reporting early warning factors impunity reconciliation transitional
reparations truth amnesty border region province villages camps shelters
returnees asylum rights law obligations treaty resolution mandate envoy special
adviser rapporteur secretariat member states regional organization dialogue
negotiations agreement implementation compliance evidence testimony witnesses
investigation prosecution court arrest warrant fighters airstrikes shelling
landmines weapons trafficking smuggling checkpoints curfew emergency martial
journalists defenders activists media internet shutdown displaced persons
settlements militias paramilitary police military operations offensive
clashes casualties victims survivors perpetrators command responsibility
patterns indicators escalation tensions grievances discrimination exclusion
citizenship land property livelihoods water food health schools hospitals
infrastructure looting burning destruction evacuation corridors negotiation
observers deployment troops contingent budget funding appeal donors pledges
capacity institutions judiciary legislation reform constitution parliament
opposition party leaders officials spokesperson statement briefing report
findings recommendations measures response action collective responsibility
framework analysis assessment situation developments trends`)

// Syllables for the long tail. Their combinations look like words to a
// tokeniser and to a stemmer, but they name nothing.
var (
	onsets = []string{"", "", "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t",
		"v", "z", "h", "j", "w", "br", "dr", "kr", "tr", "st", "sh", "th"}
	vowels = []string{"a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "ai", "ou", "ea"}
	codas  = []string{"", "", "", "", "", "", "n", "r", "l", "s", "m", "t", "nd", "k"}
)

const pseudoWords = 6000

// vocabulary holds the ranked word lists and their samplers.
type vocabulary struct {
	function, content []string
	fz, cz            zipf
	places            []string // capitalised pseudo-words for place names
}

var (
	vocabOnce sync.Once
	vocab     *vocabulary
)

func words() *vocabulary {
	vocabOnce.Do(func() { vocab = buildVocabulary() })
	return vocab
}

func buildVocabulary() *vocabulary {
	seen := map[string]bool{"srebrenica": true, "arms": true, "embargo": true, "synthetic": true}
	for _, w := range functionWords {
		seen[w] = true
	}
	var domain []string
	for _, w := range domainWords {
		if !seen[w] {
			seen[w] = true
			domain = append(domain, w)
		}
	}
	r := newRNG(0x5eed, 0, 0)
	pseudo := make([]string, 0, pseudoWords)
	var b strings.Builder
	for len(pseudo) < pseudoWords {
		b.Reset()
		for n := 2 + r.pick([]int{90, 10}); n > 0; n-- {
			b.WriteString(onsets[r.intn(len(onsets))])
			b.WriteString(vowels[r.intn(len(vowels))])
			b.WriteString(codas[r.intn(len(codas))])
		}
		w := b.String()
		if len(w) < 4 || seen[w] {
			continue
		}
		seen[w] = true
		pseudo = append(pseudo, w)
	}
	// The top thirty ranks are all real words; after that real and
	// invented words alternate until the real ones run out, and the
	// invented ones make the tail.
	content := append([]string(nil), domain[:30]...)
	rest, tail := domain[30:], pseudo
	for len(rest) > 0 {
		content = append(content, rest[0], tail[0])
		rest, tail = rest[1:], tail[1:]
	}
	content = append(content, tail...)

	v := &vocabulary{
		function: functionWords,
		content:  content,
		fz:       newZipf(len(functionWords), 1.0, 1),
		cz:       newZipf(len(content), 1.1, 8),
	}
	// Place names come from the far tail so that they rarely coincide
	// with words of the running text.
	for _, w := range pseudo[len(pseudo)-1500:] {
		v.places = append(v.places, strings.ToUpper(w[:1])+w[1:])
	}
	return v
}
