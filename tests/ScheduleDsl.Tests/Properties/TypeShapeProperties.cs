using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Tests.Properties;

/// <summary>
/// Property: whatever legal C# shape a schedule type has (verbatim and keyword namespaces, Unicode, nesting in
/// classes, structs, records and interfaces, <c>file</c> types, names that differ only in case, names of generated
/// members, base classes with or without clashing members, schedule base classes), the generator never fails
/// (no CS8784/CS8785, no AD0001), the whole compilation has no diagnostic at all, each schedule the rules allow is
/// generated and evaluates, and each they forbid gets an SDL error in its own declaration. A fixed seed per case,
/// printed on failure, reproduces it.
/// </summary>
public sealed class TypeShapeProperties(ITestOutputHelper log)
{
    private const int Seed = 10_010;
    private const int Compilations = 30;
    private const int DeclarationsPerCompilation = 10;

    private static readonly string[] Namespaces = ["", "Demo", "DEMO", "demo", "@if", "@if.Demo", "@class.@namespace.@var", "Ä.Ünïcode", "N1.N2.N3", "@record", "global_"];
    private static readonly string[] Containers = ["Outer", "OUTER", "outer", "@struct", "Holder", "@event"];
    private static readonly string[] ContainerKinds = ["partial class", "partial struct", "partial record", "partial record struct", "partial interface", "static partial class"];
    private static readonly string[] Names = ["S", "s", "Sched", "SCHED", "sched", "@class", "@if", "@var", "@dynamic", "nameof", "B", "Straße", "STRASSE"];
    private static readonly string[] MemberNames = ["At", "AtSingle", "Fill", "TotalSteps", "PeakLearningRate", "MomentumAt"];
    private static readonly string[] Kinds = ["partial struct", "partial class", "partial record", "partial record struct", "readonly partial struct", "sealed partial class"];
    private static readonly string[] Bases = ["", "PlainBase", "BaseWithAt", "BaseWithProtectedFill", "BaseSchedule"];
    private static readonly HashSet<string> GeneratedMembers = ["At", "AtSingle", "Fill", "TotalSteps", "PeakLearningRate", "MomentumAt"];

    private const string Prelude = """
        using ScheduleDsl;
        public class PlainBase { public int Other => 1; }
        public class BaseWithAt { public static double At(long step) => 0; }
        public class BaseWithProtectedFill { protected static void Fill() { } }
        [LearningRate(0.2)][Cosine(10)] public partial class BaseSchedule;

        """;

    private sealed record Case(string Text, string MetadataName, bool Expected, string Why, int Start, int End);

    [Fact]
    public void Every_legal_type_shape_generates_or_gets_an_SDL_error_and_never_breaks_the_build()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        for (int c = 0; c < Compilations; c++)
        {
            var random = new Random(Seed + c);
            var cases = new List<Case>();
            var source = new StringBuilder(Prelude);
            var typeKinds = new Dictionary<string, string>(StringComparer.Ordinal);
            var namespaces = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < DeclarationsPerCompilation; i++)
            {
                if (Declare(random, i, source, typeKinds, namespaces) is { } declared)
                {
                    cases.Add(declared);
                }
            }

            failures.AddRange(Check(source.ToString(), cases, counts).Select(f => $"compilation {c} (seed {Seed + c}): {f}"));
        }

        log.WriteLine($"{counts.GetValueOrDefault("cases")} type shapes in {Compilations} compilations");
        foreach (var (key, value) in counts)
        {
            log.WriteLine($"{key}: {value}");
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(10)));
        Assert.True(counts.GetValueOrDefault("generated") > 80, "too few generated shapes");
        Assert.True(counts.GetValueOrDefault("rejected") > 40, "too few rejected shapes");
    }

    /// <summary>One random, legal declaration (or null when the draw would not be legal C#), and whether the rules allow it.</summary>
    private static Case? Declare(Random random, int index, StringBuilder source, Dictionary<string, string> typeKinds, HashSet<string> namespaces)
    {
        string ns = Pick(random, Namespaces);
        bool file = random.NextDouble() < 0.1;
        var chain = new List<(string Kind, string Name)>();
        int depth = random.NextDouble() < 0.6 ? 0 : random.Next(1, 3);
        for (int d = 0; d < depth; d++)
        {
            chain.Add((Pick(random, ContainerKinds), Pick(random, Containers)));
        }

        string kind = Pick(random, Kinds);
        string name = Pick(random, random.NextDouble() < 0.15 ? MemberNames : Names) + (file ? "F" + index.ToString(CultureInfo.InvariantCulture) : string.Empty);
        string baseType = kind.EndsWith("class", StringComparison.Ordinal) && !kind.StartsWith("static", StringComparison.Ordinal) ? Pick(random, Bases) : string.Empty;
        if (file)
        {
            // `file` applies to the outermost type only; the outer types get unique names so that no other file
            // declares a non-file type of the same name.
            if (chain.Count > 0)
            {
                chain[0] = (chain[0].Kind, chain[0].Name.TrimStart('@') + "F" + index.ToString(CultureInfo.InvariantCulture));
            }
        }

        // A type may not have the name of the type that contains it (CS0542).
        for (int d = 0; d < chain.Count; d++)
        {
            string next = d + 1 < chain.Count ? chain[d + 1].Name : name;
            if (next.TrimStart('@') == chain[d].Name.TrimStart('@'))
            {
                return null;
            }
        }

        string nsName = ns.Replace("@", string.Empty, StringComparison.Ordinal);
        string prefix = nsName.Length == 0 ? string.Empty : nsName + ".";
        string outerPath = prefix;
        for (int d = 0; d < chain.Count; d++)
        {
            string full = outerPath + chain[d].Name.TrimStart('@');
            if (namespaces.Any(n => n == full) || (typeKinds.TryGetValue(full, out string? existing) && existing != chain[d].Kind))
            {
                chain[d] = (typeKinds.GetValueOrDefault(full, chain[d].Kind), chain[d].Name);
                if (namespaces.Contains(full))
                {
                    return null;
                }
            }

            if (d > 0 && chain[d - 1].Kind.Contains("interface", StringComparison.Ordinal) && chain[d].Kind.Contains("static", StringComparison.Ordinal))
            {
                return null;
            }

            outerPath = full + "+";
        }

        string metadata = outerPath + name.TrimStart('@');
        string typeFull = metadata.Replace('+', '.');
        if (typeKinds.ContainsKey(metadata) || namespaces.Contains(typeFull) || (chain.Count > 0 && chain[^1].Kind.StartsWith("static", StringComparison.Ordinal) && false))
        {
            return null;
        }

        // A namespace may not share a full name with a type (CS0101), so namespaces and types are registered apart.
        for (string part = nsName; part.Length > 0; part = part.Contains('.', StringComparison.Ordinal) ? part[..part.LastIndexOf('.')] : string.Empty)
        {
            if (typeKinds.Keys.Any(k => k.Replace('+', '.') == part))
            {
                return null;
            }
        }

        for (string part = nsName; part.Length > 0; part = part.Contains('.', StringComparison.Ordinal) ? part[..part.LastIndexOf('.')] : string.Empty)
        {
            namespaces.Add(part);
        }

        string path = prefix;
        foreach ((string containerKind, string containerName) in chain)
        {
            typeKinds[path + containerName.TrimStart('@')] = containerKind;
            path += containerName.TrimStart('@') + "+";
        }

        typeKinds[metadata] = kind;

        bool inStatic = chain.Count > 0 && chain[^1].Kind.StartsWith("static", StringComparison.Ordinal);
        string member = inStatic ? "static " : string.Empty;
        string declaration = $"[LearningRate(0.1)][Warmup(10)][Cosine(90)] {(file && chain.Count == 0 ? "file " : string.Empty)}{kind} {name}{(baseType.Length > 0 ? " : " + baseType : string.Empty)};";
        if (inStatic)
        {
            // A static class may hold nested types (not instance members), so the schedule is legal there too.
            declaration = declaration.Replace(member, string.Empty, StringComparison.Ordinal);
        }

        for (int d = chain.Count - 1; d >= 0; d--)
        {
            string modifier = d == 0 && file ? "file " : string.Empty;
            declaration = $"{modifier}{chain[d].Kind} {chain[d].Name} {{ {declaration} }}";
        }

        if (ns.Length > 0)
        {
            declaration = $"namespace {ns} {{ {declaration} }}";
        }

        string why = file ? "file-local"
            : GeneratedMembers.Contains(name) ? "named like a member"
            : baseType is "BaseWithAt" or "BaseWithProtectedFill" or "BaseSchedule" ? "clashing base"
            : string.Empty;
        int start = source.Length;
        source.Append(declaration).Append('\n');
        return new Case(declaration, metadata, why.Length == 0, why, start, source.Length);
    }

    private static IEnumerable<string> Check(string source, List<Case> cases, SortedDictionary<string, int> counts)
    {
        // Legal user code by construction: any diagnostic, in user or generated code, is a failure.
        (GeneratorRun run, ImmutableArray<Diagnostic> analyzer, List<string> failures) = PropertyChecks.Run(source);
        if (failures.Count > 0)
        {
            foreach (string failure in failures)
            {
                yield return failure + "\n" + source;
            }

            yield break;
        }

        Assembly assembly = GeneratorHarness.Load(run.Output);
        foreach (Case @case in cases)
        {
            Increment(counts, "cases");
            bool sdlError = PropertyChecks.HasSdlError(analyzer, @case.Start, @case.End, out _);
            if (@case.Expected)
            {
                Increment(counts, "generated");
                MethodInfo? at = assembly.GetType(@case.MetadataName)?.GetMethod("At", [typeof(long)]);
                if (sdlError || at is null)
                {
                    yield return $"expected a generated schedule (SDL error: {sdlError}, At found: {at is not null}):\n{@case.Text}";
                    continue;
                }

                // Warmup(10) then Cosine(90) from 0.1: the peak at step 10, the final 0 from step 100 on.
                double peak = (double)at.Invoke(null, [10L])!;
                double final = (double)at.Invoke(null, [100L])!;
                if (peak != 0.1 || final != 0)
                {
                    yield return $"At(10) = {peak}, At(100) = {final}:\n{@case.Text}";
                }
            }
            else
            {
                Increment(counts, "rejected");
                Increment(counts, "rejected: " + @case.Why);
                if (!sdlError)
                {
                    yield return $"expected an SDL error ({@case.Why}):\n{@case.Text}";
                }
            }
        }
    }

    private static void Increment(SortedDictionary<string, int> counts, string key) => PropertyChecks.Increment(counts, key);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
