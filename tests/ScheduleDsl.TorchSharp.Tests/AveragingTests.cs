using System;
using System.Linq;

using ScheduleDsl.Averaging;
using TorchSharp.Modules;
using Xunit;

using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp.Tests;

public sealed class AveragingTests
{
    [Fact]
    public void SwaOverTensorsIsTheMeanOfTheSnapshotsAndCopiesBack()
    {
        using var a = new Parameter(zeros(3));
        using var b = new Parameter(zeros(2));
        var parameters = new TorchParameters([a, b]);
        var average = new WeightAverage(parameters.TensorLengths);
        Assert.Throws<InvalidOperationException>(() => average.CopyTo(parameters));
        float[][] snapshots = [[1, 2, 3, 4, 5], [3, 2, 1, 0, -1], [2, 8, 5, 5, 2]];
        foreach (float[] snapshot in snapshots)
        {
            using (no_grad())
            {
                a.copy_(tensor(snapshot[..3]));
                b.copy_(tensor(snapshot[3..]));
            }

            average.Update(parameters);
        }

        using (no_grad())
        {
            a.fill_(-7f);
            b.fill_(-7f);
        }

        average.CopyTo(parameters);

        // The mean of the three snapshots in float64; chosen so that every running mean is exact in float32.
        float[] mean = Enumerable.Range(0, 5).Select(i => (float)snapshots.Average(s => (double)s[i])).ToArray();
        Assert.Equal(mean[..3], a.data<float>().ToArray());
        Assert.Equal(mean[3..], b.data<float>().ToArray());
    }

    [Fact]
    public void AnAverageOfOtherLengthsIsRejected()
    {
        using var a = new Parameter(zeros(3));
        var parameters = new TorchParameters([a]);
        var average = new WeightAverage([4]);
        Assert.Throws<ArgumentException>(() => average.Update(parameters));
        average.Update(new float[4]);
        Assert.Throws<ArgumentException>(() => average.CopyTo(parameters));
        Assert.Equal([0f, 0f, 0f], a.data<float>().ToArray());
    }

    [Fact]
    public void AContiguousViewIsWrittenAtItsOwnOffset()
    {
        using Tensor whole = zeros(8);
        using Tensor middle = whole.narrow(0, 2, 4);
        var parameters = new TorchParameters([middle]);
        var average = new WeightAverage(parameters.TensorLengths);
        average.Update(new float[] { 1, 2, 3, 4 });
        average.CopyTo(parameters);
        Assert.Equal([0f, 0f, 1f, 2f, 3f, 4f, 0f, 0f], whole.data<float>().ToArray());
    }
}
