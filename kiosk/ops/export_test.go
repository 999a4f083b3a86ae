package ops

// The argument types, for the fuzz test.
type (
	DisplayArgs  = displayArgs
	LogsArgs     = logsArgs
	PurgeArgs    = purgeArgs
	AnnounceArgs = announceArgs
)

// Last is what the logs command reads.
func (r *Ring) Last(n int) []string { return r.last(n) }
