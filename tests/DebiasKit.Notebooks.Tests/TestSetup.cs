using Xunit;

// Notebook runs are heavy processes on a 2-core machine; the suite itself runs one test at a time and lets the
// runner parallelise notebooks (--parallel 2).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
