package search

import "testing"

// BenchmarkAnalyze measures the per-page cost that indexing adds to a
// build: go test ./internal/search -run - -bench Analyze
func BenchmarkAnalyze(b *testing.B) {
	docs := synthDocs(b, 500)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Analyze(docs[i%len(docs)], "en")
	}
}
