extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;
using RegistryEmitter = generator::ScheduleDsl.Generator.Emission.RegistryEmitter;
using ScheduleGenerator = generator::ScheduleDsl.Generator.ScheduleGenerator;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// The generated <c>CompiledSchedules</c> registry: every valid schedule type of the assembly by name, the unbound ones
/// as <see cref="CompiledSchedule{TSchedule}"/>, the bound ones through their <c>Bind</c>.
/// </summary>
public sealed class RegistryTests
{
    /// <summary>
    /// Two unbound schedules, one bound, one nested, two types named S in different namespaces, and three the registry
    /// must leave out: a private nested schedule, an invalid one and a non-schedule type.
    /// </summary>
    private const string Schedules = """
        using ScheduleDsl;
        namespace Demo
        {
            [LearningRate(3e-4)][Warmup(500)][Cosine(10_000, Final = 3e-5)] public partial struct WarmupCosine;
            [LearningRate(0.1)][MultiStep(0.1, 30, 60, 80)] internal partial class Steps;
            [LearningRate(3e-4)][Warmup("5%")][Cosine("rest", Final = 3e-5)] public partial struct Bound;
            [LearningRate(0.2)][OneCycle(100)] public partial struct S;
            public partial class Outer
            {
                [LearningRate(0.5)][StepDecay(3, 0.5)] public partial struct Inner;
                [LearningRate(0.5)][StepDecay(3, 0.5)] private partial struct Hidden;
            }

            [LearningRate(0.1)][OneCycle(100, PctStart = 1.5)] public partial struct Invalid;
            public sealed class NotASchedule;
        }

        namespace Other
        {
            [LearningRate(0.05)][Exponential(0.9)] public partial struct S;
        }
        """;

    /// <summary>The names, sorted ordinally, as the registry's rules give them: S is shared, so both are in full.</summary>
    private static readonly string[] ExpectedNames = ["Bound", "Demo.S", "Inner", "Other.S", "Steps", "WarmupCosine"];

    private static readonly long[] Probes = [0, 1, 2, 3, 4, 5, 29, 30, 31, 59, 60, 79, 80, 99, 100, 499, 500, 501, 5_000, 10_499, 10_500, 10_501, 1_000_000];

    [Fact]
    public void The_registry_lists_every_valid_accessible_schedule_by_name_and_compiles_cleanly()
    {
        GeneratorRun run = GeneratorHarness.Run(Schedules);

        Assert.Empty(run.GeneratorDiagnostics);
        // The invalid schedule's SDL error is the analyzer's; the generated code itself compiles without a diagnostic.
        Assert.Empty(run.CompilationDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);
        Type registry = assembly.GetType("Consumer.CompiledSchedules", throwOnError: true)!;
        Assert.True(registry.IsAbstract && registry.IsSealed && !registry.IsPublic, "an internal static class");
        var names = (IReadOnlyList<string>)registry.GetProperty("Names")!.GetValue(null)!;
        Assert.Equal(ExpectedNames, names);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)names).Add("X"));
    }

    [Fact]
    public void TryGet_gives_the_types_own_At_bit_for_bit_and_binds_the_bound_one_to_the_run()
    {
        Assembly assembly = GeneratorHarness.Load(GeneratorHarness.Run(Schedules).Output);
        var registry = new Registry(assembly);
        var run = new TrainingRun(TotalSteps: 12_000);

        foreach ((string name, string type) in new[] { ("WarmupCosine", "Demo.WarmupCosine"), ("Demo.WarmupCosine", "Demo.WarmupCosine"), ("Steps", "Demo.Steps"), ("Demo.S", "Demo.S"), ("Other.S", "Other.S"), ("Inner", "Demo.Outer+Inner"), ("Demo.Outer.Inner", "Demo.Outer+Inner") })
        {
            Func<long, double> own = GeneratorHarness.At(assembly, type);
            foreach (TrainingRun? withRun in new[] { null, run })
            {
                (bool found, IScheduleFunction? schedule) = registry.TryGet(name, withRun);
                Assert.True(found, name);
                Assert.Equal("CompiledSchedule`1", schedule!.GetType().Name);
                Assert.Equal(type, schedule.GetType().GetGenericArguments()[0].FullName);
                foreach (long step in Probes)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(own(step)), BitConverter.DoubleToInt64Bits(schedule.At(step)));
                }
            }
        }

        // The overloads without a run: the same schedules.
        Assert.Equal(BitConverter.DoubleToInt64Bits(GeneratorHarness.At(assembly, "Demo.Steps")(60)), BitConverter.DoubleToInt64Bits(registry.GetWithoutRun("Steps").At(60)));
        Assert.Equal(0.1 * 0.1, registry.GetWithoutRun("Steps").At(30));

        // Demo.S is a one-cycle: its momentum co-schedule comes through CompiledSchedule<T>.
        IScheduleFunction oneCycle = registry.Get("Demo.S", null);
        Assert.True(oneCycle.HasMomentum);
        Func<long, double> momentum = GeneratorHarness.MomentumAt(assembly, "Demo.S");
        Assert.All(Probes, step => Assert.Equal(BitConverter.DoubleToInt64Bits(momentum(step)), BitConverter.DoubleToInt64Bits(oneCycle.MomentumAt(step))));

        // The bound schedule: the registry's value is the type's own Bind(run), so At agrees bit for bit; and with 5 % of
        // 12,000 = 600 warmup steps, hand-derived: the warmup ends at the peak at step 600, the cosine ends at 3e-5.
        Type bound = assembly.GetType("Demo.Bound", throwOnError: true)!;
        var own2 = (IScheduleFunction)bound.GetMethod("Bind")!.Invoke(null, [run])!;
        IScheduleFunction fromRegistry = registry.Get("Bound", run);
        Assert.Same(bound, fromRegistry.GetType());
        Assert.Equal(12_000L, fromRegistry.TotalSteps);
        foreach (long step in Probes.Concat([599L, 600L, 601L, 11_999L, 12_000L]))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(own2.At(step)), BitConverter.DoubleToInt64Bits(fromRegistry.At(step)));
        }

        Assert.Equal(3e-4, fromRegistry.At(600));
        Assert.Equal(3e-5, fromRegistry.At(12_000));
    }

    [Fact]
    public void Unknown_ambiguous_and_unbound_uses_fail_with_messages_that_say_what_to_do()
    {
        var registry = new Registry(GeneratorHarness.Load(GeneratorHarness.Run(Schedules).Output));

        Assert.Equal((false, null), registry.TryGet("Cosine", null));
        Assert.Equal((false, null), registry.TryGet("warmupcosine", null));
        Assert.Equal((false, null), registry.TryGet("Hidden", null));
        Assert.Equal((false, null), registry.TryGet("Invalid", null));
        Assert.Equal((false, null), registry.TryGet("S", null));

        var unknown = Assert.Throws<KeyNotFoundException>(() => registry.Get("Cosine", null));
        Assert.Equal("No compiled schedule is named 'Cosine'. The names are: Bound, Demo.S, Inner, Other.S, Steps, WarmupCosine.", unknown.Message);

        var ambiguous = Assert.Throws<KeyNotFoundException>(() => registry.Get("S", null));
        Assert.Equal("Several compiled schedules are named 'S': Demo.S, Other.S. Use the full name.", ambiguous.Message);

        var noRun = Assert.Throws<ArgumentNullException>(() => registry.TryGet("Bound", null));
        Assert.Equal("run", noRun.ParamName);
        Assert.StartsWith("The schedule 'Bound' takes lengths or its peak from the training run: pass the run", noRun.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => registry.Get("Demo.Bound", null));

        // A run that lacks what the schedule needs: its Bind's error (SDL0110), not a registry error.
        var missing = Assert.Throws<ScheduleFormatException>(() => registry.Get("Bound", new TrainingRun(StepsPerEpoch: 100)));
        Assert.Equal("SDL0110", missing.DiagnosticId);

        Assert.Throws<ArgumentNullException>(() => registry.TryGet(null!, null));
    }

    [Fact]
    public void The_registry_matches_its_reviewed_snapshot_and_the_schedules_files_are_unchanged_by_it()
    {
        GeneratorRun run = GeneratorHarness.Run(Schedules);

        Snapshot.Verify("Registry_Mixed", run.Registry!);
        // One file per schedule with code (the invalid one gets its stubs, the private one its members) besides the registry.
        Assert.Equal(9, run.AllSources.Count);
        Assert.Equal(8, run.Sources.Count);
    }

    [Fact]
    public void An_assembly_without_a_valid_schedule_gets_no_registry()
    {
        Assert.Null(GeneratorHarness.Run("using ScheduleDsl;\nnamespace Demo;\npublic class Plain;").Registry);
        Assert.Null(GeneratorHarness.Run("using ScheduleDsl;\nnamespace Demo;\n[LearningRate(0.1)][OneCycle(100, PctStart = 1.5)] public partial struct Invalid;").Registry);
        Assert.Null(GeneratorHarness.Run("using ScheduleDsl;\nnamespace Demo;\npublic partial class O { [LearningRate(0.1)] private partial struct P; }").Registry);
    }

    /// <summary>Where the name is taken, the registry would not compile, so there is none and the schedules still compile.</summary>
    [Theory]
    [InlineData("namespace Consumer { public static class CompiledSchedules { } }")]
    [InlineData("namespace Consumer.CompiledSchedules { public class X { } }")]
    [InlineData("public class Consumer { }")]
    public void Where_the_name_is_taken_there_is_no_registry_and_no_error(string taken)
    {
        GeneratorRun run = GeneratorHarness.Run("using ScheduleDsl;\nnamespace Demo;\n[LearningRate(0.1)] public partial struct A;", taken);
        Assert.Null(run.Registry);
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    /// <summary>
    /// The generated code compiles without a diagnostic with and without <c>NotNullWhen</c> (the .NET Standard 2.0
    /// branch has no preprocessor symbol, as here by default), and in C# 12, the language net8.0 projects default to.
    /// </summary>
    [Theory]
    [InlineData(LanguageVersion.Latest, new string[0])]
    [InlineData(LanguageVersion.Latest, new[] { "NET8_0_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETSTANDARD2_1_OR_GREATER" })]
    [InlineData(LanguageVersion.CSharp12, new[] { "NET8_0_OR_GREATER", "NETCOREAPP3_0_OR_GREATER" })]
    public void The_registry_compiles_cleanly_for_each_framework_branch_and_language_version(LanguageVersion version, string[] symbols)
    {
        // Documentation comments are checked as GenerateDocumentationFile checks them (crefs resolve, params match).
        CSharpParseOptions options = new CSharpParseOptions(version, DocumentationMode.Diagnose).WithPreprocessorSymbols(symbols);
        // A caller that relies on the annotation: with NotNullWhen, `schedule.At` after TryGet is no nullable warning.
        string user = symbols.Length > 0
            ? "namespace Use { public static class U { public static double R(string n) => Consumer.CompiledSchedules.TryGet(n, out ScheduleDsl.IScheduleFunction? s) ? s.At(0) : 0; } }"
            : "namespace Use { public static class U { public static double R(string n) => Consumer.CompiledSchedules.TryGet(n, out ScheduleDsl.IScheduleFunction? s) ? s!.At(0) : 0; } }";
        CSharpCompilation input = GeneratorHarness.Compile(Schedules, user);
        input = input.RemoveAllSyntaxTrees().AddSyntaxTrees(input.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), options)));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ScheduleGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics());
        Assert.Contains(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == RegistryEmitter.HintName);
    }

    [Theory]
    [InlineData("My.App", "Consumer", "My.App")]
    [InlineData(null, "Consumer", "Consumer")]
    [InlineData("", "my-app.2d", "my_app._2d")]
    [InlineData(" ", null, "ScheduleDsl.Generated")]
    [InlineData(null, null, "ScheduleDsl.Generated")]
    [InlineData("App..Core", "x", "App.Core")]
    public void The_namespace_is_the_root_namespace_else_the_assembly_name_made_an_identifier(string? root, string? assembly, string expected)
        => Assert.Equal(expected, RegistryEmitter.Namespace(root, assembly));

    [Fact]
    public void A_keyword_in_the_namespace_is_escaped_and_the_registry_still_compiles()
    {
        CSharpCompilation input = GeneratorHarness.Compile("using ScheduleDsl;\nnamespace Demo;\n[LearningRate(0.1)] public partial struct A;").WithAssemblyName("My.class");
        GeneratorRun run = GeneratorHarness.Run(input);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("namespace My.@class", run.Registry, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_block_compiles_runs_and_gives_the_names_and_rate_its_comments_state()
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(Snapshot.Directory, "..", "..", "..", ".."));
        string readme = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int section = readme.IndexOf("\n## Choosing a compiled schedule by name\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no section on choosing a compiled schedule by name.");
        int start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        string code = readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
        Assert.Contains("CompiledSchedules.Get(", code, StringComparison.Ordinal);

        CSharpCompilation input = GeneratorHarness.Compile("using System;\nusing ScheduleDsl;\nusing ScheduleDsl.Text;\n" + code).WithAssemblyName("MyApp");
        input = input.WithOptions(input.Options.WithOutputKind(OutputKind.ConsoleApplication));
        GeneratorRun run = GeneratorHarness.Run(input);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);
        assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        assembly.EntryPoint!.Invoke(null, [new[] { "RunSchedule" }]);

        Type registry = assembly.GetType("MyApp.CompiledSchedules", throwOnError: true)!;
        Assert.Equal(["RunSchedule", "WarmupCosine"], (IReadOnlyList<string>)registry.GetProperty("Names")!.GetValue(null)!);
        var get = registry.GetMethod("Get", [typeof(string), typeof(TrainingRun)])!;
        Assert.Equal(0.1, ((IScheduleFunction)get.Invoke(null, ["WarmupCosine", TrainingRun.FromEpochs(30, 117)])!).At(100));
    }

    /// <summary>The registry's members, called by reflection (it is internal to the generated assembly).</summary>
    private sealed class Registry(Assembly assembly)
    {
        private readonly Type _type = assembly.GetType("Consumer.CompiledSchedules", throwOnError: true)!;

        public (bool Found, IScheduleFunction? Schedule) TryGet(string name, TrainingRun? run)
        {
            object?[] arguments = [name, run, null];
            bool found = (bool)Invoke(_type.GetMethod("TryGet", [typeof(string), typeof(TrainingRun), typeof(IScheduleFunction).MakeByRefType()])!, arguments)!;
            return (found, (IScheduleFunction?)arguments[2]);
        }

        public IScheduleFunction Get(string name, TrainingRun? run)
            => (IScheduleFunction)Invoke(_type.GetMethod("Get", [typeof(string), typeof(TrainingRun)])!, [name, run])!;

        public IScheduleFunction GetWithoutRun(string name)
        {
            object?[] arguments = [name, null];
            Assert.True((bool)Invoke(_type.GetMethod("TryGet", [typeof(string), typeof(IScheduleFunction).MakeByRefType()])!, arguments)!);
            var viaTryGet = (IScheduleFunction)arguments[1]!;
            var viaGet = (IScheduleFunction)Invoke(_type.GetMethod("Get", [typeof(string)])!, [name])!;
            Assert.Equal(viaTryGet.GetType(), viaGet.GetType());
            return viaGet;
        }

        /// <summary>Invokes and rethrows the method's own exception.</summary>
        private static object? Invoke(MethodInfo method, object?[] arguments)
        {
            try
            {
                return method.Invoke(null, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
