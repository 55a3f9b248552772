using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>One case of tests/Reference/pytorch-optimizers.json.</summary>
public sealed class ReferenceCase
{
    public required string Name { get; init; }
    public required string Optimizer { get; init; }
    public required JsonElement Hyper { get; init; }
    public required string? Scheduler { get; init; }
    public required float[] Initial { get; init; }
    public required float[][] Gradients { get; init; }
    public required double[] LearningRates { get; init; }
    public required double[]? Momenta { get; init; }
    public required float[][] ParametersAfter { get; init; }

    public double Double(string name) => Hyper.GetProperty(name).GetDouble();

    public bool Bool(string name) => Hyper.GetProperty(name).GetBoolean();

    public override string ToString() => Name;
}

/// <summary>Reads the PyTorch reference vectors copied next to the test assembly.</summary>
public static class ReferenceData
{
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> Cases = new(Load);

    public static IReadOnlyList<ReferenceCase> All => Cases.Value;

    public static IEnumerable<object[]> CaseNames => All.Select(c => new object[] { c.Name });

    public static ReferenceCase Get(string name) => All.Single(c => c.Name == name);

    private static IReadOnlyList<ReferenceCase> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "pytorch-optimizers.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        var list = new List<ReferenceCase>();
        foreach (JsonElement c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string? scheduler = c.TryGetProperty("scheduler", out JsonElement s) && s.ValueKind == JsonValueKind.Object
                ? s.GetProperty("scheduler").GetString()
                : null;
            list.Add(new ReferenceCase
            {
                Name = c.GetProperty("name").GetString()!,
                Optimizer = c.GetProperty("optimizer").GetString()!,
                Hyper = c.GetProperty("hyper").Clone(),
                Scheduler = scheduler,
                Initial = Floats(c.GetProperty("initial")),
                Gradients = c.GetProperty("grads").EnumerateArray().Select(Floats).ToArray(),
                LearningRates = Doubles(c.GetProperty("lr")),
                Momenta = c.TryGetProperty("momentum", out JsonElement m) && m.ValueKind == JsonValueKind.Array ? Doubles(m) : null,
                ParametersAfter = c.GetProperty("params_after").EnumerateArray().Select(Floats).ToArray(),
            });
        }

        return list;
    }

    // The file stores each float32 as the exact double equal to it, so the cast recovers the bits.
    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
