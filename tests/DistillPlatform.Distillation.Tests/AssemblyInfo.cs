// The torch random generator is process-wide and the GAN trainer swaps its own state in for each step; tests drawing
// random numbers on other threads meanwhile would shift those sequences. Run the tests of this assembly one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
