extern alias generator;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using ScheduleAnalyzer = generator::ScheduleDsl.Generator.Diagnostics.ScheduleAnalyzer;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// Robustness: thousands of random and malformed schedule declarations (a fixed seed, so a failure reproduces).
/// The generator and the analyzer must never throw; each declaration must end in a user-code compiler error, an
/// SDL diagnostic, or generated code that compiles without a single diagnostic; a schedule with an SDL error gets
/// only throwing stubs that compile cleanly, and one with neither an error nor an SDL error gets its code; and generating twice gives identical text.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper log)
{
    private const int Seed = 20_261_128;
    private const int Compilations = 90;
    private const int DeclarationsPerCompilation = 100;
    private const int BrokenCompilations = 100;
    private const int DeclarationsPerBrokenCompilation = 10;

    [Fact]
    public void Random_declarations_never_crash_and_always_end_in_code_or_a_diagnostic()
    {
        var watch = Stopwatch.StartNew();
        var failures = new ConcurrentBag<string>();
        var counts = new ConcurrentDictionary<string, int>();
        Parallel.For(0, Compilations + BrokenCompilations, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            bool broken = batch >= Compilations;
            var fuzzer = new ScheduleFuzzer(new Random(Seed + batch));
            int count = broken ? DeclarationsPerBrokenCompilation : DeclarationsPerCompilation;
            var declarations = new List<Declaration>();
            var source = new StringBuilder("using System;\nusing ScheduleDsl;\n\n");
            for (int i = 0; i < count; i++)
            {
                string name = $"Fuzz{batch}_{i}";
                string text = broken ? fuzzer.Broken(name) : fuzzer.Declaration(name, out bool hasRate);
                int start = source.Length;
                source.Append(text).Append('\n');
                declarations.Add(new Declaration(name, text, start, source.Length, !broken && text.Contains("[LearningRate(", StringComparison.Ordinal)));
            }

            foreach (string failure in Check(source.ToString(), declarations, broken, counts))
            {
                failures.Add($"batch {batch} (seed {Seed + batch}): {failure}");
            }
        });

        log.WriteLine($"{Compilations * DeclarationsPerCompilation + BrokenCompilations * DeclarationsPerBrokenCompilation} declarations in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (KeyValuePair<string, int> count in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            log.WriteLine($"{count.Key}: {count.Value}");
        }

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.Take(20)));

        // The fuzzer must reach every outcome, or it tests less than it claims.
        Assert.True(counts.GetValueOrDefault("outcome: generated, clean") > 500, "too few valid schedules");
        Assert.True(counts.GetValueOrDefault("outcome: SDL error") > 500, "too few invalid schedules");
        Assert.True(counts.GetValueOrDefault("outcome: compiler error in user code") > 500, "too few ill-typed declarations");
    }

    /// <summary>
    /// Found by the fuzzer: [Interpolate] with no factors passes validation and yields a model whose pieces do not
    /// cover every step; emitting it threw ArgumentOutOfRangeException from ScheduleModel.Evaluate. The generator
    /// now drops such a model (no code rather than a crash or wrong code); since SDL0032 reports the empty factors, the
    /// schedule gets throwing stubs that compile cleanly.
    /// </summary>
    [Theory]
    [InlineData("[LearningRate(0.1)][Interpolate(new double[0])] public partial struct S;")]
    [InlineData("[LearningRate(0.1)][Warmup(10)][Interpolate([])] public partial struct S;")]
    [InlineData("[LearningRate(0.1)][Optimal(0.8, Multiply = true)][Interpolate(new double[] { })] public partial struct S;")]
    public void An_incomplete_model_generates_only_stubs_and_does_not_throw(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run("using ScheduleDsl;\nnamespace Demo;\n" + declaration);

        Assert.Null(run.Driver.GetRunResult().Results.Single().Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.Contains("is invalid and has no code (SDL0032: ", Assert.Single(run.Sources).SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.CompilationDiagnostics);
    }

    /// <summary>The type's XML documentation (the /// lines before the first attribute), or why it does not parse.</summary>
    private static string? DocumentationProblem(string generated)
    {
        string[] lines = generated.Split('\n').Select(l => l.Trim()).SkipWhile(l => !l.StartsWith("///", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("///", StringComparison.Ordinal)).ToArray();
        try
        {
            System.Xml.Linq.XDocument.Parse("<doc>" + string.Join("\n", lines.Select(l => l.Substring(3))) + "</doc>");
            return lines.Length == 0 ? "none" : null;
        }
        catch (System.Xml.XmlException exception)
        {
            return exception.Message;
        }
    }

    private sealed record Declaration(string Namespace, string Text, int Start, int End, bool WritesLearningRate);

    private static IEnumerable<string> Check(string source, List<Declaration> declarations, bool broken, ConcurrentDictionary<string, int> counts)
    {
        CSharpCompilation input = GeneratorHarness.Compile(source);
        GeneratorRun first = GeneratorHarness.Run(input);
        GeneratorRun second = GeneratorHarness.Run(input);

        GeneratorRunResult result = first.Driver.GetRunResult().Results.Single();
        if (result.Exception is { } exception)
        {
            // Narrow it down to the declarations that make it throw on their own.
            string culprits = string.Join("\n", declarations
                .Where(d => GeneratorHarness.Run("using System;\nusing ScheduleDsl;\n" + d.Text).Driver.GetRunResult().Results.Single().Exception is not null)
                .Select(d => d.Text));
            yield return $"the generator threw {exception}\non:\n{(culprits.Length > 0 ? culprits : source)}";
            yield break;
        }

        foreach (Diagnostic crash in first.GeneratorDiagnostics.Where(d => d.Id is "CS8784" or "CS8785"))
        {
            yield return $"the generator failed: {crash}";
        }

        // Identical output from a second, independent run.
        string[] once = first.Sources.Select(s => s.HintName + "\n" + s.SourceText).ToArray();
        string[] twice = second.Sources.Select(s => s.HintName + "\n" + s.SourceText).ToArray();
        if (!once.SequenceEqual(twice))
        {
            yield return "two runs of the generator gave different output";
        }

        // The hover text must be well-formed XML whatever the schedule (escaping, odd numbers).
        foreach (GeneratedSourceResult generated in first.Sources)
        {
            string? problem = DocumentationProblem(generated.SourceText.ToString());
            if (problem is not null)
            {
                yield return $"{generated.HintName}: the documentation is not well-formed XML: {problem}";
            }
        }

        var exceptions = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (e, _, _) => exceptions.Add(e),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        // One binding of the user's code gives both the compiler's and the analyzer's diagnostics.
        ImmutableArray<Diagnostic> all = input
            .WithAnalyzers([new ScheduleAnalyzer()], options)
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        ImmutableArray<Diagnostic> analyzer = all.Where(d => d.Id.StartsWith("SDL", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray();
        ImmutableArray<Diagnostic> user = all.Where(d => !analyzer.Contains(d)).ToImmutableArray();
        foreach (Exception e in exceptions)
        {
            yield return $"the analyzer threw {e}";
        }

        foreach (Diagnostic crash in analyzer.Where(d => d.Id == "AD0001"))
        {
            yield return $"the analyzer failed: {crash}";
        }

        if (broken)
        {
            counts.AddOrUpdate("outcome: broken syntax, no crash", declarations.Count, (_, n) => n + declarations.Count);
            yield break;
        }

        ImmutableArray<Diagnostic> output = first.CompilationDiagnostics;
        foreach (Declaration declaration in declarations)
        {
            bool Inside(Diagnostic d) => d.Location.IsInSource
                && d.Location.SourceTree!.FilePath == "Source0.cs"
                && d.Location.SourceSpan.Start >= declaration.Start && d.Location.SourceSpan.End <= declaration.End;
            bool Generated(string path) => path.Contains(declaration.Namespace + ".", StringComparison.Ordinal);

            Diagnostic[] userErrors = user.Where(Inside).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Diagnostic[] sdl = analyzer.Where(Inside).ToArray();
            bool sdlError = sdl.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error);
            GeneratedSourceResult[] generated = first.Sources.Where(s => Generated(s.HintName)).ToArray();
            Diagnostic[] afterGeneration = output
                .Where(d => Inside(d) || (d.Location.SourceTree is { } tree && Generated(tree.FilePath)))
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .ToArray();
            foreach (Diagnostic d in sdl)
            {
                counts.AddOrUpdate(d.Id, 1, (_, n) => n + 1);
            }

            string outcome;
            if (userErrors.Length > 0)
            {
                outcome = "compiler error in user code";
            }
            else if (sdlError)
            {
                outcome = "SDL error";
                if (generated.Any(s => !s.SourceText.ToString().Contains("is invalid and has no code", StringComparison.Ordinal)))
                {
                    yield return $"code other than throwing stubs was generated despite {string.Join(", ", sdl.Select(d => d.Id))}:\n{declaration.Text}";
                }
                else if (afterGeneration.Length > 0)
                {
                    yield return $"the stubs of an invalid schedule do not compile cleanly: {string.Join("; ", afterGeneration.Take(3))}\n{declaration.Text}";
                }
            }
            else if (generated.Length > 0)
            {
                outcome = "generated, clean";
                if (afterGeneration.Length > 0)
                {
                    yield return $"the generated code does not compile cleanly: {string.Join("; ", afterGeneration.Take(3))}\n{declaration.Text}";
                }
            }
            else if (declaration.WritesLearningRate)
            {
                outcome = "nothing";
                yield return $"no code, no SDL error and no compiler error (SDL: {string.Join(", ", sdl.Select(d => d.Id))}):\n{declaration.Text}";
            }
            else
            {
                outcome = sdl.Length > 0 ? "SDL diagnostic, not a schedule" : "not a schedule, clean";
                if (afterGeneration.Length > 0)
                {
                    yield return $"diagnostics after generation: {string.Join("; ", afterGeneration.Take(3))}\n{declaration.Text}";
                }
            }

            counts.AddOrUpdate("outcome: " + outcome, 1, (_, n) => n + 1);
        }
    }
}

/// <summary>
/// The fuzz test fills both cores for a while; it runs alone, after the parallel tests, so that it does not starve
/// timing- and JIT-sensitive tests (the allocation tests) running beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzz (runs alone)";
}

/// <summary>Writes random schedule declarations: mostly well-typed, often invalid, sometimes ill-typed or broken.</summary>
internal sealed class ScheduleFuzzer(Random random)
{
    /// <summary>
    /// Each kind of the descriptor registry with its attribute's widest constructor (l = long, d = double, i = int,
    /// D = double[], L = params long[]) and its own settable properties: derived from the attribute classes, so a new
    /// kind or argument is fuzzed without a row to add.
    /// </summary>
    internal static readonly (string Name, string Parameters, string[] Properties)[] Phases = KindRegistry.All.Select(Schema).ToArray();

    /// <summary>A member with the signature of a generated one.</summary>
    public const string ClashingMember = "public static double At(long step) => 0;";

    private static readonly string[] Common = ["Start:l", "End:end", "Multiply:b", "Rate:d", "LocalStart:l"];

    private static readonly string[] Unknown = ["Warmpu", "Cosin", "Schedule", "Obsolete", "Serializable", "Phase", "LearningRates", "ScheduleDsl.Cosine", "global::ScheduleDsl.Warmup"];

    private static readonly string[] Lengths = ["1", "2", "10", "100", "1_000", "0", "-1", "-100", "9007199254740992", "9007199254740993", "long.MaxValue", "long.MinValue", "int.MaxValue", "4611686018427387904", "3L", "(long)1e6"];

    private static readonly string[] Reals = ["0.1", "0.5", "1.0", "0.0", "-0.0", "1", "0.9", "2.0", "1.5", "-0.5", "1e-8", "1e308", "-1e308", "1e-320", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "double.Epsilon", "double.MaxValue", "3e-4", "0.999999", "10", "100.0", "-1"];

    private static readonly string[] WrongTypes = ["\"ten\"", "null", "true", "'c'", "typeof(int)", "new[] { 1 }", "EndBehavior.Throw", "1.5m", "default", "nameof(Math)", "x", "1 / 0", "int.MaxValue + 1"];

    private static readonly string[] Shapes =
    [
        "partial struct {0};", "public partial struct {0};", "partial class {0} {{ }}", "public sealed partial class {0} {{ }}",
        "partial record {0};", "partial record struct {0};", "readonly partial struct {0};", "internal partial record class {0}(int X);",
        "struct {0};", "class {0} {{ }}", "static partial class {0} {{ }}", "ref partial struct {0};", "abstract partial class {0} {{ }}",
        "partial struct {0}<T>;", "partial class {0}<T> where T : struct {{ }}", "partial interface {0} {{ }}", "enum {0} {{ A }}",
        "partial struct {0} {{ " + ClashingMember + " }}", "partial class {0} : System.IDisposable {{ public void Dispose() {{ }} }}",
    ];

    private static readonly string[] Outers =
    [
        "partial class Outer {{ {0} }}", "partial struct Outer {{ {0} }}", "class Outer {{ {0} }}", "partial class Outer<T> {{ {0} }}",
        "static partial class Outer {{ partial class Middle {{ {0} }} }}", "partial record Outer {{ {0} }}",
    ];

    public string Declaration(string ns, out bool hasRate)
    {
        var attributes = new List<string>();
        hasRate = random.NextDouble() < 0.9;
        if (hasRate)
        {
            attributes.Add($"LearningRate({Pick(random.NextDouble() < 0.85 ? ["0.1", "3e-4", "1.0", "0.01"] : Reals)})");
        }

        int phases = random.Next(0, 6);
        for (int i = 0; i < phases; i++)
        {
            attributes.Add(random.NextDouble() < 0.05 ? $"{Pick(Unknown)}({Value("d")})" : Phase());
        }

        if (random.NextDouble() < 0.05)
        {
            attributes.Add($"LearningRate({Pick(Reals)})");
        }

        // Random order now and then (the learning rate need not come first, nor the phases in a sensible order).
        if (random.NextDouble() < 0.2)
        {
            attributes = attributes.OrderBy(_ => random.Next()).ToList();
        }

        string lists = random.NextDouble() < 0.5
            ? string.Concat(attributes.Select(a => $"[{a}]"))
            : attributes.Count == 0 ? string.Empty : $"[{string.Join(", ", attributes)}]";
        string type = string.Format(CultureInfo.InvariantCulture, Pick(random.NextDouble() < 0.7 ? Shapes.Take(6).ToArray() : Shapes), "S");
        string declaration = lists + "\n" + type;
        if (random.NextDouble() < 0.15)
        {
            declaration = string.Format(CultureInfo.InvariantCulture, Pick(Outers), declaration);
        }

        return $"namespace {ns}\n{{\n{declaration}\n}}";
    }

    /// <summary>A declaration with broken syntax: cut short, unbalanced, or garbled.</summary>
    public string Broken(string ns)
    {
        string text = Declaration(ns, out _);
        int cut = random.Next(text.Length / 3, text.Length);
        return random.Next(6) switch
        {
            0 => text.Substring(0, cut) + "\n}",
            1 => text.Replace("(", "((", StringComparison.Ordinal),
            2 => text.Replace("]", string.Empty, StringComparison.Ordinal),
            3 => text.Replace(")", string.Empty, StringComparison.Ordinal),
            4 => text.Insert(cut, Pick(["[", "(", ",", "=", "\"", "/*", "@", "#if X", "{", "]]", "=>", "\\u0"])),
            _ => text.Replace(",", ",,", StringComparison.Ordinal).Replace("partial", "partail", StringComparison.Ordinal),
        };
    }

    private string Phase()
    {
        (string name, string parameters, string[] properties) = Pick(Phases);
        var arguments = new List<string>();
        double mode = random.NextDouble();
        if (mode < 0.85)
        {
            foreach (char kind in parameters)
            {
                if (kind == 'L')
                {
                    arguments.AddRange(Steps());
                }
                else
                {
                    arguments.Add(random.NextDouble() < 0.03 ? Pick(WrongTypes) : Value(kind.ToString()));
                }
            }
        }
        else
        {
            // Any number of arguments of any type.
            int count = random.Next(0, 5);
            for (int i = 0; i < count; i++)
            {
                arguments.Add(Value(Pick(["l", "d", "b", "end", "w"])));
            }
        }

        int named = random.Next(0, 4);
        string[] candidates = [.. properties, .. Common, "Bogus:d"];
        foreach (string property in candidates.OrderBy(_ => random.Next()).Take(named))
        {
            string[] parts = property.Split(':');
            arguments.Add($"{parts[0]} = {(random.NextDouble() < 0.03 ? Pick(WrongTypes) : Value(parts[1]))}");
        }

        return arguments.Count == 0 && random.NextDouble() < 0.5 ? name : $"{name}({string.Join(", ", arguments)})";
    }

    private IEnumerable<string> Steps()
    {
        int count = random.Next(0, 6);
        var steps = Enumerable.Range(0, count).Select(_ => random.NextDouble() < 0.8 ? random.Next(0, 400).ToString(CultureInfo.InvariantCulture) : Pick(Lengths)).ToList();
        if (random.NextDouble() < 0.6)
        {
            steps.Sort(StringComparer.Ordinal);
        }

        return random.Next(4) switch
        {
            0 => [$"new long[] {{ {string.Join(", ", steps)} }}"],
            1 => [$"[{string.Join(", ", steps)}]"],
            _ => steps,
        };
    }

    private string Value(string kind) => kind switch
    {
        "l" => random.NextDouble() < 0.6 ? random.Next(1, 500).ToString(CultureInfo.InvariantCulture) : Pick(Lengths),
        "i" => random.NextDouble() < 0.7 ? Pick(["512", "64", "1"]) : Pick(["0", "-1", "int.MaxValue", "int.MinValue"]),
        "d" => random.NextDouble() < 0.5 ? (random.Next(0, 1000) / 1000.0).ToString("R", CultureInfo.InvariantCulture) : Pick(Reals),
        "D" => random.Next(3) switch
        {
            0 => $"new[] {{ {string.Join(", ", Enumerable.Range(0, random.Next(0, 5)).Select(_ => Value("d")))} }}",
            1 => $"new double[] {{ {string.Join(", ", Enumerable.Range(0, random.Next(0, 5)).Select(_ => Value("d")))} }}",
            _ => $"[{string.Join(", ", Enumerable.Range(0, random.Next(0, 5)).Select(_ => Value("d")))}]",
        },
        "b" => Pick(["true", "false"]),
        "end" => Pick(["EndBehavior.Hold", "EndBehavior.Periodic", "EndBehavior.Throw", "(EndBehavior)7", "(EndBehavior)(-1)"]),
        "shape" => Pick(["CurveShape.Linear", "CurveShape.Cosine", "CurveShape.OneMinusSqrt", "(CurveShape)9"]),
        "anneal" => Pick(["AnnealStrategy.Cosine", "AnnealStrategy.Linear", "(AnnealStrategy)3"]),
        "mode" => Pick(["CyclicMode.Triangular", "CyclicMode.ExpRange", "(CyclicMode)5"]),
        "peer" => Pick(["PeerConvention.Default", "PeerConvention.Keras", "PeerConvention.Optax", "PeerConvention.Timm", "(PeerConvention)9"]),
        _ => Pick(WrongTypes),
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static (string Name, string Parameters, string[] Properties) Schema(PhaseKind kind)
    {
        ParameterInfo[] parameters = kind.AttributeType.GetConstructors().Select(c => c.GetParameters())
            .Where(p => p.All(q => q.ParameterType != typeof(string)))   // lengths as strings ("5%") are the bound schedules' overloads
            .OrderByDescending(p => p.Length).First();
        string[] properties = kind.AttributeType.GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true } && p.DeclaringType != typeof(PhaseAttribute) && p.DeclaringType != typeof(Attribute))
            .Select(p => $"{p.Name}:{Code(p.PropertyType)}")
            .ToArray();
        return (kind.Name, string.Concat(parameters.Select(p => Code(p.ParameterType))), properties);
    }

    /// <summary>The value kind <see cref="Value"/> writes for an argument type; a type the fuzzer cannot write fails the run.</summary>
    private static string Code(Type type) => type switch
    {
        _ when type == typeof(long) => "l",
        _ when type == typeof(double) => "d",
        _ when type == typeof(int) => "i",
        _ when type == typeof(bool) => "b",
        _ when type == typeof(double[]) => "D",
        _ when type == typeof(long[]) => "L",
        _ when type == typeof(CurveShape) => "shape",
        _ when type == typeof(AnnealStrategy) => "anneal",
        _ when type == typeof(CyclicMode) => "mode",
        _ when type == typeof(EndBehavior) => "end",
        _ when type == typeof(PeerConvention) => "peer",
        _ => throw new NotSupportedException($"the fuzzer writes no value of type {type} (add it to Code and Value)"),
    };
}
