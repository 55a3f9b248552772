using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

using ScheduleDsl.TorchSharp.Digits;
using TorchSharp.Modules;
using Xunit;

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ScheduleDsl.TorchSharp.Tests;

public sealed partial class SampleTests
{
    private const int Steps = 90; // two epochs of the 450-update run

    private static string RepositoryRoot => typeof(SampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void BothRunsLearnAndAgree()
    {
        var training = new DigitsTraining();
        double before;
        using (Sequential untrained = DigitsTraining.NewModel())
        using (no_grad())
        {
            var all = ScheduleDsl.Training.DigitsCsv.Load().StratifiedSplit(0.2, 1).Train;
            using Tensor x = tensor(all.Features, [all.Count, all.FeatureCount]);
            using Tensor y = tensor(all.Labels.Select(l => (long)l).ToArray());
            before = functional.cross_entropy(untrained.forward(x), y).item<float>();
        }

        RunResult torchSharp = training.TrainWithTorchSharpAdamW(Steps);
        RunResult scheduleDsl = training.TrainWithScheduleDslAdamW(Steps);
        Assert.InRange(before, 2.0, 2.6); // about ln 10 for an untrained 10-class network
        Assert.True(torchSharp.TrainLoss < 0.5 * before, $"loss {before} -> {torchSharp.TrainLoss}");
        Assert.True(torchSharp.TestAccuracy > 0.75, $"accuracy {torchSharp.TestAccuracy}");

        // The same network, data and schedule; the two AdamW implementations differ only in rounding.
        Assert.Equal(torchSharp.TrainLoss, scheduleDsl.TrainLoss, 1e-4);
        Assert.Equal(torchSharp.TestAccuracy, scheduleDsl.TestAccuracy, 0.01);

        // The values of update 90, from PyTorch's OneCycleLR formulas: phase 1 runs to step 0.3·450 − 1 = 134, cosine
        // annealing from max_lr/25 to max_lr, and β₁ from 0.95 down to 0.85.
        double pct = 90.0 / 134;
        double cosine = (Math.Cos(Math.PI * pct) + 1) / 2;
        Assert.Equal(0.01 + ((0.01 / 25) - 0.01) * cosine, torchSharp.NextLearningRate, 1e-15);
        Assert.Equal(0.85 + (0.95 - 0.85) * cosine, torchSharp.NextBeta1, 1e-15);
        Assert.Equal(torchSharp.NextLearningRate, scheduleDsl.NextLearningRate, 1e-15);
        Assert.Equal(torchSharp.NextBeta1, scheduleDsl.NextBeta1, 1e-15);
    }

    [Theory]
    [InlineData("README: TorchSharp optimizer")]
    [InlineData("README: ScheduleDsl optimizer")]
    public void TheReadmeLoopIsTheSamplesCode(string region)
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot, "samples", "ScheduleDsl.TorchSharp.Digits", "DigitsTraining.cs"));
        Match match = Regex.Match(source, $@"\n([ ]*)#region {Regex.Escape(region)}\n(?<code>.*?)\n[ ]*#endregion", RegexOptions.Singleline);
        Assert.True(match.Success, $"The sample has no region '{region}'.");
        string indent = match.Groups[1].Value;
        string code = string.Join('\n', match.Groups["code"].Value.Split('\n').Select(line => line.StartsWith(indent, StringComparison.Ordinal) ? line[indent.Length..] : line));

        string readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int section = readme.IndexOf("\n## TorchSharp\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no TorchSharp section.");
        int next = readme.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
        string[] blocks = CodeBlock().Matches(readme[section..(next < 0 ? readme.Length : next)]).Select(m => m.Groups["code"].Value).ToArray();
        Assert.Contains(blocks, block => block.Contains(code, StringComparison.Ordinal));

        // Nothing else in those blocks is made up: every line is a line of the sample.
        var sampleLines = source.Split('\n').Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.All(blocks.SelectMany(block => block.Split('\n')).Select(line => line.Trim()).Where(line => line.Length > 0), line => Assert.Contains(line, sampleLines));
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
