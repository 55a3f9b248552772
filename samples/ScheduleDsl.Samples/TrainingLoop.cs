using System;
using ScheduleDsl.Optimizers;

namespace ScheduleDsl.Samples;

/// <summary>Warmup then cosine over 300 updates, for the training-loop example.</summary>
[LearningRate(0.1)]
[Warmup(30)]
[Cosine(270, Final = 1e-3)]
public partial struct FitSchedule;

/// <summary>
/// The README's training loop: fits y = 3x − 1 by least squares with AdamW driven by a generated schedule.
/// </summary>
public static class TrainingLoop
{
    public static void Run()
    {
        float[] xs = new float[256], ys = new float[256];
        for (int i = 0; i < xs.Length; i++) { xs[i] = (i / 128f) - 1f; ys[i] = (3f * xs[i]) - 1f; }

        float[] weight = [0f], bias = [0f], weightGrad = [0f], biasGrad = [0f];
        Memory<float>[] parameters = [weight, bias];
        ReadOnlyMemory<float>[] gradients = [weightGrad, biasGrad];
        var optimizer = new AdamW<FitSchedule>([1, 1], new AdamOptions { WeightDecay = 0 });
        for (long step = 0; step < FitSchedule.TotalSteps; step++)
        {
            float loss = Backward(xs, ys, weight[0], bias[0], out weightGrad[0], out biasGrad[0]);
            optimizer.Step(parameters, gradients);   // update `step` uses FitSchedule.At(step)
            if (step % 60 == 0 || step == FitSchedule.TotalSteps - 1)
                Console.WriteLine($"  step {step,3}  lr {FitSchedule.At(step):0.00000}  loss {loss:0.000000}  w {weight[0]:0.0000}  b {bias[0]:0.0000}");
        }
    }

    /// <summary>Mean squared error of w·x + b and its gradients.</summary>
    private static float Backward(float[] xs, float[] ys, float w, float b, out float dw, out float db)
    {
        float loss = 0; dw = 0; db = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            float error = (w * xs[i]) + b - ys[i];
            loss += error * error; dw += 2 * error * xs[i]; db += 2 * error;
        }

        dw /= xs.Length;
        db /= xs.Length;
        return loss / xs.Length;
    }
}
