"""Running many independent computations: parallel and resumable sweeps, batches of games, progress."""
