using System;

namespace ScheduleDsl.Generator.Model;

/// <summary>A stretch of steps [<see cref="Start"/>, <see cref="End"/>) over which one <see cref="RateFunction"/> applies to step − <see cref="Origin"/>.</summary>
/// <param name="Start">The first step of the piece.</param>
/// <param name="End">The first step after the piece, or <see cref="long.MaxValue"/> when the piece is open-ended.</param>
/// <param name="Origin">The step the function counts from: its phase's start (a phase may span several pieces).</param>
/// <param name="Function">The rate as a function of the phase-local step.</param>
internal sealed record Piece(long Start, long End, long Origin, RateFunction Function)
{
    public bool IsOpen => End == long.MaxValue;
}

/// <summary>One declared phase, for documentation: its kind and where it lies.</summary>
/// <param name="Kind">The attribute name without the suffix, e.g. "Cosine".</param>
/// <param name="Start">Its first step.</param>
/// <param name="End">The step at which the next phase takes over or it ends; <see cref="long.MaxValue"/> when unbounded.</param>
/// <param name="IsWarmup">Whether the phase is a warmup (its end is a landmark of the hover text).</param>
/// <param name="IsMultiplier">Whether the phase multiplies the others (<c>Multiply = true</c>).</param>
internal sealed record PhaseSummary(string Kind, long Start, long End, bool IsWarmup = false, bool IsMultiplier = false);

/// <summary>A type declaration in the chain from the namespace to the schedule type.</summary>
/// <param name="Keyword">"class", "struct", "record" or "record struct".</param>
/// <param name="Name">The type name.</param>
internal sealed record TypeDeclaration(string Keyword, string Name);

/// <summary>
/// An invalid schedule whose type can still take the generated members: they are emitted as stubs that throw
/// <see cref="Message"/>, so code using the schedule compiles and the SDL error is the only one the user sees.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="Type">The schedule type itself.</param>
/// <param name="FullyQualifiedMetadataName">Used for the hint name.</param>
/// <param name="Message">What is wrong: the first error's ID and message.</param>
/// <param name="CyclesMomentum">Whether a phase cycles momentum, so the stub implements <c>IMomentumSchedule</c> too.</param>
/// <param name="HasUserDocumentation">Whether the user documents the type: the note then goes into remarks.</param>
internal sealed record InvalidSchedule(
    string? Namespace,
    EquatableArray<TypeDeclaration> ContainingTypes,
    TypeDeclaration Type,
    string FullyQualifiedMetadataName,
    string Message,
    bool CyclesMomentum,
    bool HasUserDocumentation);

/// <summary>
/// Everything the emitter needs to write one schedule, as plain values: no symbols or syntax survive parsing,
/// so equal declarations give equal models and the incremental pipeline caches.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="Type">The schedule type itself.</param>
/// <param name="FullyQualifiedMetadataName">Used for the hint name.</param>
/// <param name="Peak">The base (peak) learning rate.</param>
/// <param name="Pieces">The flattened schedule: contiguous pieces from step 0, the last one open-ended unless the schedule throws past its end.</param>
/// <param name="TotalSteps">The end of the last phase, or null when the last phase is unbounded or periodic.</param>
/// <param name="ThrowsPastEnd">Whether steps at or past <see cref="TotalSteps"/> throw.</param>
/// <param name="Phases">The declared phases, for the generated documentation.</param>
/// <param name="MomentumPieces">The momentum co-schedule, laid out like <see cref="Pieces"/>; empty when no phase cycles momentum.</param>
/// <param name="HasUserDocumentation">Whether the user documents the type: the preview then goes into remarks, beside the user's summary.</param>
internal sealed record ScheduleModel(
    string? Namespace,
    EquatableArray<TypeDeclaration> ContainingTypes,
    TypeDeclaration Type,
    string FullyQualifiedMetadataName,
    double Peak,
    EquatableArray<Piece> Pieces,
    long? TotalSteps,
    bool ThrowsPastEnd,
    EquatableArray<PhaseSummary> Phases,
    EquatableArray<Piece> MomentumPieces,
    bool HasUserDocumentation = false)
{
    /// <summary>
    /// The rate at <paramref name="step"/> by walking the pieces: the reference semantics that the generated
    /// branch tree must reproduce, used for documentation landmarks and as the tests' oracle.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative or past the end of a throwing schedule.</exception>
    public double Evaluate(long step) => Evaluate(Pieces, step);

    /// <summary>The momentum at <paramref name="step"/>, as <see cref="Evaluate(long)"/> does for the rate.</summary>
    public double EvaluateMomentum(long step) => Evaluate(MomentumPieces, step);

    private static double Evaluate(EquatableArray<Piece> pieces, long step)
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
