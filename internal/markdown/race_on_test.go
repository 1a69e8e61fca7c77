//go:build race

package markdown

// raceEnabled is set under -race, which slows code tenfold or more, so
// that timing tests can step aside: their limits are for real builds.
const raceEnabled = true
