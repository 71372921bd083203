package text

// SortStrings sorts ss in increasing order, as slices.Sort does. The lists
// the engine sorts (names, help topics, completions) are short, and an
// insertion sort is a few hundred bytes of WebAssembly where slices.Sort's
// pdqsort instantiated for strings is some 17 KB (about 6 KB gzip).
func SortStrings(ss []string) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j] < ss[j-1]; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}
