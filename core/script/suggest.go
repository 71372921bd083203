package script

import (
	"strings"
	"unicode/utf8"

	"github.com/sockplay/sockplay/core/limits"
)

// Suggest returns the candidate closest to word by edit distance (ignoring
// case, a swap of two neighbours counting as one edit), or "" when none is
// close enough to be a plausible typo. Ties go to the alphabetically first.
//
// Its cost is bounded whatever word is: a word longer than any name
// (limits.WordBytes) is no typo of one, and a candidate whose length
// differs by more than the distance allowed is skipped unmeasured.
func Suggest(word string, candidates []string) string {
	if len(word) > limits.WordBytes {
		return ""
	}
	maxDist := maxTypoDistance(word)
	best, bestDist := "", maxDist+1
	lw := strings.ToLower(word)
	n := utf8.RuneCountInString(lw)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if c == word || abs(utf8.RuneCountInString(lc)-n) > maxDist {
			continue
		}
		d := editDistance(lw, lc)
		if d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean is Suggest phrased as a hint, "" when there is nothing to suggest.
func didYouMean(word string, candidates []string) string { return suggestion(word, candidates).S }

// suggestion is didYouMean with its Ref.
func suggestion(word string, candidates []string) Text {
	if s := Suggest(word, candidates); s != "" {
		return say("did-you-mean", "did you mean `{0}`?", s)
	}
	return Text{}
}

func abs(n int) int { return max(n, -n) }

func maxTypoDistance(word string) int {
	switch n := len(word); {
	case n <= 2:
		return 1
	case n <= 6:
		return 2
	default:
		return n / 3
	}
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of neighbours each cost 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
