package search

import "testing"

func BenchmarkAnalyze(b *testing.B) {
	docs := synthDocs(b, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Analyze(docs[i%len(docs)], "en")
	}
}
