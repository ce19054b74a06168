// The torch random generator is process-wide: sampling seeds it for each draw and the tiny generator's training swaps
// its own state in, so a test drawing random numbers on another thread meanwhile would change the samples. Run the
// tests of this assembly one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
