using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ScheduleDsl.Training;

/// <summary>
/// A two-layer perceptron: inputs → hidden (ReLU) → classes, with softmax cross-entropy. Parameters and gradients
/// are plain <see cref="float"/> arrays (four tensors: W₁ [hidden × inputs], b₁, W₂ [classes × hidden], b₂), so the
/// optimizers of <c>ScheduleDsl.Optimizers</c> update them directly.
/// </summary>
public sealed class Mlp : IModel
{
    private float[] _hidden = [];
    private float[] _probabilities = [];
    private float[] _hiddenGrad = [];

    /// <summary>Creates the network with He-normal weights drawn from <paramref name="rng"/> and zero biases.</summary>
    /// <param name="inputs">Input features.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="rng">The generator of the initial weights.</param>
    public Mlp(int inputs, int hidden, int classes, SplitMix64 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Inputs = inputs;
        Hidden = hidden;
        Classes = classes;
        W1 = new float[hidden * inputs];
        B1 = new float[hidden];
        W2 = new float[classes * hidden];
        B2 = new float[classes];
        double s1 = Math.Sqrt(2.0 / inputs), s2 = Math.Sqrt(2.0 / hidden);
        for (int i = 0; i < W1.Length; i++)
        {
            W1[i] = (float)(rng.NextGaussian() * s1);
        }

        for (int i = 0; i < W2.Length; i++)
        {
            W2[i] = (float)(rng.NextGaussian() * s2);
        }

        Parameters = [W1, B1, W2, B2];
        Gradients = [new float[W1.Length], new float[B1.Length], new float[W2.Length], new float[B2.Length]];
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Hidden units.</summary>
    public int Hidden { get; }

    /// <summary>Output classes.</summary>
    public int Classes { get; }

    /// <summary>First-layer weights, row j holds the weights of hidden unit j.</summary>
    public float[] W1 { get; }

    /// <summary>First-layer biases.</summary>
    public float[] B1 { get; }

    /// <summary>Second-layer weights, row k holds the weights of class k.</summary>
    public float[] W2 { get; }

    /// <summary>Second-layer biases.</summary>
    public float[] B2 { get; }

    /// <summary>The four parameter tensors W₁, b₁, W₂, b₂.</summary>
    public float[][] Parameters { get; }

    /// <summary>The gradients of the last <see cref="Backward"/>, in the order of <see cref="Parameters"/>.</summary>
    public float[][] Gradients { get; }

    /// <summary>The element count of each parameter tensor.</summary>
    public int[] TensorLengths => [W1.Length, B1.Length, W2.Length, B2.Length];

    /// <summary>
    /// Computes the mean cross-entropy of the given rows and its gradient with respect to every parameter
    /// (written to <see cref="Gradients"/>).
    /// </summary>
    /// <param name="data">The data set.</param>
    /// <param name="rows">The rows of the mini-batch.</param>
    /// <returns>The mean loss over the batch.</returns>
    public double Backward(Dataset data, ReadOnlySpan<int> rows)
    {
        int n = rows.Length;
        Forward(data, rows);
        foreach (float[] g in Gradients)
        {
            Array.Clear(g);
        }

        float[] gW1 = Gradients[0], gB1 = Gradients[1], gW2 = Gradients[2], gB2 = Gradients[3];
        double loss = 0;
        float inv = 1f / n;
        for (int b = 0; b < n; b++)
        {
            int label = data.Labels[rows[b]];
            Span<float> p = _probabilities.AsSpan(b * Classes, Classes);
            loss -= Math.Log(Math.Max(p[label], 1e-30f));
            ReadOnlySpan<float> h = _hidden.AsSpan(b * Hidden, Hidden);
            Span<float> dh = _hiddenGrad.AsSpan(b * Hidden, Hidden);
            dh.Clear();
            for (int k = 0; k < Classes; k++)
            {
                float d = (p[k] - (k == label ? 1f : 0f)) * inv;   // ∂loss/∂logit_k
                gB2[k] += d;
                Axpy(d, h, gW2.AsSpan(k * Hidden, Hidden));
                Axpy(d, W2.AsSpan(k * Hidden, Hidden), dh);
            }

            ReadOnlySpan<float> x = data.Row(rows[b]);
            for (int j = 0; j < Hidden; j++)
            {
                if (h[j] <= 0)
                {
                    continue;    // ReLU: no gradient where the unit is off
                }

                gB1[j] += dh[j];
                Axpy(dh[j], x, gW1.AsSpan(j * Inputs, Inputs));
            }
        }

        return loss / n;
    }

    /// <summary>Evaluates the mean cross-entropy and the accuracy over a whole data set.</summary>
    /// <param name="data">The data set.</param>
    /// <returns>The mean loss and the share of rows whose most probable class is the label.</returns>
    public (double Loss, double Accuracy) Evaluate(Dataset data)
    {
        const int chunk = 256;
        double loss = 0;
        int correct = 0;
        int[] rows = new int[chunk];
        for (int start = 0; start < data.Count; start += chunk)
        {
            int n = Math.Min(chunk, data.Count - start);
            for (int i = 0; i < n; i++)
            {
                rows[i] = start + i;
            }

            Forward(data, rows.AsSpan(0, n));
            for (int b = 0; b < n; b++)
            {
                ReadOnlySpan<float> p = _probabilities.AsSpan(b * Classes, Classes);
                int label = data.Labels[start + b];
                loss -= Math.Log(Math.Max(p[label], 1e-30f));
                int best = 0;
                for (int k = 1; k < Classes; k++)
                {
                    if (p[k] > p[best])
                    {
                        best = k;
                    }
                }

                correct += best == label ? 1 : 0;
            }
        }

        return (loss / data.Count, (double)correct / data.Count);
    }

    private void Forward(Dataset data, ReadOnlySpan<int> rows)
    {
        int n = rows.Length;
        if (_hidden.Length < n * Hidden)
        {
            _hidden = new float[n * Hidden];
            _hiddenGrad = new float[n * Hidden];
            _probabilities = new float[n * Classes];
        }

        for (int b = 0; b < n; b++)
        {
            ReadOnlySpan<float> x = data.Row(rows[b]);
            Span<float> h = _hidden.AsSpan(b * Hidden, Hidden);
            for (int j = 0; j < Hidden; j++)
            {
                h[j] = Math.Max(0f, Dot(W1.AsSpan(j * Inputs, Inputs), x) + B1[j]);
            }

            Span<float> p = _probabilities.AsSpan(b * Classes, Classes);
            for (int k = 0; k < Classes; k++)
            {
                p[k] = Dot(W2.AsSpan(k * Hidden, Hidden), h) + B2[k];
            }

            Softmax(p);
        }
    }

    /// <summary>Replaces logits by their softmax in place: exp(zₖ − max z) / Σ exp(zⱼ − max z).</summary>
    /// <param name="z">The logits.</param>
    public static void Softmax(Span<float> z)
    {
        float max = float.NegativeInfinity;
        foreach (float v in z)
        {
            max = Math.Max(max, v);
        }

        float sum = 0;
        for (int k = 0; k < z.Length; k++)
        {
            z[k] = MathF.Exp(z[k] - max);
            sum += z[k];
        }

        for (int k = 0; k < z.Length; k++)
        {
            z[k] /= sum;
        }
    }

    /// <summary>Σ aᵢ·bᵢ with <see cref="Vector{T}"/> lanes and a scalar tail.</summary>
    /// <param name="a">The first vector.</param>
    /// <param name="b">The second vector, as long as <paramref name="a"/>.</param>
    /// <returns>The dot product.</returns>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ReadOnlySpan<Vector<float>> va = MemoryMarshal.Cast<float, Vector<float>>(a);
        ReadOnlySpan<Vector<float>> vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        Vector<float> acc = Vector<float>.Zero;
        for (int i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        float sum = Vector.Sum(acc);
        for (int i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y ← y + α·x with <see cref="Vector{T}"/> lanes and a scalar tail.</summary>
    /// <param name="alpha">The scale.</param>
    /// <param name="x">The vector added.</param>
    /// <param name="y">The accumulator, as long as <paramref name="x"/>.</param>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        ReadOnlySpan<Vector<float>> vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        Span<Vector<float>> vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var a = new Vector<float>(alpha);
        for (int i = 0; i < vx.Length; i++)
        {
            vy[i] += a * vx[i];
        }

        for (int i = vx.Length * Vector<float>.Count; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}
