using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ScheduleDsl.Tests.Infrastructure;

/// <summary>One recorded PyTorch schedule trace from tests/Reference/pytorch-schedules.json.</summary>
public sealed record ScheduleCase(string Name, string Scheduler, double[] Lr, double[]? Momentum, double[]? Metrics = null);

/// <summary>Reads the reference vectors copied next to the test assembly (never from outside the repository).</summary>
public static class ReferenceData
{
    private static readonly Lazy<IReadOnlyDictionary<string, ScheduleCase>> Cases = new(LoadScheduleCases);

    public static string Path(string fileName) => System.IO.Path.Combine(AppContext.BaseDirectory, "ReferenceData", fileName);

    public static IReadOnlyDictionary<string, ScheduleCase> ScheduleCases => Cases.Value;

    private static IReadOnlyDictionary<string, ScheduleCase> LoadScheduleCases()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path("pytorch-schedules.json")));
        var cases = new Dictionary<string, ScheduleCase>(StringComparer.Ordinal);
        foreach (JsonElement item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            string name = item.GetProperty("name").GetString()!;
            double[] lr = item.GetProperty("lr").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double[]? momentum = item.TryGetProperty("momentum", out JsonElement m) ? m.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null;
            double[]? metrics = item.TryGetProperty("metrics", out JsonElement k) ? k.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null;
            cases.Add(name, new ScheduleCase(name, item.GetProperty("scheduler").GetString()!, lr, momentum, metrics));
        }

        return cases;
    }
}
