using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace ScheduleDsl.Package.Tests;

/// <summary>The README's install commands, and the preview tool installed from a feed and run on a user's schedule.</summary>
public sealed partial class PackageTests
{
    private const string UserSchedules = """
        using ScheduleDsl;

        namespace MyModel;

        [LearningRate(0.1)]
        [Warmup(10)]
        [Cosine(90, Final = 0.001)]
        public partial struct MyWarmupCosine;

        [LearningRate(0.05)]
        [OneCycle(200)]
        public partial struct MyOneCycle;
        """;

    [Fact]
    public void Readme_install_commands_pack_a_local_feed_and_add_the_package_without_warnings()
    {
        string[] commands = ReadmeInstallBlock("sh").Split('\n');
        Assert.StartsWith("git clone ", commands[0], StringComparison.Ordinal);
        string program = ReadmeInstallBlock("csharp");

        // Outside the fixture's folder, whose nuget.config maps ScheduleDsl to the e2e feed: like a user's machine,
        // only the user-level NuGet configuration applies. The clone is this repository, linked under its name.
        string root = Path.Combine(Path.GetTempPath(), "scheduledsl-readme-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
            string clone = commands[0].Split(' ')[^1].Split('/')[^1];
            Directory.CreateSymbolicLink(Path.Combine(root, clone), package.RepositoryRoot);
            string directory = root;
            foreach (string command in commands.Skip(1))
            {
                if (command.StartsWith("cd ", StringComparison.Ordinal))
                {
                    directory = Path.GetFullPath(Path.Combine(directory, command[3..]));
                    continue;
                }

                Assert.StartsWith("dotnet ", command, StringComparison.Ordinal);
                CommandResult result = Dotnet(directory, BuildTimeout, command.Split(' ')[1..]);
                log.WriteLine(result.ToString());
                Assert.True(result.ExitCode == 0, result.ToString());
                Assert.DoesNotContain("warning", result.Output, StringComparison.OrdinalIgnoreCase);
            }

            File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
            CommandResult run = Dotnet(directory, BuildTimeout, "run");
            log.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.DoesNotContain("warning", run.Output, StringComparison.OrdinalIgnoreCase);
            string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal("0: " + (0.1 / 11).ToString(CultureInfo.CurrentCulture), lines[^11]);
            Assert.Equal("100: " + 0.001.ToString(CultureInfo.CurrentCulture), lines[^1]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Preview_tool_installs_from_the_feed_and_previews_schedules_the_user_wrote()
    {
        // The tool, packed like the library (into the fixture's feed, with its unique version) and installed.
        string project = Path.Combine(package.RepositoryRoot, "samples", "ScheduleDsl.Preview", "ScheduleDsl.Preview.csproj");
        CommandResult pack = Dotnet(package.RepositoryRoot, PackageFixture.PackTimeout,
            "pack", project, "-c", "Release", "-o", package.Feed, $"-p:Version={package.Version}", "-nodeReuse:false");
        Assert.True(pack.ExitCode == 0, pack.ToString());
        string tools = Path.Combine(package.Root, "tools");
        CommandResult install = Dotnet(package.Root, BuildTimeout,
            "tool", "install", "ScheduleDsl.Preview", "--version", package.Version, "--tool-path", tools, "--configfile", Path.Combine(package.Root, "nuget.config"));
        Assert.True(install.ExitCode == 0, install.ToString());

        // A user's library with two schedules, built against the package.
        string user = package.NewProjectDirectory("preview-user");
        File.WriteAllText(Path.Combine(user, "MyModel.csproj"), BadProject.Replace("$VERSION$", package.Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(user, "Schedules.cs"), UserSchedules);
        CommandResult build = Dotnet(user, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.ToString());
        string dll = Path.Combine(user, "bin", "Release", "net10.0", "MyModel.dll");

        string output = Path.Combine(package.Root, "preview-out");
        CommandResult preview = Tool(tools, user, dll, "MyWarmupCosine", "--out", output);
        log.WriteLine(preview.ToString());
        Assert.True(preview.ExitCode == 0, preview.ToString());
        string[] lines = preview.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("MyWarmupCosine: PNG and CSV of steps 0–100", lines[0]);
        Assert.Equal("Learning-rate schedule: peak 0.1, 100 steps, then holds 0.001.", lines[1]);

        // The library's sparkline: 40 samples over steps 0–99; sample 4 is step round(4·99/39) = 10, the peak; the last
        // (step 99, about 1% of the peak) is the lowest block.
        string spark = lines[2];
        Assert.EndsWith("  steps 0–99", spark, StringComparison.Ordinal);
        Assert.Equal(40, spark.IndexOf(' ', StringComparison.Ordinal));
        Assert.Equal('█', spark[4]);
        Assert.Equal('▁', spark[39]);
        Assert.Equal(FormattableString.Invariant($"Step 0: {0.1 / 11:G6}; peak 0.1 at step 10; last step 99: {WarmupCosine(99):G6}; 100 steps in all."), lines[3]);
        Assert.Equal("Every step 0–100: highest 0.1 at step 10, lowest 0.001 at step 100.", lines[4]);

        string[] csv = File.ReadAllLines(Path.Combine(output, "MyWarmupCosine.csv"));
        Assert.Equal("step,rate", csv[0]);
        Assert.Equal(102, csv.Length);
        foreach (string row in csv.Skip(1))
        {
            string[] f = row.Split(',');
            Assert.Equal(2, f.Length);
            long step = long.Parse(f[0], CultureInfo.InvariantCulture);
            double rate = double.Parse(f[1], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(rate - WarmupCosine(step)) <= 1e-13 * WarmupCosine(step), $"step {step}: {rate:R}, formula {WarmupCosine(step):R}");
        }

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(output, "MyWarmupCosine.png"))[..4]);

        // One-cycle co-schedules momentum: PyTorch's OneCycleLR starts it at max_momentum 0.95, with the rate at max_lr/25.
        CommandResult cycle = Tool(tools, user, dll, "MyModel.MyOneCycle", "--steps", "50", "--out", output);
        Assert.True(cycle.ExitCode == 0, cycle.ToString());
        Assert.Equal("step,rate,momentum", File.ReadAllLines(Path.Combine(output, "MyOneCycle.csv"))[0]);
        string[] first = File.ReadAllLines(Path.Combine(output, "MyOneCycle.csv"))[1].Split(',');
        Assert.Equal(0.05 / 25, double.Parse(first[1], CultureInfo.InvariantCulture), 1e-15);
        Assert.Equal(0.95, double.Parse(first[2], CultureInfo.InvariantCulture), 1e-15);
        Assert.Equal(51, File.ReadAllLines(Path.Combine(output, "MyOneCycle.csv")).Length);

        CommandResult missing = Tool(tools, user, dll, "NoSuchSchedule");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Schedules there: MyModel.MyWarmupCosine, MyModel.MyOneCycle", missing.Output, StringComparison.Ordinal);

        // Schedule text is built by the library at run time: the same description and CSV as for a compiled schedule.
        CommandResult text = Tool(tools, user, "--text", "[LearningRate(0.1)] [Cosine(100, Final = 0.001)]", "--out", output);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("[LearningRate(0.1)] [Cosine(100, Final = 0.001)]: PNG and CSV of steps 0–100", text.Output, StringComparison.Ordinal);
        string[] cosine = File.ReadAllLines(Path.Combine(output, "schedule.csv"));
        Assert.Equal(102, cosine.Length);
        foreach (string row in cosine.Skip(1))
        {
            string[] f = row.Split(',');
            long step = long.Parse(f[0], CultureInfo.InvariantCulture);
            double want = step >= 100 ? 0.001 : 0.001 + ((0.1 - 0.001) * (1 + Math.Cos(Math.PI * step / 100)) / 2);   // PyTorch CosineAnnealingLR, held
            Assert.True(Math.Abs(double.Parse(f[1], CultureInfo.InvariantCulture) - want) <= 1e-13 * want, $"step {step}: {f[1]}, formula {want:R}");
        }
        CommandResult invalid = Tool(tools, user, "--text", "[LearningRate(0.1)] [Cosine(100]");
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("(1,32): SDL0100:", invalid.Output, StringComparison.Ordinal);
    }

    /// <summary>The first code block fenced with <paramref name="language"/> in the README's Install section.</summary>
    private string ReadmeInstallBlock(string language)
    {
        string readme = File.ReadAllText(Path.Combine(package.RepositoryRoot, "README.md"));
        int install = readme.IndexOf("\n## Install\n", StringComparison.Ordinal);
        Assert.True(install >= 0, "README has no Install section");
        string fence = $"```{language}\n";
        int start = readme.IndexOf(fence, install, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README's Install section has no {language} block");
        start += fence.Length;
        return readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
    }

    /// <summary>Runs the installed tool's command; the shim finds the runtime through DOTNET_ROOT.</summary>
    private CommandResult Tool(string tools, string directory, params string[] arguments)
    {
        string dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var environment = new Dictionary<string, string>(package.ConsumerEnvironment) { ["DOTNET_ROOT"] = dotnetRoot };
        CommandResult result = DotNetCli.RunProgram(Path.Combine(tools, "schedule-preview"), directory, RunTimeout, environment, arguments);
        log.WriteLine($"$ {result.CommandLine} -> {result.ExitCode}");
        return result;
    }
}
