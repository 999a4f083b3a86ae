package ops

// The argument types, for the fuzz test.
type (
	DisplayArgs  = displayArgs
	LogsArgs     = logsArgs
	PurgeArgs    = purgeArgs
	AnnounceArgs = announceArgs
)
