using System;

namespace ScheduleDsl.Language.Model;

/// <summary>A stretch of steps [<see cref="Start"/>, <see cref="End"/>) over which one <see cref="RateFunction"/> applies to step − <see cref="Origin"/>.</summary>
/// <param name="Start">The first step of the piece.</param>
/// <param name="End">The first step after the piece, or <see cref="long.MaxValue"/> when the piece is open-ended.</param>
/// <param name="Origin">The step the function counts from: its phase's start (a phase may span several pieces).</param>
/// <param name="Function">The rate as a function of the phase-local step.</param>
internal sealed record Piece(long Start, long End, long Origin, RateFunction Function)
{
    public bool IsOpen => End == long.MaxValue;

    /// <summary>
    /// The value at <paramref name="step"/> by walking contiguous pieces: the reference semantics that generated code
    /// and run-time evaluation must reproduce.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative or past the end of the last piece.</exception>
    public static double Evaluate(EquatableArray<Piece> pieces, long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step));
        }

        foreach (Piece piece in pieces)
        {
            if (step >= piece.Start && (step < piece.End || piece.IsOpen))
            {
                return piece.Function.Evaluate(step - piece.Origin);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(step));
    }
}

/// <summary>One declared phase, for documentation: its kind and where it lies.</summary>
/// <param name="Kind">The attribute name without the suffix, e.g. "Cosine".</param>
/// <param name="Start">Its first step.</param>
/// <param name="End">The step at which the next phase takes over or it ends; <see cref="long.MaxValue"/> when unbounded.</param>
/// <param name="IsWarmup">Whether the phase is a warmup (its end is a landmark of the hover text).</param>
/// <param name="IsMultiplier">Whether the phase multiplies the others (<c>Multiply = true</c>).</param>
internal sealed record PhaseSummary(string Kind, long Start, long End, bool IsWarmup = false, bool IsMultiplier = false);
