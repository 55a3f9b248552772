extern alias generator;

using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using ScheduleAnalyzer = generator::ScheduleDsl.Generator.Diagnostics.ScheduleAnalyzer;

namespace ScheduleDsl.Tests.CodeFixes;

/// <summary>
/// <c>dotnet_diagnostic.SDLxxxx.severity</c> in an .editorconfig changes what a build reports: the analyzer runs
/// in a workspace project with the file, as in an IDE or <c>dotnet build</c>, and the reported severity is checked.
/// </summary>
public sealed class EditorConfigSeverityTests
{
    private const string NoPhases = """
        using ScheduleDsl;

        [LearningRate(0.1)]
        public partial struct {|#0:S|};
        """;

    private const string Unsorted = """
        using ScheduleDsl;

        [LearningRate(0.1)]
        [MultiStep(0.1, 30, {|#0:10|})]
        public partial struct S;
        """;

    [Fact]
    public Task Without_an_editorconfig_SDL0003_is_info()
        => Verify(NoPhases, editorconfig: null, new DiagnosticResult("SDL0003", DiagnosticSeverity.Info).WithLocation(0).WithArguments("S", "0.1"));

    [Theory]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public Task The_editorconfig_sets_the_severity_of_SDL0003(string configured, DiagnosticSeverity expected)
        => Verify(NoPhases, $"dotnet_diagnostic.SDL0003.severity = {configured}", new DiagnosticResult("SDL0003", expected).WithLocation(0).WithArguments("S", "0.1"));

    [Fact]
    public Task Severity_none_silences_SDL0003()
        => Verify(NoPhases.Replace("{|#0:S|}", "S", System.StringComparison.Ordinal), "dotnet_diagnostic.SDL0003.severity = none");

    [Fact]
    public Task An_error_can_be_lowered_to_a_warning()
        => Verify(Unsorted, "dotnet_diagnostic.SDL0009.severity = warning", new DiagnosticResult("SDL0009", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("10", "30"));

    [Fact]
    public Task Severity_none_silences_an_error()
        => Verify(Unsorted.Replace("{|#0:10|}", "10", System.StringComparison.Ordinal), "dotnet_diagnostic.SDL0009.severity = none");

    private static Task Verify(string source, string? editorconfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<ScheduleAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(ISchedule).Assembly.Location));
        if (editorconfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n\n[*.cs]\n{editorconfig}\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
