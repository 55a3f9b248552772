using System;
using System.Diagnostics;
using System.IO;
using System.Numerics;
using System.Runtime.Intrinsics;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Tests.Properties;

/// <summary>
/// <see cref="VectorChecks"/> at every <see cref="Vector{T}"/> width: in this process, and in child processes of this
/// test assembly (its entry point, <see cref="Program"/>) started with DOTNET_EnableAVX2=0, DOTNET_EnableHWIntrinsic=0
/// and DOTNET_MaxVectorTBitWidth=512. Each child reports its width, so the test also proves the setting took effect.
/// </summary>
public sealed class VectorWidthTests(ITestOutputHelper log)
{
    private const int Seed = 10_512;
    private const int CasesPerKernel = 300;

    [Fact]
    public void Fill_matches_AtSingle_within_one_ulp_at_the_default_width()
    {
        var output = new StringWriter();
        int failures = VectorChecks.Run(Seed, CasesPerKernel, output);
        log.WriteLine(output.ToString());
        Assert.True(failures == 0, output.ToString());
    }

    [Theory]
    [InlineData("DOTNET_EnableAVX2", "0")]
    [InlineData("DOTNET_EnableHWIntrinsic", "0")]
    [InlineData("DOTNET_MaxVectorTBitWidth", "512")]
    public void Fill_matches_AtSingle_within_one_ulp_at_other_widths(string variable, string value)
    {
        string assembly = typeof(VectorWidthTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add(VectorChecks.Argument);
        start.ArgumentList.Add(Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(CasesPerKernel.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment[variable] = value;
        using Process child = Process.Start(start)!;
        string stdout = child.StandardOutput.ReadToEnd();
        string stderr = child.StandardError.ReadToEnd();
        Assert.True(child.WaitForExit(120_000), "the checker did not finish in two minutes");
        log.WriteLine($"{variable}={value}: {stdout}{stderr}");

        Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}\n{stdout}\n{stderr}");
        int expected = (variable, value) switch
        {
            ("DOTNET_MaxVectorTBitWidth", _) => Vector512.IsHardwareAccelerated ? 16 : Vector<float>.Count,
            ("DOTNET_EnableHWIntrinsic", _) => 4,
            _ => Vector128.IsHardwareAccelerated ? 4 : Vector<float>.Count,
        };
        Assert.Contains($"Vector<float>.Count={expected} ", stdout, StringComparison.Ordinal);
        if (variable == "DOTNET_EnableHWIntrinsic")
        {
            Assert.Contains("accelerated=False", stdout, StringComparison.Ordinal);
        }
    }
}
