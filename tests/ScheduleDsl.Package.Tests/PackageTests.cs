using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Package.Tests;

/// <summary>
/// End to end: the packed ScheduleDsl package, consumed by fresh projects outside the repository that reference
/// nothing else. Slow (about a minute): each test runs real <c>dotnet</c> commands.
/// </summary>
public sealed partial class PackageTests(PackageFixture package, ITestOutputHelper log) : IClassFixture<PackageFixture>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private const string ConsumerProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFrameworks>net10.0;net8.0</TargetFrameworks>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <AnalysisLevel>latest</AnalysisLevel>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="ScheduleDsl" Version="$VERSION$" />
          </ItemGroup>
        </Project>
        """;

    private const string ConsumerProgram = """
        using System;
        using System.Globalization;
        using System.Reflection;
        using System.Runtime.Versioning;
        using ScheduleDsl;

        string? framework = typeof(ISchedule).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        Console.WriteLine($"library {framework}");
        foreach (long step in new long[] { 0, 5, 9, 10, 40, 55, 99, 100, 1000 })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"at {step} {WarmupCosine.At(step):R}"));
        }

        Print<WarmupCosine>("warmupcosine");
        Print<Decay>("decay");
        Print<Polish>("polish");

        // A short training loop: what a user writes, through the generic ISchedule constraint.
        static double Train<TSchedule>(int steps) where TSchedule : ISchedule
        {
            double sum = 0;
            for (long step = 0; step < steps; step++)
            {
                sum += TSchedule.At(step);
            }

            return sum;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train {Train<WarmupCosine>(120):R}"));

        // Three plain SGD updates over 40 floats: the vector loop (FMA; on net8.0 the x86 FMA path) and the scalar tail.
        float[] parameters = new float[40], gradients = new float[40];
        for (int i = 0; i < parameters.Length; i++) { parameters[i] = i / 10f; gradients[i] = (i - 20) / 7f; }
        var sgd = new ScheduleDsl.Optimizers.Sgd<WarmupCosine>([parameters.Length]);
        for (int k = 0; k < 3; k++) sgd.Step(parameters, gradients);
        Console.WriteLine("sgd " + string.Join(" ", Array.ConvertAll(parameters, p => p.ToString("R", CultureInfo.InvariantCulture))));

        static void Print<TSchedule>(string name) where TSchedule : ISchedule
        {
            Span<float> rates = stackalloc float[70];
            TSchedule.Fill(rates, firstStep: 3);
            for (int i = 0; i < rates.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fill {name} {3 + i} {rates[i]:R}"));
            }
        }

        [LearningRate(0.1)]
        [Warmup(10)]
        [Cosine(90, Final = 0.001)]
        internal partial struct WarmupCosine;

        [LearningRate(0.5)]
        [Exponential(0.97)]
        internal partial struct Decay;

        [LearningRate(0.2)]
        [Polynomial(64, Power = 1.5, Final = 0.01)]
        internal partial struct Polish;
        """;

    private const string BadProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Library</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="ScheduleDsl" Version="$VERSION$" />
          </ItemGroup>
        </Project>
        """;

    private const string BadSchedules = """
        using ScheduleDsl;

        [LearningRate(0.1)]
        [Cosine(0)]
        public partial struct ZeroLengthCosine;

        [LearningRate(0.1)]
        [Cosine(100)]
        public struct NotPartial;
        """;

    [Fact]
    public void Package_holds_the_library_for_each_framework_and_the_generator_and_code_fixes_as_analyzers()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        log.WriteLine(string.Join('\n', entries.Order(StringComparer.Ordinal)));
        foreach (string expected in new[]
        {
            "lib/net8.0/ScheduleDsl.dll", "lib/net8.0/ScheduleDsl.xml",
            "lib/net10.0/ScheduleDsl.dll", "lib/net10.0/ScheduleDsl.xml",
            "analyzers/dotnet/cs/ScheduleDsl.Generator.dll",
            "analyzers/dotnet/cs/ScheduleDsl.CodeFixes.dll",
            "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }

        // The generator is a build-time component: never a lib asset, never a dependency.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("CodeFixes", StringComparison.Ordinal));
        // Roslyn itself comes with the compiler and the IDE: only our two assemblies go under analyzers/.
        Assert.Equal(
            ["analyzers/dotnet/cs/ScheduleDsl.CodeFixes.dll", "analyzers/dotnet/cs/ScheduleDsl.Generator.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/netstandard", StringComparison.Ordinal));

        ZipArchiveEntry nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspecEntry.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal("ScheduleDsl", Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal("https://github.com/ScheduleDsl/ScheduleDsl", repository.Attribute("url")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void Fresh_project_builds_with_warnings_as_errors_and_prints_the_declared_rates_on_net8_and_net10()
    {
        string directory = package.NewProjectDirectory("consumer");
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), ConsumerProject.Replace("$VERSION$", package.Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), ConsumerProgram);

        CommandResult build = Dotnet(directory, BuildTimeout, "build", "-c", "Release", "-warnaserror", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.ToString());

        foreach (string framework in new[] { "net10.0", "net8.0" })
        {
            string dll = Path.Combine(directory, "bin", "Release", framework, "Consumer.dll");
            // Only the .NET 10 runtime may be installed; roll the net8.0 build forward onto it. The library it
            // loads is still the package's lib/net8.0 build (checked below), with the net8.0 vector fallbacks.
            CommandResult run = Dotnet(directory, RunTimeout, new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" }, dll);
            log.WriteLine($"--- {framework} ---\n{run.Output}");
            Assert.True(run.ExitCode == 0, run.ToString());
            CheckConsumerOutput(framework, run.Output);
        }
    }

    [Fact]
    public void Readme_install_example_builds_and_prints_what_the_readme_says()
    {
        string example = ReadmeInstallBlock("csharp");
        Assert.Contains("[Cosine(90, Final = 0.001)]", example, StringComparison.Ordinal);

        // What `dotnet new console` gives, plus the package and warnings as errors.
        string directory = package.NewProjectDirectory("readme");
        File.WriteAllText(Path.Combine(directory, "Readme.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ScheduleDsl" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), example);

        CommandResult build = Dotnet(directory, BuildTimeout, "build", "-c", "Release", "-warnaserror", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.ToString());
        CommandResult run = Dotnet(directory, RunTimeout, new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" },
            Path.Combine(directory, "bin", "Release", "net10.0", "Readme.dll"));
        log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("0: " + (0.1 / 11).ToString("R", CultureInfo.InvariantCulture), lines[0]);
        Assert.Equal("10: 0.1", lines[1]);
        Assert.Equal("100: 0.001", lines[10]);
    }

    [Fact]
    public void Bad_schedules_fail_the_build_with_their_diagnostic_ids()
    {
        string directory = package.NewProjectDirectory("bad");
        File.WriteAllText(Path.Combine(directory, "Bad.csproj"), BadProject.Replace("$VERSION$", package.Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "Schedules.cs"), BadSchedules);

        CommandResult build = Dotnet(directory, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false");
        string[] diagnostics = build.Output.Split('\n')
            .Where(l => l.Contains(": error SDL", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        log.WriteLine(string.Join('\n', diagnostics));
        Assert.True(build.ExitCode != 0, "the build must fail:\n" + build);
        Assert.Contains(diagnostics, l => l.Contains("Schedules.cs(4,9): error SDL0004", StringComparison.Ordinal));
        Assert.Contains(diagnostics, l => l.Contains("error SDL0001", StringComparison.Ordinal) && l.Contains("Schedules.cs(", StringComparison.Ordinal));
        // The generator emits nothing for an invalid schedule, so no compiler error follows from it.
        Assert.DoesNotContain("error CS", build.Output, StringComparison.Ordinal);
    }

    private CommandResult Dotnet(string directory, TimeSpan timeout, params string[] arguments)
        => Dotnet(directory, timeout, new Dictionary<string, string>(), arguments);

    private CommandResult Dotnet(string directory, TimeSpan timeout, Dictionary<string, string> environment, params string[] arguments)
    {
        foreach ((string name, string value) in package.ConsumerEnvironment)
        {
            environment[name] = value;
        }

        CommandResult result = DotNetCli.Run(directory, timeout, environment, arguments);
        log.WriteLine($"$ {result.CommandLine} -> {result.ExitCode}");
        return result;
    }

    /// <summary>The rates from the formulas in the README, independent of the library's code.</summary>
    private static double WarmupCosine(long step)
    {
        const double peak = 0.1, final = 0.001, warmup = 10, cosine = 90;
        if (step < warmup)
        {
            double start = 1.0 / (warmup + 1);
            return peak * (start + ((1 - start) * step / warmup));
        }

        double t = Math.Min(step - warmup, cosine);
        return final + ((peak - final) * (1 + Math.Cos(Math.PI * t / cosine)) / 2);
    }

    private static double Decay(long step) => 0.5 * Math.Pow(0.97, step);

    private static double Polish(long step)
        => step >= 64 ? 0.01 : ((0.2 - 0.01) * Math.Pow(1 - (step / 64.0), 1.5)) + 0.01;

    private static void CheckConsumerOutput(string framework, string output)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string expectedFramework = framework == "net8.0" ? ".NETCoreApp,Version=v8.0" : ".NETCoreApp,Version=v10.0";
        Assert.Contains($"library {expectedFramework}", lines);

        // The landmarks the issue names, exactly as the formulas give them.
        var at = lines.Where(l => l.StartsWith("at ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => long.Parse(p[1], CultureInfo.InvariantCulture), p => double.Parse(p[2], CultureInfo.InvariantCulture));
        Assert.Equal(9, at.Count);
        Assert.Equal(0.1 / 11, at[0], 1e-15);
        Assert.Equal(0.1, at[10]);
        Assert.Equal(0.001, at[100]);
        Assert.Equal(0.001, at[1000]);
        foreach ((long step, double rate) in at)
        {
            Assert.True(Math.Abs(rate - WarmupCosine(step)) <= 1e-13 * WarmupCosine(step), $"At({step}) = {rate:R}, formula {WarmupCosine(step):R}");
        }

        // Fill, which on net8.0 runs the per-lane fallbacks for sin, exp and log.
        var formulas = new Dictionary<string, Func<long, double>>
        {
            ["warmupcosine"] = WarmupCosine,
            ["decay"] = Decay,
            ["polish"] = Polish,
        };
        foreach ((string name, Func<long, double> formula) in formulas)
        {
            var fill = lines.Where(l => l.StartsWith($"fill {name} ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToArray();
            Assert.Equal(70, fill.Length);
            foreach (string[] parts in fill)
            {
                long step = long.Parse(parts[2], CultureInfo.InvariantCulture);
                float rate = float.Parse(parts[3], CultureInfo.InvariantCulture);
                float expected = (float)formula(step);
                double ulp = MathF.BitIncrement(expected) - expected;
                Assert.True(Math.Abs((double)rate - expected) <= 2 * ulp,
                    $"{framework} Fill {name}[{step}] = {rate:R}, formula {expected:R}");
            }
        }

        double train = double.Parse(lines.Single(l => l.StartsWith("train ", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);
        double expectedTrain = Enumerable.Range(0, 120).Sum(s => WarmupCosine(s));
        Assert.Equal(expectedTrain, train, 1e-12);

        // PyTorch's plain SGD in float32: p.add_(g, alpha=-lr) = fma(-lr, g, p), lr rounded to float once.
        float[] sgd = lines.Single(l => l.StartsWith("sgd ", StringComparison.Ordinal))[4..].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(40, sgd.Length);
        for (int i = 0; i < sgd.Length; i++)
        {
            float p = i / 10f, g = (i - 20) / 7f;
            for (int k = 0; k < 3; k++)
            {
                p = MathF.FusedMultiplyAdd((float)-WarmupCosine(k), g, p);
            }

            Assert.True(p.Equals(sgd[i]), $"{framework} SGD element {i}: {sgd[i]:R}, expected {p:R}");
        }
    }
}
