using System;
using System.Buffers.Binary;
using System.IO;

using ScheduleDsl.Optimizers;

namespace ScheduleDsl;

/// <summary>
/// The progress of a reduce-on-plateau rule: everything that changes when a metric is reported. Obtain it from
/// <see cref="ReduceOnPlateau.State"/> (or <see cref="ReduceOnPlateauAfterWarmup.State"/>, which <see cref="ReduceOnPlateau{TWarmup}"/> inherits), save it with
/// <see cref="WriteTo(Span{byte})"/>, read it back with <see cref="ReadFrom(ReadOnlySpan{byte})"/> and hand it to
/// <c>Restore</c>; the continuation is then identical to an uninterrupted run.
/// </summary>
/// <remarks>
/// <para>Serialized format, version 1 (<see cref="SerializedSize"/> = 68 bytes, every field little-endian):</para>
/// <list type="table">
/// <item><term>0</term><description>8 bytes: magic, ASCII <c>SDLPLATE</c></description></item>
/// <item><term>8</term><description>int32: format version = 1</description></item>
/// <item><term>12</term><description>uint32: reserved, 0</description></item>
/// <item><term>16</term><description>double: <see cref="Best"/></description></item>
/// <item><term>24</term><description>double: <see cref="LearningRate"/></description></item>
/// <item><term>32</term><description>int64: <see cref="BadReportCount"/></description></item>
/// <item><term>40</term><description>int64: <see cref="CooldownRemaining"/></description></item>
/// <item><term>48</term><description>int64: <see cref="ReductionCount"/></description></item>
/// <item><term>56</term><description>int64: <see cref="StepCount"/></description></item>
/// <item><term>64</term><description>uint32: CRC-32C (Castagnoli) of bytes 0–63</description></item>
/// </list>
/// </remarks>
public struct PlateauState : IEquatable<PlateauState>
{
    /// <summary>The number of bytes <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public const int SerializedSize = 68;

    /// <summary>The format version written and accepted.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SDLPLATE"u8;

    /// <summary>Creates the state of a rule that has seen no report yet.</summary>
    /// <param name="mode">The rule's mode, which fixes the starting <see cref="Best"/> (±∞).</param>
    /// <param name="learningRate">The rate before any reduction.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite, or <paramref name="mode"/> is undefined.</exception>
    public PlateauState(PlateauMode mode, double learningRate)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Mode must be PlateauMode.Min or PlateauMode.Max.");
        }

        if (!(learningRate >= 0 && double.IsFinite(learningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a finite number, 0 or more.");
        }

        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        LearningRate = learningRate;
    }

    /// <summary>The best metric so far (only significant improvements replace it); ±∞ before the first report.</summary>
    public double Best { readonly get; internal set; }

    /// <summary>The plateau-driven learning rate: the base rate times the reductions applied so far.</summary>
    public double LearningRate { readonly get; internal set; }

    /// <summary>Consecutive reports without improvement, outside cooldown (PyTorch's <c>num_bad_epochs</c>).</summary>
    public long BadReportCount { readonly get; internal set; }

    /// <summary>Reports left in the cooldown that follows a reduction (PyTorch's <c>cooldown_counter</c>).</summary>
    public long CooldownRemaining { readonly get; internal set; }

    /// <summary>The number of reductions applied (a reduction skipped by the ε rule is not counted).</summary>
    public long ReductionCount { readonly get; internal set; }

    /// <summary>The number of updates counted so far: reports (and, with a warmup, <c>Advance</c> calls).</summary>
    public long StepCount { readonly get; internal set; }

    /// <summary>Writes the state in format version 1 to the first <see cref="SerializedSize"/> bytes of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns><see cref="SerializedSize"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short; nothing was written.</exception>
    public readonly int WriteTo(Span<byte> destination)
    {
        if (destination.Length < SerializedSize)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; a plateau state needs {SerializedSize}.", nameof(destination));
        }

        Span<byte> d = destination[..SerializedSize];
        Magic.CopyTo(d);
        BinaryPrimitives.WriteInt32LittleEndian(d[8..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(d[12..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(d[16..], Best);
        BinaryPrimitives.WriteDoubleLittleEndian(d[24..], LearningRate);
        BinaryPrimitives.WriteInt64LittleEndian(d[32..], BadReportCount);
        BinaryPrimitives.WriteInt64LittleEndian(d[40..], CooldownRemaining);
        BinaryPrimitives.WriteInt64LittleEndian(d[48..], ReductionCount);
        BinaryPrimitives.WriteInt64LittleEndian(d[56..], StepCount);
        BinaryPrimitives.WriteUInt32LittleEndian(d[64..], Crc32C.Finish(Crc32C.Append(Crc32C.Initial, d[..64])));
        return SerializedSize;
    }

    /// <summary>Writes the state in format version 1 (<see cref="SerializedSize"/> bytes) to <paramref name="destination"/>.</summary>
    /// <param name="destination">A writable stream.</param>
    public readonly void WriteTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> buffer = stackalloc byte[SerializedSize];
        WriteTo(buffer);
        destination.Write(buffer);
    }

    /// <summary>Reads a state written by <see cref="WriteTo(Span{byte})"/>; <paramref name="source"/> must be exactly that state.</summary>
    /// <param name="source">The serialized state: exactly <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InvalidDataException">
    /// The data is truncated or followed by trailing bytes, has another magic or version, a non-zero reserved field, a wrong checksum, or values
    /// no rule can reach (a NaN best, a negative or non-finite rate, a negative counter).
    /// </exception>
    public static PlateauState ReadFrom(ReadOnlySpan<byte> source)
    {
        if (source.Length < SerializedSize)
        {
            throw new InvalidDataException($"A plateau state is {SerializedSize} bytes; only {source.Length} were given.");
        }

        if (source.Length > SerializedSize)
        {
            throw new InvalidDataException(
                $"A plateau state is {SerializedSize} bytes; {source.Length} were given. Trailing bytes are rejected: data that is not exactly what was written is not that state.");
        }

        ReadOnlySpan<byte> s = source;
        if (!s[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a plateau state: the magic 'SDLPLATE' is missing.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported plateau state version {version}; this library reads version {FormatVersion}.");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(s[64..]);
        uint computed = Crc32C.Finish(Crc32C.Append(Crc32C.Initial, s[..64]));
        if (stored != computed)
        {
            throw new InvalidDataException($"The plateau state is corrupt: checksum 0x{stored:X8} stored, 0x{computed:X8} computed.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(s[12..]) != 0)
        {
            throw new InvalidDataException("The plateau state's reserved field is not 0.");
        }

        var state = new PlateauState
        {
            Best = BinaryPrimitives.ReadDoubleLittleEndian(s[16..]),
            LearningRate = BinaryPrimitives.ReadDoubleLittleEndian(s[24..]),
            BadReportCount = BinaryPrimitives.ReadInt64LittleEndian(s[32..]),
            CooldownRemaining = BinaryPrimitives.ReadInt64LittleEndian(s[40..]),
            ReductionCount = BinaryPrimitives.ReadInt64LittleEndian(s[48..]),
            StepCount = BinaryPrimitives.ReadInt64LittleEndian(s[56..]),
        };
        string? problem = state.Problem();
        if (problem is not null)
        {
            throw new InvalidDataException("The plateau state is invalid: " + problem);
        }

        return state;
    }

    /// <summary>
    /// Reads <see cref="SerializedSize"/> bytes from <paramref name="source"/>, requires the stream to end there, and decodes
    /// them as <see cref="ReadFrom(ReadOnlySpan{byte})"/> does.
    /// </summary>
    /// <param name="source">A readable stream positioned at the state, which must end where the state ends.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InvalidDataException">
    /// The stream ends early or has bytes after the state, or the data is rejected as by <see cref="ReadFrom(ReadOnlySpan{byte})"/>.
    /// </exception>
    public static PlateauState ReadFrom(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> buffer = stackalloc byte[SerializedSize];
        int read = source.ReadAtLeast(buffer, SerializedSize, throwOnEndOfStream: false);
        if (read < SerializedSize)
        {
            throw new InvalidDataException($"A plateau state is {SerializedSize} bytes; the stream ended after {read}.");
        }

        if (source.ReadByte() != -1)
        {
            throw new InvalidDataException(
                $"The stream continues after the {SerializedSize} bytes of the plateau state. Trailing bytes are rejected: data that is not exactly what was written is not that state.");
        }

        return ReadFrom(buffer);
    }

    /// <summary>Why this state is impossible on its own, or <see langword="null"/>.</summary>
    internal readonly string? Problem()
    {
        if (double.IsNaN(Best))
        {
            return "the best metric is NaN.";
        }

        if (!(LearningRate >= 0 && double.IsFinite(LearningRate)))
        {
            return $"the learning rate {LearningRate} is negative or not finite.";
        }

        if (BadReportCount < 0 || CooldownRemaining < 0 || ReductionCount < 0 || StepCount < 0)
        {
            return "a counter is negative.";
        }

        return null;
    }

    /// <summary>Why this state cannot belong to a rule with <paramref name="options"/>, or <see langword="null"/>.</summary>
    internal readonly string? ProblemWith(PlateauOptions options)
    {
        string? problem = Problem();
        if (problem is not null)
        {
            return problem;
        }

        if (Best == -options.InitialBest)
        {
            return $"the best metric {Best} is impossible in mode {options.Mode}.";
        }

        if (BadReportCount > options.Patience)
        {
            return $"{BadReportCount} bad reports exceed the patience {options.Patience} (a reduction would have reset them).";
        }

        if (CooldownRemaining > options.Cooldown)
        {
            return $"{CooldownRemaining} cooldown reports exceed the cooldown {options.Cooldown}.";
        }

        return null;
    }

    /// <inheritdoc/>
    public readonly bool Equals(PlateauState other)
        => Best.Equals(other.Best) && LearningRate.Equals(other.LearningRate) && BadReportCount == other.BadReportCount
           && CooldownRemaining == other.CooldownRemaining && ReductionCount == other.ReductionCount && StepCount == other.StepCount;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is PlateauState other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
        => HashCode.Combine(Best, LearningRate, BadReportCount, CooldownRemaining, ReductionCount, StepCount);

    /// <summary>Whether two states are equal field by field.</summary>
    /// <param name="left">The first state.</param>
    /// <param name="right">The second state.</param>
    public static bool operator ==(PlateauState left, PlateauState right) => left.Equals(right);

    /// <summary>Whether two states differ in any field.</summary>
    /// <param name="left">The first state.</param>
    /// <param name="right">The second state.</param>
    public static bool operator !=(PlateauState left, PlateauState right) => !left.Equals(right);

    /// <inheritdoc/>
    public override readonly string ToString()
        => $"PlateauState {{ LearningRate = {LearningRate}, Best = {Best}, BadReportCount = {BadReportCount}, CooldownRemaining = {CooldownRemaining}, ReductionCount = {ReductionCount}, StepCount = {StepCount} }}";
}

/// <summary>PyTorch's <c>ReduceLROnPlateau.step(metrics)</c> on a <see cref="PlateauState"/>.</summary>
internal static class PlateauRule
{
    /// <summary>Throws unless <paramref name="metric"/> is finite.</summary>
    internal static void CheckMetric(double metric)
    {
        if (!double.IsFinite(metric))
        {
            throw new ArgumentException(
                $"The metric is {metric}. Report finite metrics only (PyTorch would count NaN as a bad report and let -inf/+inf become the best for good); nothing was changed.",
                nameof(metric));
        }
    }

    /// <summary>Applies one report; returns whether the rate was reduced. Does not count the step.</summary>
    internal static bool Apply(ref PlateauState state, PlateauOptions options, double metric)
    {
        double best = state.Best;
        double threshold = options.Threshold;
        bool better = options.Mode == PlateauMode.Min
            ? options.ThresholdMode == PlateauThresholdMode.Relative ? metric < best * (1.0 - threshold) : metric < best - threshold
            : options.ThresholdMode == PlateauThresholdMode.Relative ? metric > best * (threshold + 1.0) : metric > best + threshold;
        if (better)
        {
            state.Best = metric;
            state.BadReportCount = 0;
        }
        else
        {
            state.BadReportCount++;
        }

        if (state.CooldownRemaining > 0)
        {
            state.CooldownRemaining--;
            state.BadReportCount = 0;
        }

        if (state.BadReportCount <= options.Patience)
        {
            return false;
        }

        double old = state.LearningRate;
        double reduced = Math.Max(old * options.Factor, options.MinLearningRate);
        bool applied = old - reduced > options.Epsilon;
        if (applied)
        {
            state.LearningRate = reduced;
            state.ReductionCount++;
        }

        state.CooldownRemaining = options.Cooldown;
        state.BadReportCount = 0;
        return applied;
    }
}
