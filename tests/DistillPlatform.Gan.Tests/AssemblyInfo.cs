// The torch random generator is process-wide: the trainer swaps its own state in for a step, and a test drawing
// random numbers on another thread meanwhile would shift that sequence. Run the tests of this assembly one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
