using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ScheduleDsl.Benchmarks;

// Short job, tiered compilation off so that millisecond-scale kernels are measured optimized from the first
// iteration (TOOLCHAIN: the default job measured tier-0 code). Ratios are against the [Benchmark(Baseline = true)]
// of each class, taken in the same run.
var job = Job.ShortRun.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0"));
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(new BandwidthColumn())
    .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));

// The optimizer step benchmarks run with their own job (OptimizerBenchmarkConfig: 3 launches × 25 iterations, medians
// and quartiles), because a 3-iteration short run gives errors as large as the differences they are meant to show.
Type[] optimizerSteps = [typeof(SgdMomentumStep), typeof(AdamWStep), typeof(AdamWPlacementStep)];
Type[] others = typeof(BandwidthColumn).Assembly.GetTypes()
    .Where(t => t.IsPublic && !t.IsAbstract && !optimizerSteps.Contains(t) && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), true)))
    .ToArray();
BenchmarkSwitcher.FromTypes(others).Run(args, config);
BenchmarkSwitcher.FromTypes(optimizerSteps).Run(args, new OptimizerBenchmarkConfig());
