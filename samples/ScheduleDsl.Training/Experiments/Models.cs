using System;

namespace ScheduleDsl.Training;

/// <summary>A differentiable classifier whose parameters the optimizers of <c>ScheduleDsl.Optimizers</c> update.</summary>
public interface IModel
{
    /// <summary>The parameter tensors.</summary>
    float[][] Parameters { get; }

    /// <summary>The gradients of the last <see cref="Backward"/>, in the order of <see cref="Parameters"/>.</summary>
    float[][] Gradients { get; }

    /// <summary>The element count of each parameter tensor.</summary>
    int[] TensorLengths { get; }

    /// <summary>Computes the mean loss of the given rows and writes its gradient to <see cref="Gradients"/>.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="rows">The rows of the mini-batch.</param>
    /// <returns>The mean cross-entropy over the rows.</returns>
    double Backward(Dataset data, ReadOnlySpan<int> rows);

    /// <summary>The mean cross-entropy and the accuracy over a whole data set.</summary>
    /// <param name="data">The data set.</param>
    /// <returns>The loss and the accuracy.</returns>
    (double Loss, double Accuracy) Evaluate(Dataset data);
}

/// <summary>
/// Multinomial logistic regression (a linear model: softmax of W·x + b) with scikit-learn's L2 penalty: the gradient
/// of W gets α·W added, the intercept is not penalised, and the returned loss is the cross-entropy alone (as
/// <c>_plain_sgd</c> sums it for its stopping and <c>'adaptive'</c> rules).
/// </summary>
public sealed class SoftmaxRegression : IModel
{
    private readonly float[] _logits;

    /// <summary>Creates the model with zero weights (scikit-learn's SGD starts from zero too).</summary>
    /// <param name="inputs">Input features.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="alpha">The L2 strength α (scikit-learn's default 1e-4).</param>
    public SoftmaxRegression(int inputs, int classes, double alpha)
    {
        Inputs = inputs;
        Classes = classes;
        Alpha = alpha;
        W = new float[classes * inputs];
        B = new float[classes];
        _logits = new float[classes];
        Parameters = [W, B];
        Gradients = [new float[W.Length], new float[B.Length]];
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output classes.</summary>
    public int Classes { get; }

    /// <summary>The L2 strength α.</summary>
    public double Alpha { get; }

    /// <summary>Weights, row k for class k.</summary>
    public float[] W { get; }

    /// <summary>Intercepts.</summary>
    public float[] B { get; }

    /// <inheritdoc/>
    public float[][] Parameters { get; }

    /// <inheritdoc/>
    public float[][] Gradients { get; }

    /// <inheritdoc/>
    public int[] TensorLengths => [W.Length, B.Length];

    /// <inheritdoc/>
    public double Backward(Dataset data, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        float[] gW = Gradients[0], gB = Gradients[1];
        for (int i = 0; i < gW.Length; i++)
        {
            gW[i] = (float)Alpha * W[i];
        }

        Array.Clear(gB);
        float inv = 1f / rows.Length;
        double loss = 0;
        foreach (int row in rows)
        {
            ReadOnlySpan<float> x = data.Row(row);
            int label = data.Labels[row];
            loss -= Math.Log(Math.Max(Probabilities(x)[label], 1e-30f));
            for (int k = 0; k < Classes; k++)
            {
                float d = (_logits[k] - (k == label ? 1f : 0f)) * inv;
                gB[k] += d;
                Mlp.Axpy(d, x, gW.AsSpan(k * Inputs, Inputs));
            }
        }

        return loss / rows.Length;
    }

    /// <inheritdoc/>
    public (double Loss, double Accuracy) Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double loss = 0;
        int correct = 0;
        for (int row = 0; row < data.Count; row++)
        {
            ReadOnlySpan<float> p = Probabilities(data.Row(row));
            int label = data.Labels[row];
            loss -= Math.Log(Math.Max(p[label], 1e-30f));
            int best = 0;
            for (int k = 1; k < Classes; k++)
            {
                best = p[k] > p[best] ? k : best;
            }

            correct += best == label ? 1 : 0;
        }

        return (loss / data.Count, (double)correct / data.Count);
    }

    /// <summary>Softmax of W·x + b, in the scratch buffer.</summary>
    private ReadOnlySpan<float> Probabilities(ReadOnlySpan<float> x)
    {
        for (int k = 0; k < Classes; k++)
        {
            _logits[k] = Mlp.Dot(W.AsSpan(k * Inputs, Inputs), x) + B[k];
        }

        Mlp.Softmax(_logits);
        return _logits;
    }
}

/// <summary>
/// Mini-batches drawn from a running shuffled pass over the training set, optionally each image shifted by −1, 0 or
/// +1 pixel in each direction (uniformly, vacated pixels 0). The shifts make every batch new, so the network cannot
/// memorise the 1,438 images and the training loss keeps the gradient noise a real data set has.
/// </summary>
public sealed class BatchStream
{
    private readonly Dataset _source;
    private readonly SplitMix64 _rng;
    private readonly int[] _order;
    private readonly int[] _rows;
    private readonly bool _shift;
    private int _cursor;

    /// <summary>Creates the stream; the first pass is shuffled with <paramref name="rng"/>.</summary>
    /// <param name="source">The training set (8×8 images when <paramref name="shift"/> is set).</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="shift">Whether to shift each image by up to one pixel.</param>
    /// <param name="rng">The generator of the order and the shifts.</param>
    public BatchStream(Dataset source, int batchSize, bool shift, SplitMix64 rng)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _rng = rng;
        _shift = shift;
        _order = new int[source.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        rng.Shuffle(_order);
        _rows = new int[batchSize];
        for (int i = 0; i < batchSize; i++)
        {
            _rows[i] = i;
        }

        Batch = new Dataset(new float[batchSize * source.FeatureCount], new byte[batchSize], source.FeatureCount, source.ClassCount);
    }

    /// <summary>The current batch (rows 0 … batch size − 1), overwritten by <see cref="Next"/>.</summary>
    public Dataset Batch { get; }

    /// <summary>The row indices of <see cref="Batch"/>.</summary>
    public ReadOnlySpan<int> Rows => _rows;

    /// <summary>Fills <see cref="Batch"/> with the next examples.</summary>
    public void Next()
    {
        const int side = 8;
        int features = _source.FeatureCount;
        for (int b = 0; b < _rows.Length; b++)
        {
            if (_cursor == _order.Length)
            {
                _rng.Shuffle(_order);
                _cursor = 0;
            }

            int row = _order[_cursor++];
            Span<float> dst = Batch.Features.AsSpan(b * features, features);
            Batch.Labels[b] = _source.Labels[row];
            ReadOnlySpan<float> src = _source.Row(row);
            if (!_shift)
            {
                src.CopyTo(dst);
                continue;
            }

            int dx = _rng.NextInt(3) - 1, dy = _rng.NextInt(3) - 1;
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    int sy = y - dy, sx = x - dx;
                    dst[(y * side) + x] = sy is >= 0 and < side && sx is >= 0 and < side ? src[(sy * side) + sx] : 0f;
                }
            }
        }
    }
}
