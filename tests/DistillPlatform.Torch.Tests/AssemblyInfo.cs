// libtorch's default random generator is process-wide: a seeded test (manual_seed, then randn or a module's
// initialisation) interleaved with any other test that draws random numbers would see a different sequence.
// Ops already use every core, so running test classes one at a time costs little.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
