using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using ScheduleDsl.Kernels;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Runtime;
using ScheduleDsl.Text;

namespace ScheduleDsl;

/// <summary>
/// A schedule built at run time from its text (<c>[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]</c>),
/// from a <see cref="ScheduleBuilder"/> or from a factory, checked by the same descriptors as the analyzer and
/// evaluated through the same formulas and kernels as the code the generator writes: <see cref="At(long)"/>,
/// <see cref="AtSingle(long)"/> and <see cref="Fill(Span{float}, long)"/> return the compiled schedule's bits.
/// </summary>
/// <remarks>
/// <para>
/// Anything that takes an <see cref="IScheduleFunction"/> takes a <see cref="Schedule"/>: the optimizers (as their
/// learning rate, weight decay, momentum or β schedules), <c>ReduceOnPlateau</c>, weight averaging and
/// <see cref="ScheduleDescription"/>.
/// </para>
/// <para>
/// Lengths may come from the training run (<c>"2 epochs"</c>, <c>"5%"</c>, <c>"0.05 of run"</c>, <c>"rest"</c>; see
/// docs/text-form.md): such a schedule is built with a <see cref="TrainingRun"/>, which supplies the updates per epoch
/// and the total steps. A schedule is immutable and thread-safe; after construction no member allocates.
/// </para>
/// <para>
/// Every mistake is a <see cref="ScheduleFormatException"/> carrying the analyzer's SDL ID and message and the position
/// in the text: the same diagnostics as the attributes would get at compile time. Warnings and notes do not stop a
/// schedule from being built; they are in <see cref="Warnings"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // From a command line or a config file, lengths in epochs bound to the run:
/// Schedule schedule = Schedule.Parse(args[0], TrainingRun.FromEpochs(epochs, stepsPerEpoch: loader.Count));
/// double rate = schedule.At(step);
/// </code>
/// </example>
public sealed class Schedule : IScheduleFunction, IScheduleStructure
{
    private readonly Evaluation _rate;
    private readonly Evaluation? _momentum;
    private readonly long _fillEnd;
    private readonly string _name;

    private Schedule(ScheduleText text, ScheduleText resolved, LoweredSchedule lowered)
    {
        Text = text;
        ResolvedText = resolved;
        _name = resolved.ToString();
        PeakLearningRate = lowered.Peak;
        TotalSteps = lowered.TotalSteps;
        long? throwsAt = lowered.ThrowsPastEnd ? lowered.TotalSteps : null;
        _fillEnd = throwsAt ?? long.MaxValue;
        _rate = new Evaluation(lowered.Pieces, throwsAt, _name);
        _momentum = lowered.CyclesMomentum ? new Evaluation(lowered.MomentumPieces, throwsAt, _name) : null;
        Momentum = _momentum is null ? null : new MomentumView(this);
        Phases = lowered.Phases.Select(p => new SchedulePhase(p.IsMultiplier ? p.Kind + " (Multiply)" : p.Kind, p.Start, p.End, p.IsWarmup)).ToArray();
        Boundaries = lowered.Pieces.Select(p => p.Start).ToArray();
    }

    /// <summary>The text the schedule was built from, as written (lengths such as <c>"2 epochs"</c> unresolved).</summary>
    public ScheduleText Text { get; }

    /// <summary>The text with every length resolved to steps in the training run it was bound to (equal to <see cref="Text"/> when no length needed the run).</summary>
    public ScheduleText ResolvedText { get; }

    /// <inheritdoc/>
    public double PeakLearningRate { get; }

    /// <inheritdoc/>
    public long? TotalSteps { get; }

    /// <inheritdoc/>
    public bool HasMomentum => _momentum is not null;

    /// <summary>
    /// The momentum co-schedule as a schedule of its own (its <see cref="IScheduleFunction.At(long)"/> is
    /// <see cref="MomentumAt(long)"/>), for the optimizers' <c>MomentumSchedule</c> and <c>Beta1Schedule</c> options; null
    /// when no phase cycles momentum.
    /// </summary>
    public IScheduleFunction? Momentum { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SchedulePhase> Phases { get; }

    /// <inheritdoc/>
    public IReadOnlyList<long> Boundaries { get; }

    /// <summary>
    /// The warnings and notes the analyzer's checks found, in the order found: the same IDs and messages the analyzer
    /// reports for the same attributes (e.g. SDL0019, a warmup over half the schedule), with their positions in
    /// <see cref="Text"/>. Empty when there are none; errors are thrown as <see cref="ScheduleFormatException"/> instead.
    /// </summary>
    public IReadOnlyList<ScheduleProblem> Warnings { get; private init; } = [];

    /// <summary>Builds a schedule from its text; every length must be in steps.</summary>
    /// <param name="text">The attributes, e.g. <c>[LearningRate(0.1)] [Warmup(100)] [Cosine(900)]</c>.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ScheduleFormatException">The text or the schedule is not valid, or a length needs a training run (SDL0110).</exception>
    public static Schedule Parse(string text) => FromText(ScheduleText.Parse(text));

    /// <summary>Builds a schedule from its text, with lengths in epochs, fractions of the run or the rest of the run resolved in <paramref name="run"/>.</summary>
    /// <param name="text">The attributes, e.g. <c>[LearningRate(0.1)] [Warmup("5%")] [Cosine("rest")]</c>.</param>
    /// <param name="run">The training run: total steps, updates per epoch, and optionally the peak.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="run"/> is null.</exception>
    /// <exception cref="ScheduleFormatException">The text or the schedule is not valid, or does not fit the run (SDL0110–SDL0115).</exception>
    public static Schedule Parse(string text, TrainingRun run) => FromText(ScheduleText.Parse(text), run);

    /// <summary>Builds a schedule without throwing.</summary>
    /// <param name="text">The attributes.</param>
    /// <param name="run">The training run, or null when every length is in steps.</param>
    /// <param name="schedule">The schedule, or null.</param>
    /// <param name="error">Why the text is not a valid schedule, or null.</param>
    /// <returns>Whether the schedule was built.</returns>
    public static bool TryParse(string? text, TrainingRun? run, [NotNullWhen(true)] out Schedule? schedule, [NotNullWhen(false)] out ScheduleFormatException? error)
    {
        schedule = null;
        error = null;
        if (!ScheduleText.TryParse(text, out ScheduleText? parsed, out ScheduleFormatException? parseError))
        {
            error = parseError!;
            return false;
        }

        try
        {
            schedule = Build(parsed!, run);
            return true;
        }
        catch (ScheduleFormatException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>Builds a schedule from parsed text (from <see cref="ScheduleText.Parse(string)"/>, a configuration or a builder); every length must be in steps.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ScheduleFormatException">The schedule is not valid, or a length needs a training run.</exception>
    public static Schedule FromText(ScheduleText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Build(text, null);
    }

    /// <summary>Builds a schedule from parsed text bound to a training run.</summary>
    /// <param name="text">The text.</param>
    /// <param name="run">The training run.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="run"/> is null.</exception>
    /// <exception cref="ScheduleFormatException">The schedule is not valid or does not fit the run.</exception>
    public static Schedule FromText(ScheduleText text, TrainingRun run)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(run);
        return Build(text, run);
    }

    /// <inheritdoc/>
    public double At(long step)
    {
        if (step < 0)
        {
            ScheduleGuard.ThrowNegativeStep(step);
        }

        return _rate.At(step);
    }

    /// <inheritdoc/>
    public float AtSingle(long step) => (float)At(step);

    /// <inheritdoc/>
    public void Fill(Span<float> destination, long firstStep)
    {
        var cursor = new FillCursor(destination, firstStep, _fillEnd, _name);
        _rate.Fill(ref cursor, firstStep);
    }

    /// <inheritdoc/>
    public double MomentumAt(long step)
    {
        Evaluation momentum = _momentum ?? throw new InvalidOperationException($"Schedule '{_name}' does not co-schedule momentum.");
        if (step < 0)
        {
            ScheduleGuard.ThrowNegativeStep(step);
        }

        return momentum.At(step);
    }

    /// <summary>The canonical text of the schedule as it is evaluated (<see cref="ResolvedText"/>): <see cref="Parse(string)"/> reads it back to the same schedule.</summary>
    /// <returns>For example <c>[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]</c>.</returns>
    public override string ToString() => _name;

    private static Schedule Build(ScheduleText text, TrainingRun? run)
    {
        if (run?.Peak is not null && text.Attributes.FirstOrDefault(a => a.Signature.Kind is null) is { } rate)
        {
            // The text declares its peak ([LearningRate] has no rate-less form yet), so a peak from the run would be
            // ignored: SDL0115 instead. For a learning-rate sweep, build each schedule with ScheduleBuilder(peak).
            run.ResolvePeak(((Language.IArgumentReader)rate).Double("peak", double.NaN), rate.PositionOf(Language.ArgumentLocation.Attribute));
        }

        ScheduleText resolved = run is null ? text : text.ResolveLengths(run);
        LoweredText lowered = resolved.Lower();
        return new Schedule(text, resolved, lowered.Schedule) { Warnings = lowered.Warnings };
    }

    /// <summary>The momentum co-schedule seen as a schedule: <see cref="At(long)"/> is the momentum.</summary>
    private sealed class MomentumView(Schedule schedule) : IScheduleFunction
    {
        public double PeakLearningRate => schedule.PeakLearningRate;

        public long? TotalSteps => schedule.TotalSteps;

        public bool HasMomentum => false;

        public double At(long step) => schedule.MomentumAt(step);

        public float AtSingle(long step) => (float)schedule.MomentumAt(step);

        public void Fill(Span<float> destination, long firstStep)
        {
            var cursor = new FillCursor(destination, firstStep, schedule._fillEnd, schedule._name);
            Span<float> all = cursor.Rest(0, out long first);
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = (float)schedule.MomentumAt(first + i);
            }
        }

        public double MomentumAt(long step) => throw new InvalidOperationException($"The momentum of '{schedule._name}' has no momentum of its own.");

        public override string ToString() => "MomentumAt of " + schedule._name;
    }

    /// <summary>
    /// The pieces of a rate or momentum curve: the steps at which each ends, searched like the generated branch tree
    /// (the last leaf takes every step not before it), and one resolved <see cref="PieceRate"/> per piece. Immutable,
    /// so any thread may evaluate any step in any order.
    /// </summary>
    private sealed class Evaluation
    {
        /// <summary>
        /// Up to this many ends, the leaf is found by counting the ends at or before the step, without a branch on the
        /// step: with 256-bit vectors, one compare per four ends and a population count; else a compare-and-add per
        /// end. Past it, by binary search. Either way cheaper than a search whose branches mispredict on random steps.
        /// </summary>
        private const int CountedEnds = 8;

        /// <summary>The end of every leaf but the last, ascending.</summary>
        private readonly long[] _ends;

        /// <summary>
        /// When there are at most <see cref="CountedEnds"/> ends, the ends padded with <see cref="long.MaxValue"/> to a
        /// whole number of 256-bit vectors (and <see cref="_leaves"/> padded to match); else null.
        /// </summary>
        private readonly long[]? _vectorEnds;

        /// <summary>
        /// Each leaf's rate; after the pieces, the throwing leaf of a schedule that throws past its end; then as many
        /// copies of the last leaf as <see cref="_vectorEnds"/> has padding, which a count at step
        /// <see cref="long.MaxValue"/> reaches.
        /// </summary>
        private readonly PieceRate[] _leaves;

        /// <summary>The pieces that fill (every leaf but the throwing one).</summary>
        private readonly int _pieces;

        /// <summary>Whether the last piece is open-ended (filled by <see cref="FillCursor.Rest"/>).</summary>
        private readonly bool _open;

        public Evaluation(EquatableArray<Piece> pieces, long? throwsAt, string name)
        {
            var ends = new List<long>();
            var leaves = new List<PieceRate>();
            foreach (Piece piece in pieces)
            {
                ends.Add(piece.End);
                leaves.Add(PieceRate.Of(piece.Function, piece.Origin));
            }

            _pieces = leaves.Count;
            _open = throwsAt is null;
            if (throwsAt is { } total)
            {
                ends.Add(long.MaxValue);
                leaves.Add(PieceRate.PastEnd(total, name));
            }

            _ends = ends.Take(ends.Count - 1).ToArray();
            if (_ends.Length <= CountedEnds)
            {
                int padded = Math.Max(Vector256<long>.Count, (_ends.Length + Vector256<long>.Count - 1) / Vector256<long>.Count * Vector256<long>.Count);
                _vectorEnds = [.. _ends, .. Enumerable.Repeat(long.MaxValue, padded - _ends.Length)];
                leaves.AddRange(Enumerable.Repeat(leaves[^1], padded - _ends.Length));
            }

            _leaves = [.. leaves];
            System.Diagnostics.Debug.Assert(_leaves.Length == (_vectorEnds ?? _ends).Length + 1, "Leaf(step) indexes _leaves unchecked.");
        }

        /// <summary>The leaf holding <paramref name="step"/>: the first whose end is after it, else the last.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Leaf(long step)
        {
            // The ends ascend, so the leaf is the number of ends at or before the step.
            if (_vectorEnds is { } vectorEnds)
            {
                if (Vector256.IsHardwareAccelerated)
                {
                    ref long first = ref MemoryMarshal.GetArrayDataReference(vectorEnds);
                    Vector256<long> at = Vector256.Create(step);
                    uint before = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref first), at).ExtractMostSignificantBits();
                    if (vectorEnds.Length > Vector256<long>.Count)
                    {
                        before |= Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref first, (nuint)Vector256<long>.Count), at).ExtractMostSignificantBits() << Vector256<long>.Count;
                    }

                    return BitOperations.PopCount(before);
                }

                int count = 0;
                foreach (long end in _ends)
                {
                    count += step >= end ? 1 : 0;
                }

                return count;
            }

            long[] ends = _ends;
            int lo = 0;
            int hi = ends.Length;
            while (lo < hi)
            {
                int mid = (int)((uint)(lo + hi) >> 1);
                if (step < ends[mid])
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo;
        }

        /// <summary>The rate at <paramref name="step"/>, not negative.</summary>
        /// <remarks>
        /// <see cref="Leaf"/> is at most the number of ends (padded ones included), and <see cref="_leaves"/> has one
        /// more entry than that by construction, so the leaf is read without a bounds check.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(long step) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_leaves), Leaf(step)).At(step);

        /// <summary>Fills from the piece holding <paramref name="firstStep"/> on, with the generated code's cursor calls (the earlier pieces would take nothing).</summary>
        public void Fill(ref FillCursor cursor, long firstStep)
        {
            PieceRate[] leaves = _leaves;
            int last = _pieces - 1;
            for (int i = Math.Min(Leaf(firstStep), last); i < last; i++)
            {
                if (cursor.Take(_ends[i], leaves[i].Origin, out Span<float> segment, out long local))
                {
                    leaves[i].Fill(segment, local);
                }
            }

            if (_open)
            {
                Span<float> rest = cursor.Rest(leaves[last].Origin, out long local);
                leaves[last].Fill(rest, local);
            }
            else if (cursor.Take(_ends[last], leaves[last].Origin, out Span<float> segment, out long local))
            {
                leaves[last].Fill(segment, local);
            }
        }
    }
}
