package markdown

import (
	"strings"
	"testing"
)

// benchBrief is a situation brief of about 850 words with the mix of
// features briefs use: headings, symbols, links, a list, a table, a
// footnote and a quotation.
var benchBrief = func() string {
	var b strings.Builder
	b.WriteString("## Background\n\n")
	para := "Since March 2011 the conflict has killed more than 350,000 people, and the Commission of Inquiry (A/HRC/31/68) found that \"crimes against humanity\" were committed by several parties. The Secretary-General's report A/70/999-S/2016/620 recalls that States committed in A/RES/60/1 to protect populations; see also S/RES/2165 (2014) on cross-border aid and the [Global Centre](https://www.globalr2p.org/) and [our treaty page](/treaties/rome-statute/). Access remains restricted -- aid convoys were blocked *repeatedly*.[^1]\n\n"
	plain := "Humanitarian access has deteriorated in the north-west, where more than four million people depend on assistance delivered across the border. Local monitors report arbitrary detention, enforced disappearance and the targeting of medical facilities, and warn that displaced families face renewed attacks as front lines shift. Civil society groups ask regional organisations to press for the protection of civilians and for accountability.\n\n"
	for i := range 8 {
		b.WriteString(para)
		if i%2 == 0 {
			b.WriteString(plain)
		}
		if i == 2 {
			b.WriteString("## Risk factors\n\n- Risk factor 1: situations of armed conflict (S/2016/620)\n- Risk factor 7: enabling circumstances\n- Risk factor 9: triggering factors, see E/CN.4/1998/53/Add.2\n\n")
		}
		if i == 5 {
			b.WriteString("## Treaty status\n\n| Treaty | Status | Since |\n|:--|:--|--:|\n| Genocide Convention | party | 1955 |\n| Rome Statute | none | |\n| Arms Trade Treaty | none | |\n\n> The Council should act without delay. (S/PRST/2014/5)\n\n")
		}
	}
	b.WriteString("## Recommendations\n\nThe Council should refer the situation to the ICC; States should support https://www.ohchr.org/ mechanisms and the CCPR/C/GC/36 standards.\n\n")
	b.WriteString("[^1]: OCHA, Humanitarian Update, see A/HRC/32/CRP.2.\n")
	return b.String()
}()

func BenchmarkConvert(b *testing.B) {
	c := New(Config{Links: basePath("/r2p")})
	src := []byte(benchBrief)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			doc, _ := c.Convert(src, Options{Path: "b.md", Line: 8, Numbered: true})
			if doc.Paragraphs == 0 {
				b.Fatal("no paragraphs")
			}
		}
	})
}

func BenchmarkFindSymbols(b *testing.B) {
	src := []byte(benchBrief)
	var dst []symbolMatch
	for b.Loop() {
		dst = findSymbols(src, dst[:0])
	}
}
