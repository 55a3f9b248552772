using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ScheduleDsl.Benchmarks;

/// <summary>
/// Median time over the baseline's median time in the same logical group (same class and parameters), the ratio
/// docs/benchmarks.md reports; BenchmarkDotNet's own Ratio column is the mean of per-iteration ratios, which one slow
/// iteration moves. With a method name, the reference is that method's case in the same group instead of the
/// baseline (for example the clipped step over the <c>Propagate</c> step, the goal of ≤ 1.1×).
/// </summary>
public sealed class MedianRatioColumn(string? referenceMethod = null, string? columnName = null) : IColumn
{
    public string Id => nameof(MedianRatioColumn) + referenceMethod;

    public string ColumnName => columnName ?? "Median ratio";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Baseline;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => referenceMethod is null
        ? "Median time / the baseline's median time, same class and parameters"
        : $"Median time / the median time of {referenceMethod}, same class and parameters";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        string? group = summary.GetLogicalGroupKey(benchmarkCase);
        BenchmarkCase? baseline = referenceMethod is null
            ? summary.GetBaseline(group)
            : summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == referenceMethod && summary.GetLogicalGroupKey(c) == group);
        if (baseline is null || summary[benchmarkCase]?.ResultStatistics is not { } mine || summary[baseline]?.ResultStatistics is not { } theirs)
        {
            return "-";
        }

        return (mine.Median / theirs.Median).ToString("F2", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
