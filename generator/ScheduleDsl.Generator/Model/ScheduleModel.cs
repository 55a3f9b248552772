using System;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Generator.Model;

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
/// <param name="BoundSource">
/// For a schedule bound to a training run (lengths or peak from the run), its generated source, written by the parser
/// (Parsing/ScheduleParser.Bound.cs); the other values are then those of a nominal run. Null for a constant schedule.
/// </param>
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
    bool HasUserDocumentation = false,
    string? BoundSource = null)
{
    /// <summary>
    /// The rate at <paramref name="step"/> by walking the pieces: the reference semantics that the generated
    /// branch tree must reproduce, used for documentation landmarks and as the tests' oracle.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative or past the end of a throwing schedule.</exception>
    public double Evaluate(long step) => Piece.Evaluate(Pieces, step);

    /// <summary>The momentum at <paramref name="step"/>, as <see cref="Evaluate(long)"/> does for the rate.</summary>
    public double EvaluateMomentum(long step) => Piece.Evaluate(MomentumPieces, step);
}
