using System;
using ScheduleDsl.Training;
using Xunit;

namespace ScheduleDsl.Training.Tests;

public class MlpTests
{
    [Fact]
    public void Backward_matches_central_finite_differences_for_every_parameter()
    {
        var rng = new SplitMix64(42);
        const int inputs = 7, hidden = 6, classes = 4, rows = 5;
        var features = new float[rows * inputs];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)rng.NextDouble();
        }

        var data = new Dataset(features, [0, 3, 1, 2, 3], inputs, classes);
        var model = new Mlp(inputs, hidden, classes, rng);
        for (int j = 0; j < model.B1.Length; j++)
        {
            model.B1[j] = 0.1f;   // keep units away from the ReLU kink
        }

        int[] batch = [0, 1, 2, 3, 4];
        model.Backward(data, batch);
        float[][] analytic = Array.ConvertAll(model.Gradients, g => (float[])g.Clone());
        const float h = 1e-3f;
        int checkedCount = 0;
        for (int t = 0; t < model.Parameters.Length; t++)
        {
            float[] p = model.Parameters[t];
            for (int i = 0; i < p.Length; i++)
            {
                float saved = p[i];
                p[i] = saved + h;
                double plus = model.Backward(data, batch);
                p[i] = saved - h;
                double minus = model.Backward(data, batch);
                p[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.True(
                    Math.Abs(numeric - analytic[t][i]) <= 2e-3 + (1e-2 * Math.Abs(numeric)),
                    $"tensor {t} element {i}: analytic {analytic[t][i]}, numeric {numeric}");
                checkedCount++;
            }
        }

        Assert.Equal((hidden * inputs) + hidden + (classes * hidden) + classes, checkedCount);
        Assert.Contains(analytic[0], g => Math.Abs(g) > 1e-3);   // the check is not vacuous
    }

    [Fact]
    public void A_wrong_gradient_would_be_caught()
    {
        // The same check against a deliberately wrong derivative (twice the analytic one) must fail somewhere.
        var rng = new SplitMix64(3);
        var data = new Dataset([0.5f, 0.2f, 0.9f, 0.1f], [1, 0], 2, 2);
        var model = new Mlp(2, 3, 2, rng);
        model.Backward(data, [0, 1]);
        float g = model.Gradients[3][0];
        float saved = model.B2[0];
        model.B2[0] = saved + 1e-3f;
        double plus = model.Backward(data, [0, 1]);
        model.B2[0] = saved - 1e-3f;
        double minus = model.Backward(data, [0, 1]);
        double numeric = (plus - minus) / 2e-3;
        Assert.True(Math.Abs(numeric - g) < 2e-3);
        Assert.False(Math.Abs(numeric - (2 * g)) < 2e-3 + (1e-2 * Math.Abs(numeric)));
    }
}
