using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Lowering;

/// <summary>
/// A schedule after the shared pass (<see cref="SchedulePass"/>): every phase placed and flattened into contiguous
/// pieces, as plain values. The generator emits code from it; the runtime library evaluates it. This is the internal
/// contract between the pass and its two hosts.
/// </summary>
/// <remarks>
/// <para>
/// <b>Pieces.</b> <see cref="Pieces"/> covers every step from 0 without gaps: piece <c>i + 1</c> starts where piece
/// <c>i</c> ends, and the last piece is open (<see cref="Piece.IsOpen"/>, <c>End == long.MaxValue</c>) unless
/// <see cref="ThrowsPastEnd"/>, in which case it ends at <see cref="TotalSteps"/>. The rate at step <c>s</c> in a piece
/// is <c>piece.Function.Evaluate(s - piece.Origin)</c>; <see cref="Evaluate(long)"/> walks the pieces that way and is
/// the reference that generated code and run-time evaluation must reproduce bit for bit. Neighbouring constant
/// pieces of equal value are merged.
/// </para>
/// <para>
/// <b>Momentum.</b> <see cref="MomentumPieces"/> is laid out like <see cref="Pieces"/> when a phase cycles momentum
/// (<c>[OneCycle]</c>, <c>[Cyclic]</c> with <c>CycleMomentum</c>), and empty otherwise; the other phases carry the
/// momentum in force at their start.
/// </para>
/// <para>
/// Every value at the first and last step of every piece is a rate in <see cref="NumericRange"/> (the pass reports
/// SDL0029 otherwise), and no piece function reads a step outside its piece.
/// </para>
/// </remarks>
/// <param name="Peak">The base (peak) learning rate, <c>[LearningRate(peak)]</c>.</param>
/// <param name="Pieces">The rate: contiguous pieces from step 0, the last open unless the schedule throws past its end.</param>
/// <param name="TotalSteps">The end of the last phase, or null when the schedule never ends (an unbounded or periodic last phase).</param>
/// <param name="ThrowsPastEnd">Whether steps at or past <see cref="TotalSteps"/> throw (<c>End = EndBehavior.Throw</c>).</param>
/// <param name="Phases">The declared phases in order (the sequence, then the multiplying phases), for documentation.</param>
/// <param name="MomentumPieces">The momentum co-schedule, laid out like <see cref="Pieces"/>; empty when no phase cycles momentum.</param>
internal sealed record LoweredSchedule(
    double Peak,
    EquatableArray<Piece> Pieces,
    long? TotalSteps,
    bool ThrowsPastEnd,
    EquatableArray<PhaseSummary> Phases,
    EquatableArray<Piece> MomentumPieces)
{
    /// <summary>Whether the schedule has a momentum co-schedule.</summary>
    public bool CyclesMomentum => MomentumPieces.Count > 0;

    /// <summary>The rate at <paramref name="step"/> by walking the pieces.</summary>
    /// <param name="step">The step, from 0.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The step is negative or past the end of a throwing schedule.</exception>
    public double Evaluate(long step) => Piece.Evaluate(Pieces, step);

    /// <summary>The momentum at <paramref name="step"/>, as <see cref="Evaluate(long)"/> does for the rate.</summary>
    /// <param name="step">The step, from 0.</param>
    /// <returns>The momentum.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The step is negative, past the end of a throwing schedule, or no phase cycles momentum.</exception>
    public double EvaluateMomentum(long step) => Piece.Evaluate(MomentumPieces, step);
}
