package search

import (
	"strings"
	"testing"
)

func TestZZProbe(t *testing.T) {
	docs := synthDocs(t, 10000)
	var frag, terms, tf, text, nstems, nwords int
	vocab := map[string]bool{}
	stems := map[string]bool{}
	for _, d := range docs {
		a := Analyze(d, "en")
		frag += len(a.frag)
		terms += len(a.terms)
		tf += 2 * len(a.tf)
		text += len(d.Text)
		nstems += len(a.tf)
		a.eachTerm(func(stem, s string, _ uint16) {
			stems[stem] = true
			for _, w := range strings.Split(s, "\x01") {
				vocab[w] = true
				nwords++
			}
		})
	}
	n := len(docs)
	t.Logf("docs %d text/doc %d frag/doc %d terms/doc %d tf/doc %d stems/doc %d words/doc %d vocab %d stems %d",
		n, text/n, frag/n, terms/n, tf/n, nstems/n, nwords/n, len(vocab), len(stems))
}
