// torch's random generator and the native tensor counter are process-wide: tests that seed, or count live tensors,
// must not interleave with others, so this assembly runs its tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
