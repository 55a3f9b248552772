using System;
using System.Collections.Generic;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Kinds;

/// <summary>One declared phase after validation: where it lies and what it computes.</summary>
internal sealed class Phase
{
    public Phase(IArgumentReader reader, PhaseKind? descriptor)
    {
        Reader = reader;
        Descriptor = descriptor;
    }

    public IArgumentReader Reader { get; }

    /// <summary>The kind's descriptor; null for an attribute this generator does not know (reported as SDL0015).</summary>
    public PhaseKind? Descriptor { get; }

    public string Kind => Reader.Name;

    /// <summary>The nominal length, or null when the phase never ends on its own.</summary>
    public long? Length { get; set; }

    public long? ExplicitStart { get; set; }

    public int End { get; set; }

    public bool CanBePeriodic { get; set; }

    /// <summary>Local pieces within [0, Length): (from, to, function), to = long.MaxValue for open.</summary>
    public List<(long From, long To, RateFunction Function)> Body { get; } = new();

    /// <summary>The value held past <see cref="Length"/>: the formula at local step Length.</summary>
    public double Hold { get; set; }

    public long Start { get; set; }

    /// <summary>The momentum curve over the phase's local steps, for phases that cycle momentum.</summary>
    public List<(long From, long To, RateFunction Function)>? Momentum { get; set; }

    /// <summary>Multiplies the rest of the schedule instead of following it (PyTorch ChainedScheduler).</summary>
    public bool Multiply { get; set; }

    /// <summary>For [SwaAnneal]: the SWA rate and the anneal shape; the body is built once the start rate is known.</summary>
    public (double Rate, bool Cosine)? Swa { get; set; }

    /// <summary>The momentum at local step 0.</summary>
    public double MomentumFirst { get; set; }

    /// <summary>The momentum held past the phase's end.</summary>
    public double MomentumHold { get; set; }

    /// <summary>
    /// For a phase whose rate (or momentum) can grow: the argument that makes it grow, what grows, a bound of it over
    /// the local steps that, once out of <see cref="NumericRange"/>, stays out, and what to do about it; checked once
    /// the phase is placed.
    /// </summary>
    public List<(string Argument, double Value, string What, Func<long, double> Envelope, string Remedy)> Growth { get; } = new();

    /// <summary>The phase's own value at its local step, holding its final value past its length.</summary>
    public double ValueAt(long local)
    {
        if (Length is { } length && local >= length)
        {
            return Hold;
        }

        foreach ((long from, long to, RateFunction function) in Body)
        {
            if (local >= from && local < to)
            {
                return function.Evaluate(local);
            }
        }

        return Hold;
    }
}
