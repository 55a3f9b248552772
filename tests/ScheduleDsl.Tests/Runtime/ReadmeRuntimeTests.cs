using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// The README's run-time schedule: the code block of "Schedules known only at run time" compiles as a program without
/// a diagnostic, run with the command line its first comment gives, and prints what its comments say.
/// </summary>
public sealed class ReadmeRuntimeTests
{
    private const string Section = "\n## Schedules known only at run time\n";

    [Fact]
    public void The_readme_run_time_schedule_compiles_and_prints_what_its_comments_say()
    {
        string projectDir = typeof(ReadmeRuntimeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDir").Value!;
        string readme = File.ReadAllText(Path.Combine(projectDir, "..", "..", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int section = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no run-time schedule section");
        int start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        string code = readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];

        // The command line is the C# string literal in the `dotnet run -- "…"` comment.
        string argument = Regex.Unescape(Regex.Match(code, "dotnet run -- \"(?<arg>(?:[^\"\\\\]|\\\\.)*)\"").Groups["arg"].Value);
        Assert.StartsWith("[LearningRate(", argument, StringComparison.Ordinal);
        string[] expected = [.. Regex.Matches(code, @"Console\.WriteLine\(.*\);\s*// (?<out>.*)").Select(m => m.Groups["out"].Value)];
        Assert.Equal(3, expected.Length);

        CSharpCompilation compilation = GeneratorHarness.Compile(code).WithOptions(
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        Assert.Empty(compilation.GetDiagnostics());
        Assembly program = GeneratorHarness.Load(compilation);

        var output = new StringWriter();
        TextWriter console = Console.Out;
        Console.SetOut(output);
        try
        {
            program.EntryPoint!.Invoke(null, [new[] { argument }]);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal(expected, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }
}
