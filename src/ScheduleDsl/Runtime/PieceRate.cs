using System;
using System.Runtime.CompilerServices;

using ScheduleDsl.Kernels;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Runtime;

/// <summary>
/// One piece's rate at run time, resolved once from its <see cref="RateFunction"/>: a constant is its value, read
/// without a call; a formula is the evaluator and <c>FillKernels</c> kernel that <see cref="Formula"/>'s table gives
/// for it, over the function's constant arguments (<see cref="RateFunction.Values"/>), which is the call the generated
/// code makes, so a run-time schedule gives the compiled schedule's bits. Nothing here knows a formula by name: a new
/// formula is one entry in <see cref="Formula"/>.
/// </summary>
internal readonly struct PieceRate
{
    /// <summary>The step the function counts from.</summary>
    private readonly long _origin;

    /// <summary>The rate of a constant piece (<see cref="_evaluate"/> null).</summary>
    private readonly double _constant;

    /// <summary>The formula's evaluator, or a product's or a throwing leaf's; null for a constant.</summary>
    private readonly Formula.Evaluator? _evaluate;

    /// <summary>The kernel that fills a span with <see cref="_evaluate"/>; null for a constant.</summary>
    private readonly Formula.FillKernel? _fill;

    /// <summary>The constant arguments <see cref="_evaluate"/> and <see cref="_fill"/> take.</summary>
    private readonly double[] _arguments;

    private PieceRate(long origin, double constant, Formula.Evaluator? evaluate, Formula.FillKernel? fill, double[] arguments)
    {
        _origin = origin;
        _constant = constant;
        _evaluate = evaluate;
        _fill = fill;
        _arguments = arguments;
    }

    /// <summary>The step the function counts from (the generated cursor's start of the piece).</summary>
    public long Origin => _origin;

    /// <summary>The evaluator of <paramref name="function"/> applied to step − <paramref name="origin"/>.</summary>
    /// <exception cref="NotSupportedException">A rate function that is neither a constant, a formula nor a product.</exception>
    public static PieceRate Of(RateFunction function, long origin) => function switch
    {
        RateFunction.Constant c => new PieceRate(origin, c.Value, null, null, []),
        RateFunction.Product p => Product(p, origin),
        { Calls: { } formula } => new PieceRate(origin, double.NaN, formula.Evaluate, formula.Fill, function.Values()),
        _ => throw new NotSupportedException($"The run-time schedule has no evaluator for {function.GetType().Name}."),
    };

    /// <summary>The leaf past the end of a schedule declared with <c>End = EndBehavior.Throw</c>: it throws as the generated one does.</summary>
    public static PieceRate PastEnd(long totalSteps, string name)
        => new(totalSteps, double.NaN, (local, _) => ScheduleGuard.RatePastEnd(local + totalSteps, totalSteps, name), static (_, _, _) => throw new InvalidOperationException("FillCursor rejects a range past the end before any piece is filled."), []);

    /// <summary>The rate at <paramref name="step"/>, as the generated <c>At</c> computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double At(long step) => _evaluate is null ? _constant : _evaluate(step - _origin, _arguments);

    /// <summary>Fills <paramref name="segment"/> from the piece-local step <paramref name="local"/>, as the generated <c>Fill</c> does.</summary>
    public void Fill(Span<float> segment, long local)
    {
        if (_fill is null)
        {
            segment.Fill((float)_constant);
        }
        else
        {
            _fill(segment, local, _arguments);
        }
    }

    /// <summary>
    /// A multiplying phase times the rest of the schedule, as the generated expression: a constant factor folded to
    /// its value divided by the peak (the right one first, as the generator matches), else left·right/peak; filled
    /// element by element, as the generated loop does.
    /// </summary>
    private static PieceRate Product(RateFunction.Product p, long origin)
    {
        PieceRate left = Of(p.Left, p.LeftOrigin);
        PieceRate right = Of(p.Right, p.RightOrigin);
        double peak = p.Peak;
        Formula.Evaluator evaluate = (p.Left, p.Right) switch
        {
            (_, RateFunction.Constant r) => Folded(left, r.Value / peak),
            (RateFunction.Constant l, _) => FoldedLeft(l.Value / peak, right),
            _ => (local, _) => left.At(local) * right.At(local) / peak,
        };

        return new PieceRate(origin, double.NaN, evaluate, (segment, local, _) =>
        {
            for (int i = 0; i < segment.Length; i++)
            {
                segment[i] = (float)evaluate(local + i, []);
            }
        }, []);

        static Formula.Evaluator Folded(PieceRate left, double folded) => (local, _) => left.At(local) * folded;

        static Formula.Evaluator FoldedLeft(double folded, PieceRate right) => (local, _) => folded * right.At(local);
    }
}
