using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// The kernels at other <see cref="Vector{T}"/> widths: child processes of this test assembly (its entry point,
/// <see cref="Program"/>) started with DOTNET_EnableAVX2=0 (4 lanes), DOTNET_EnableHWIntrinsic=0 (not accelerated:
/// scalar tails only) and DOTNET_MaxVectorTBitWidth=512 (16 lanes where AVX-512 exists) run every PyTorch reference
/// case bit for bit and the vector-loop-against-scalar-tail check. Each child reports its width, so the test also
/// proves that the setting took effect.
/// </summary>
public sealed class VectorWidthTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData("DOTNET_EnableAVX2", "0")]
    [InlineData("DOTNET_EnableHWIntrinsic", "0")]
    [InlineData("DOTNET_MaxVectorTBitWidth", "512")]
    public async Task Reference_cases_are_bit_identical_at_other_widths(string variable, string value)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(VectorWidthTests).Assembly.Location);
        start.ArgumentList.Add(Program.Argument);
        start.Environment[variable] = value;
        using Process child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Task<string> stderrRead = child.StandardError.ReadToEndAsync(timeout.Token);
        string stdout = await child.StandardOutput.ReadToEndAsync(timeout.Token);
        string stderr = await stderrRead;
        await child.WaitForExitAsync(timeout.Token);
        log.WriteLine($"{variable}={value}: {stdout}{stderr}");

        Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}\n{stdout}\n{stderr}");
        int expected = variable switch
        {
            "DOTNET_MaxVectorTBitWidth" => Vector512.IsHardwareAccelerated ? 16 : Vector<float>.Count,
            "DOTNET_EnableHWIntrinsic" => 4,
            _ => Vector128.IsHardwareAccelerated ? 4 : Vector<float>.Count,
        };
        Assert.Contains($"Vector<float>.Count={expected} ", stdout, StringComparison.Ordinal);
        if (variable == "DOTNET_EnableHWIntrinsic")
        {
            Assert.Contains("accelerated=False", stdout, StringComparison.Ordinal);
        }

        Assert.Matches(@"checks=\d+ failures=0", stdout);
        Assert.DoesNotContain("checks=0 ", stdout, StringComparison.Ordinal);
    }
}
