using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace ScheduleDsl.Training;

/// <summary>Labelled examples: features row-major as floats in [0, 1], one label (0–9) per row.</summary>
public sealed class Dataset
{
    /// <summary>Creates a data set.</summary>
    /// <param name="features">Row-major features, <paramref name="featureCount"/> per row.</param>
    /// <param name="labels">One label per row, each in 0 … <paramref name="classCount"/> − 1.</param>
    /// <param name="featureCount">The number of features per row.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <exception cref="ArgumentException">The lengths do not fit together or a label is out of range.</exception>
    public Dataset(float[] features, byte[] labels, int featureCount, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if ((long)labels.Length * featureCount != features.Length)
        {
            throw new ArgumentException($"{labels.Length} labels need {(long)labels.Length * featureCount} features, got {features.Length}.", nameof(features));
        }

        foreach (byte label in labels)
        {
            if (label >= classCount)
            {
                throw new ArgumentException($"Label {label} is outside 0..{classCount - 1}.", nameof(labels));
            }
        }

        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>Row-major features.</summary>
    public float[] Features { get; }

    /// <summary>The label of each row.</summary>
    public byte[] Labels { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>The features of row <paramref name="row"/>.</summary>
    /// <param name="row">The row index.</param>
    /// <returns>A view of the row's features.</returns>
    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>A new data set with the given rows, in that order.</summary>
    /// <param name="rows">Row indices.</param>
    /// <returns>The subset.</returns>
    public Dataset Subset(IReadOnlyList<int> rows)
    {
        var features = new float[rows.Count * FeatureCount];
        var labels = new byte[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = Labels[rows[i]];
        }

        return new Dataset(features, labels, FeatureCount, ClassCount);
    }

    /// <summary>
    /// Splits into training and test sets, stratified by label: each class's rows are shuffled with
    /// <paramref name="seed"/> and the first ⌊count·<paramref name="testFraction"/> + ½⌋ go to the test set.
    /// </summary>
    /// <param name="testFraction">The share of each class that goes to the test set, in (0, 1).</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <returns>The training and test sets (both in shuffled order).</returns>
    public (Dataset Train, Dataset Test) StratifiedSplit(double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie in (0, 1).");
        }

        var rng = new SplitMix64(seed);
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < ClassCount; c++)
        {
            var rows = new List<int>();
            for (int i = 0; i < Count; i++)
            {
                if (Labels[i] == c)
                {
                    rows.Add(i);
                }
            }

            int[] shuffled = rows.ToArray();
            rng.Shuffle(shuffled);
            int testCount = (int)Math.Floor((shuffled.Length * testFraction) + 0.5);
            test.AddRange(shuffled.AsSpan(0, testCount));
            train.AddRange(shuffled.AsSpan(testCount));
        }

        int[] trainRows = train.ToArray(), testRows = test.ToArray();
        rng.Shuffle(trainRows);
        rng.Shuffle(testRows);
        return (Subset(trainRows), Subset(testRows));
    }
}

/// <summary>Reads the embedded digits data set (<c>Data/digits.csv.gz</c>).</summary>
public static class DigitsCsv
{
    /// <summary>The path of the copy next to the executable.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz");

    /// <summary>Loads the gzip-compressed CSV: 64 pixel values (0–16) and a label (0–9) per line.</summary>
    /// <param name="path">The file; <see langword="null"/> for <see cref="DefaultPath"/>.</param>
    /// <returns>The 1,797 examples with pixels scaled to [0, 1].</returns>
    /// <exception cref="InvalidDataException">A line does not have 65 integer fields in range.</exception>
    public static Dataset Load(string? path = null)
    {
        using var file = File.OpenRead(path ?? DefaultPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return Parse(reader);
    }

    /// <summary>Parses CSV text: 64 pixel values (0–16) and a label (0–9) per non-empty line.</summary>
    /// <param name="reader">The text.</param>
    /// <returns>The examples with pixels scaled to [0, 1].</returns>
    /// <exception cref="InvalidDataException">A line does not have 65 integer fields in range.</exception>
    public static Dataset Parse(TextReader reader)
    {
        const int pixels = 64;
        var features = new List<float>();
        var labels = new List<byte>();
        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != pixels + 1)
            {
                throw new InvalidDataException($"Line {lineNumber} has {fields.Length} fields; expected {pixels + 1} (64 pixels and a label).");
            }

            for (int i = 0; i <= pixels; i++)
            {
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v != Math.Floor(v)
                    || v < 0 || v > (i < pixels ? 16 : 9))
                {
                    throw new InvalidDataException($"Line {lineNumber}, field {i + 1}: '{fields[i]}' is not an integer in 0..{(i < pixels ? 16 : 9)}.");
                }

                if (i < pixels)
                {
                    features.Add((float)(v / 16.0));
                }
                else
                {
                    labels.Add((byte)v);
                }
            }
        }

        return new Dataset(features.ToArray(), labels.ToArray(), pixels);
    }
}

/// <summary>A small, fast, portable random generator (SplitMix64): the same sequence on every runtime.</summary>
public sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Creates the generator.</summary>
    /// <param name="seed">The seed.</param>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed value.</returns>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    /// <returns>53 random bits scaled to [0, 1).</returns>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    /// <param name="bound">The exclusive upper bound, 1 or more.</param>
    /// <returns>The value.</returns>
    public int NextInt(int bound) => (int)(NextDouble() * bound);

    /// <summary>A standard normal value (Box–Muller).</summary>
    /// <returns>The value.</returns>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    /// <param name="values">The array to shuffle.</param>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
