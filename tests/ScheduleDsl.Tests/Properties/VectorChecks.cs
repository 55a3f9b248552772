using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using ScheduleDsl.Formulas;
using ScheduleDsl.Kernels;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Tests.Runtime;

namespace ScheduleDsl.Tests.Properties;

/// <summary>
/// Fill against AtSingle with the <see cref="Vector{T}"/> width of the process it runs in: every kernel with random
/// parameters over its legal range and random spans (boundaries, powers of two, 2⁵³, the top of the step range), and
/// the generated schedules of this assembly over every phase boundary. Run in the test process and, by
/// <see cref="VectorWidthTests"/>, in child processes with other widths (the environment variables are read when the
/// runtime starts, so a width cannot be changed in a running process).
/// </summary>
internal static class VectorChecks
{
    public const string Argument = "--vector-checks";

    /// <summary>Runs the checks; writes one line with the width and the counts, then any failures. Returns the number of failures.</summary>
    public static int Run(int seed, int casesPerKernel, TextWriter output)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        long elements = 0;
        var buffer = new float[67];

        // (name, kernel, scalar, first step range): a bounded phase is only defined on [0, T].
        foreach (var kernel in Kernels(random))
        {
            for (int c = 0; c < casesPerKernel; c++)
            {
                var (name, fill, scalar, limit) = kernel();
                int length = (int)Math.Min(1 + random.Next(buffer.Length), limit + 1);
                long first = FirstStep(random, limit - length + 1);
                Span<float> span = buffer.AsSpan(0, length);
                fill(span, first);
                for (int i = 0; i < length; i++)
                {
                    double expected = scalar(first + i);
                    if (!double.IsFinite(expected) || Math.Abs(expected) > float.MaxValue)
                    {
                        continue;
                    }

                    elements++;
                    if (Ulp.Distance(span[i], (float)expected) > 1)
                    {
                        failures.Add($"{name} from {first} at +{i}: Fill {span[i]:R}, scalar {(float)expected:R}");
                        break;
                    }
                }
            }
        }

        foreach ((string name, Fill fill, Func<long, float> atSingle, long[] boundaries) in Schedules())
        {
            foreach (long boundary in boundaries)
            {
                for (long start = Math.Max(0, boundary - 70); start <= boundary + 3; start += 1 + random.Next(9))
                {
                    int length = 1 + random.Next(buffer.Length);
                    fill(buffer.AsSpan(0, length), start);
                    for (int i = 0; i < length; i++)
                    {
                        elements++;
                        if (Ulp.Distance(buffer[i], atSingle(start + i)) > 1)
                        {
                            failures.Add($"{name} from {start} at +{i}: Fill {buffer[i]:R}, AtSingle {atSingle(start + i):R}");
                            break;
                        }
                    }
                }
            }
        }

        output.WriteLine($"Vector<float>.Count={Vector<float>.Count} accelerated={Vector.IsHardwareAccelerated} elements={elements} failures={failures.Count}");
        foreach (string failure in failures.GetRange(0, Math.Min(20, failures.Count)))
        {
            output.WriteLine(failure);
        }

        return failures.Count;
    }

    private delegate void Fill(Span<float> destination, long firstStep);

    private static long FirstStep(Random random, long limit)
    {
        long pick = random.Next(6) switch
        {
            0 => random.NextInt64(0, 64),
            1 => (1L << random.Next(1, 63)) + random.Next(-40, 40),
            2 => (1L << 53) + random.Next(-80, 80),
            3 => limit - random.Next(0, 80),
            4 => random.NextInt64(0, Math.Max(1, limit)),
            _ => random.NextInt64(0, 100_000),
        };
        return Math.Clamp(pick, 0, Math.Max(0, limit));
    }

    private static double Factor(Random random) => random.Next(4) == 0 ? new[] { 0.0, 1e-8, 1.0 }[random.Next(3)] : random.NextDouble();

    private static long Length(Random random) => random.Next(3) switch
    {
        0 => new[] { 1L, 2L, 3L, (1L << 53) - 1, 1L << 53 }[random.Next(5)],
        1 => random.NextInt64(1, 1L << 53),
        _ => random.NextInt64(1, 10_000),
    };

    /// <summary>Each kernel with a parameter draw: the name, the fill, the scalar formula it must match, the last step it is defined at.</summary>
    private static IEnumerable<Func<(string, Fill, Func<long, double>, long)>> Kernels(Random random)
    {
        yield return () =>
        {
            double peak = random.NextDouble(), s = Factor(random), e = Factor(random), steps = Length(random);
            return ("Linear", (d, f) => FillKernels.Linear(d, f, peak, s, e, steps), t => Linear.At(t, peak, s, e, steps), (long)steps);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), final = peak * Factor(random), steps = Length(random);
            return ("Cosine", (d, f) => FillKernels.Cosine(d, f, peak, final, steps), t => Cosine.At(t, peak, final, steps), (long)steps);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), final = peak * Factor(random);
            long steps = Length(random);
            return ("CosinePeriodic", (d, f) => FillKernels.CosinePeriodic(d, f, peak, final, steps), t => Cosine.AtPeriodic(t, peak, final, steps), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), gamma = 1 - (Factor(random) * 0.01);
            return ("Exponential", (d, f) => FillKernels.Exponential(d, f, peak, gamma), t => Exponential.At(t, peak, gamma), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), final = peak * Factor(random), power = new[] { 0.5, 1.0, 1.7, 3.0 }[random.Next(4)], steps = Length(random);
            return ("Polynomial", (d, f) => FillKernels.Polynomial(d, f, peak, final, power, steps), t => Polynomial.At(t, peak, final, power, steps), (long)steps);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), gamma = Factor(random);
            long size = Length(random);
            return ("StepDecay", (d, f) => FillKernels.StepDecay(d, f, peak, gamma, size), t => StepDecay.At(t, peak, gamma, size), long.MaxValue);
        };
        yield return () =>
        {
            double a = random.NextDouble(), b = random.NextDouble(), end = Length(random);
            bool cosine = random.Next(2) == 0;
            return ("Anneal", (d, f) => FillKernels.Anneal(d, f, a, b, 0, end, cosine), t => Anneal.At(t, a, b, 0, end, cosine), (long)end);
        };
        yield return () =>
        {
            double high = random.NextDouble(), low = high * Factor(random), up = random.Next(1, 5000), down = random.Next(1, 5000), gamma = 1 - (Factor(random) * 0.001);
            int mode = random.Next(3);
            return ("Cyclic", (d, f) => FillKernels.Cyclic(d, f, low, high, up + down, up / (up + down), mode, gamma), t => Cyclic.At(t, low, high, up + down, up / (up + down), mode, gamma), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), final = peak * Factor(random), multiplier = new[] { 1.0, 1.0000000001, 1.5, 2.0 }[random.Next(4)], decay = Factor(random);
            long first = random.Next(1, 5000), limit = random.Next(3) == 0 ? random.Next(1, 20) : 0;
            return ("Restarts", (d, f) => FillKernels.Restarts(d, f, peak, final, first, multiplier, decay, limit), t => Restarts.At(t, peak, final, first, multiplier, decay, limit), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), coefficient = Math.Pow(random.Next(1, 1024), -0.5), warmup = Math.Pow(random.Next(1, 10_000), -1.5);
            return ("Noam", (d, f) => FillKernels.InverseDecayNoam(d, f, peak, coefficient, warmup), t => InverseDecay.Noam(t, peak, coefficient, warmup), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), tau = Length(random);
            return ("InverseSqrt", (d, f) => FillKernels.InverseDecaySqrt(d, f, peak, tau), t => InverseDecay.Sqrt(t, peak, tau), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), rate = random.NextDouble() * 2, steps = Length(random);
            bool staircase = random.Next(2) == 0;
            return ("InverseTime", (d, f) => FillKernels.InverseDecayTime(d, f, peak, rate, steps, staircase), t => InverseDecay.Time(t, peak, rate, steps, staircase), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), power = random.NextDouble() * 2;
            return ("InverseScaling", (d, f) => FillKernels.InverseDecayScaling(d, f, peak, power), t => InverseDecay.Scaling(t, peak, power), long.MaxValue);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), start = Factor(random), steps = Length(random);
            int shape = random.Next(3);
            return ("Warmup", (d, f) => FillKernels.ShapesWarmup(d, f, peak, start, steps, shape), t => Shapes.Warmup(t, peak, start, steps, shape), (long)steps);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), final = peak * Factor(random), steps = Length(random);
            int shape = random.Next(3);
            return ("Decay", (d, f) => FillKernels.ShapesDecay(d, f, peak, final, steps, shape), t => Shapes.Decay(t, peak, final, steps, shape), (long)steps);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), final = peak * Factor(random), steps = Length(random), lower = -random.NextDouble() * 10, upper = random.NextDouble() * 10;
            return ("Tanh", (d, f) => FillKernels.ShapesTanh(d, f, peak, final, steps, lower, upper), t => Shapes.Tanh(t, peak, final, steps, lower, upper), (long)steps);
        };
        yield return () =>
        {
            double start = random.NextDouble(), swa = random.NextDouble(), steps = Length(random);
            bool cosine = random.Next(2) == 0;
            return ("Swa", (d, f) => FillKernels.ShapesSwa(d, f, start, swa, steps, cosine), t => Shapes.Swa(t, start, swa, steps, cosine), (long)steps);
        };
        yield return () =>
        {
            double peak = random.NextDouble(), final = peak * Factor(random), steps = Length(random), exponent = new[] { 0.5, 1.0, 1.5 }[random.Next(3)], k = new[] { 0.5, 1.0, 2.0 }[random.Next(3)];
            return ("ShapedCosine", (d, f) => FillKernels.ShapesShapedCosine(d, f, peak, final, steps, exponent, k), t => Shapes.ShapedCosine(t, peak, final, steps, exponent, k), (long)steps);
        };
    }

    /// <summary>The schedules generated into this assembly, with their phase boundaries.</summary>
    private static IEnumerable<(string, Fill, Func<long, float>, long[])> Schedules()
    {
        yield return (nameof(WarmupCosine), WarmupCosine.Fill, WarmupCosine.AtSingle, [0, 10, 100]);
        yield return (nameof(ExactKinds), ExactKinds.Fill, ExactKinds.AtSingle, [0, 100, 500, 510, 620]);
        yield return (nameof(TranscendentalKinds), TranscendentalKinds.Fill, TranscendentalKinds.AtSingle, [0, 1000, 101_000, 111_000, 131_000]);
        yield return (nameof(EveryKindOneCycle), EveryKindOneCycle.Fill, EveryKindOneCycle.AtSingle, [0, 249, 250, 499, 500, 1000]);
        yield return (nameof(EveryKindUnbounded), EveryKindUnbounded.Fill, EveryKindUnbounded.AtSingle, [0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, long.MaxValue - 100]);
        yield return (nameof(EveryKindShapes), EveryKindShapes.Fill, EveryKindShapes.AtSingle, [0, 500, 1000, 2000, 3000, 3300, 3400, 3500, 4000, 4300, 4900, 1L << 53]);
    }
}
