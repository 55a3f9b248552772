using Xunit;

// LibTorch's random generator (manual_seed) and thread count are process-wide: tests that seed a model and compare
// two runs must not interleave with tests that draw random tensors.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
