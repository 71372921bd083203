package exercise

// LearnerSeed is the seed of a learner's session: FNV-1a (64 bits) of the
// exercise id and the learner id, so every learner gets their own ports,
// ISNs and losses and the same learner always gets the same. Without a
// learner id it is the document's seed.
func (ex *Exercise) LearnerSeed(learner string) uint64 {
	if learner == "" {
		return ex.Seed
	}
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, s := range [...]string{"sockplay exercise", ex.ID, learner} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * prime
		}
		h = (h ^ 0) * prime // a separator, so ("ab","c") differs from ("a","bc")
	}
	return h
}
