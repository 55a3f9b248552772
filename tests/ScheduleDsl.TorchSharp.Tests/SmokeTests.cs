using TorchSharp;
using Xunit;

using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void LibTorchLoadsAndComputes()
    {
        using Tensor a = tensor(new float[] { 1, 2, 3 });
        using Tensor b = a * 2;
        Assert.Equal(new float[] { 2, 4, 6 }, b.data<float>().ToArray());
    }
}
