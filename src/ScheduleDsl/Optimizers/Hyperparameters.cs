using System;
using System.Globalization;

namespace ScheduleDsl.Optimizers;

/// <summary>The numeric range of a hyperparameter; <see cref="Hyperparameter"/> is the one place that decides it.</summary>
internal enum ValueRange
{
    /// <summary>[0, float.MaxValue]: finite and not negative, and finite once rounded to float (the kernels use it as float).</summary>
    NonNegativeSingle,

    /// <summary>[0, double.MaxValue]: finite and not negative; used in double arithmetic only.</summary>
    NonNegative,

    /// <summary>[0, 1).</summary>
    UnitHalfOpen,

    /// <summary>[0, 1].</summary>
    Unit,
}

/// <summary>
/// Range checks for every hyperparameter and per-step scalar of the optimizers, weight averages and clipping.
/// </summary>
/// <remarks>
/// NaN of either sign and ±∞ are outside every range. −0.0 lies in every range that holds 0 and is normalised to
/// +0.0, so that it behaves, fingerprints and checkpoints exactly as 0 does.
/// </remarks>
internal static class Hyperparameter
{
    /// <summary>Returns <paramref name="value"/> (−0.0 as +0.0) or throws an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/>.</summary>
    public static double Check(double value, ValueRange range, string name)
    {
        if (!InRange(value, range))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {Describe(range)}; got {Format(value)}. Nothing was changed.");
        }

        return value + 0.0;
    }

    /// <summary>Checks the value a schedule returned for update <paramref name="step"/>.</summary>
    public static double CheckScheduled(double value, ValueRange range, string name, long step)
    {
        if (!InRange(value, range))
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"The {name} schedule returned {Format(value)} at update {step}; {name} must be {Describe(range)}. Nothing was changed.");
        }

        return value + 0.0;
    }

    /// <summary>Whether <paramref name="value"/> lies in <paramref name="range"/>.</summary>
    public static bool InRange(double value, ValueRange range) => range switch
    {
        ValueRange.NonNegativeSingle => value >= 0 && value <= float.MaxValue,
        ValueRange.NonNegative => value >= 0 && value <= double.MaxValue,
        ValueRange.UnitHalfOpen => value >= 0 && value < 1,
        _ => value >= 0 && value <= 1,
    };

    /// <summary>The range in words, as the error messages and docs/optimizers.md state it.</summary>
    public static string Describe(ValueRange range) => range switch
    {
        ValueRange.NonNegativeSingle => "finite, at least 0 and at most float.MaxValue (3.4028235E+38)",
        ValueRange.NonNegative => "finite and at least 0",
        ValueRange.UnitHalfOpen => "in [0, 1)",
        _ => "in [0, 1]",
    };

    /// <summary>A value as the messages print it: round-trip digits, and the sign of a NaN.</summary>
    public static string Format(double value)
        => double.IsNaN(value)
            ? (BitConverter.DoubleToInt64Bits(value) < 0 ? "-NaN" : "NaN")
            : value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A hyperparameter that is a constant or follows a schedule, checked against its range at every use.</summary>
internal readonly struct ScheduledValue
{
    public ScheduledValue(string name, ValueRange range, double constant, IScheduleFunction? schedule)
    {
        Name = name;
        Range = range;
        Constant = schedule is null ? Hyperparameter.Check(constant, range, name) : 0;
        Schedule = schedule;
    }

    public string Name { get; }

    public ValueRange Range { get; }

    /// <summary>The value when not scheduled (−0.0 normalised).</summary>
    public double Constant { get; }

    public IScheduleFunction? Schedule { get; }

    /// <summary>Whether the value is 0 at every step (a constant 0).</summary>
    public bool IsAlwaysZero => Schedule is null && Constant == 0;

    /// <summary>The value for update <paramref name="step"/>; throws if a schedule leaves the range.</summary>
    public double At(long step)
        => Schedule is null ? Constant : Hyperparameter.CheckScheduled(Schedule.At(step), Range, Name, step);

    /// <summary>How the value is recorded in a checkpoint.</summary>
    public Setting Setting => Schedule is null ? Setting.Number(Name, Constant) : Setting.ScheduleOf(Name, Schedule);
}

/// <summary>
/// A schedule given by a function of the step, with a name for its identity: the momentum (or β₁) co-schedule of a
/// compiled schedule as a hyperparameter schedule, and the tests' run-time schedules.
/// </summary>
internal sealed class DelegateSchedule(string name, Func<long, double> value) : IScheduleFunction
{
    public double PeakLearningRate => value(0);

    public long? TotalSteps => null;

    public bool HasMomentum => false;

    public double At(long step) => value(step);

    public float AtSingle(long step) => (float)value(step);

    public void Fill(Span<float> destination, long firstStep)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)value(firstStep + i);
        }
    }

    public double MomentumAt(long step) => throw new InvalidOperationException($"{name} has no momentum co-schedule.");

    public override string ToString() => name;
}
