using System;
using System.Globalization;
using System.Linq;
using System.Text;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Language.Model;

namespace ScheduleDsl.Language.Binding;

/// <summary>
/// Numbers the values of a lowered schedule in one fixed order (the peak, the total steps, then each piece's start,
/// end, origin and function parameters, then the momentum pieces), one slot per value. The generator compiles a
/// bound schedule (lengths or peak from the training run) with a field for each slot whose value depends on the
/// run; the runtime library lowers the resolved schedule with the same pass and reads the slots back the same way.
/// </summary>
internal sealed class SlotWalk
{
    private readonly Func<int, double, double> _double;
    private readonly Func<int, long, long> _long;

    public SlotWalk(Func<int, double, double> @double, Func<int, long, long> @long)
    {
        _double = @double;
        _long = @long;
    }

    /// <summary>The number of slots visited so far.</summary>
    public int Count { get; private set; }

    public double Double(double value) => _double(Count++, value);

    public long Long(long value) => _long(Count++, value);
}

/// <summary>The walk over a whole <see cref="LoweredSchedule"/> and its shape.</summary>
internal static class BoundSlots
{
    /// <summary>A copy of <paramref name="schedule"/> with every value replaced as the walk says (the phase summaries are kept).</summary>
    /// <param name="schedule">The lowered schedule.</param>
    /// <param name="slots">The walk.</param>
    /// <returns>The mapped schedule.</returns>
    public static LoweredSchedule Map(LoweredSchedule schedule, SlotWalk slots)
    {
        double peak = slots.Double(schedule.Peak);
        long? total = schedule.TotalSteps is { } t ? slots.Long(t) : null;
        EquatableArray<Piece> pieces = Map(schedule.Pieces, slots);
        EquatableArray<Piece> momentum = Map(schedule.MomentumPieces, slots);
        return schedule with { Peak = peak, TotalSteps = total, Pieces = pieces, MomentumPieces = momentum };
    }

    /// <summary>
    /// The slot of each piece's start, for the pieces then the momentum pieces; its end and origin are the next two
    /// slots, then its function's values.
    /// </summary>
    /// <param name="schedule">The lowered schedule.</param>
    /// <returns>One slot per piece.</returns>
    public static int[] PieceSlots(LoweredSchedule schedule)
    {
        var starts = new System.Collections.Generic.List<int>();
        int slot = schedule.TotalSteps is null ? 1 : 2;
        foreach (Piece piece in schedule.Pieces.Concat(schedule.MomentumPieces))
        {
            starts.Add(slot);
            var walk = new SlotWalk((_, v) => v, (_, v) => v);
            piece.Function.MapNumbers(walk);
            slot += 3 + walk.Count;
        }

        return starts.ToArray();
    }

    /// <summary>Every value of <paramref name="schedule"/> in slot order, longs as their exact double when at most 2^53.</summary>
    /// <param name="schedule">The lowered schedule.</param>
    /// <param name="doubles">The double values by slot (0 for a long slot).</param>
    /// <param name="longs">The long values by slot (0 for a double slot).</param>
    /// <param name="isLong">Whether slot <c>i</c> holds a long.</param>
    public static void Values(LoweredSchedule schedule, out double[] doubles, out long[] longs, out bool[] isLong)
    {
        var d = new System.Collections.Generic.List<double>();
        var l = new System.Collections.Generic.List<long>();
        var kinds = new System.Collections.Generic.List<bool>();
        Map(schedule, new SlotWalk(
            (i, v) => { Put(d, i, v); Put(l, i, 0L); Put(kinds, i, false); return v; },
            (i, v) => { Put(d, i, 0.0); Put(l, i, v); Put(kinds, i, true); return v; }));
        doubles = d.ToArray();
        longs = l.ToArray();
        isLong = kinds.ToArray();
    }

    /// <summary>
    /// The structure of the schedule, with each value that is not a slot of the bound schedule: the kinds of the rate
    /// functions, the flags that change their code, the constant values' bits, and <c>?</c> where
    /// <paramref name="token"/> says the value comes from the run. Two schedules with equal shapes compile to the same
    /// branches and calls.
    /// </summary>
    /// <param name="schedule">The lowered schedule.</param>
    /// <param name="token">For slot <c>i</c>, the token that stands for a value from the run (<c>?</c>, or <c>=j</c> for the same value as slot <c>j</c>), or null for a literal; null for none.</param>
    /// <returns>The shape: two words, one token per slot, then the kind of each piece's function after a <c>;</c>.</returns>
    public static string Shape(LoweredSchedule schedule, Func<int, string?>? token)
    {
        var text = new StringBuilder();
        text.Append(schedule.ThrowsPastEnd ? "throws" : "holds").Append(schedule.TotalSteps is null ? " unbounded" : " bounded");
        Map(schedule, new SlotWalk(
            (i, v) => { text.Append(' ').Append(token?.Invoke(i) ?? BitConverter.DoubleToInt64Bits(v).ToString("x", CultureInfo.InvariantCulture)); return v; },
            (i, v) => { text.Append(' ').Append(token?.Invoke(i) ?? v.ToString(CultureInfo.InvariantCulture)); return v; }));
        foreach (Piece piece in schedule.Pieces.Concat(schedule.MomentumPieces))
        {
            text.Append(';').Append(Kind(piece.Function));
        }

        return text.ToString();
    }

    private static string Kind(RateFunction function) => function switch
    {
        RateFunction.Cosine c => c.Periodic ? "CosinePeriodic" : "Cosine",
        RateFunction.Anneal a => a.IsCosine ? "AnnealCosine" : "AnnealLinear",
        RateFunction.Cyclic c => "Cyclic" + c.Mode.ToString(CultureInfo.InvariantCulture),
        RateFunction.Named n => n.Formula.Target + "(" + string.Join(",", n.Arguments.Select(a => a.Kind == RateFunction.ArgumentKind.Double ? "d" : a.Value.ToString("R", CultureInfo.InvariantCulture))) + ")",
        RateFunction.Product p => "Product(" + Kind(p.Left) + "," + Kind(p.Right) + ")",
        _ => function.GetType().Name,
    };

    private static EquatableArray<Piece> Map(EquatableArray<Piece> pieces, SlotWalk slots)
        => new(pieces.Select(p => new Piece(slots.Long(p.Start), slots.Long(p.End), slots.Long(p.Origin), p.Function.MapNumbers(slots))).ToArray());

    private static void Put<T>(System.Collections.Generic.List<T> list, int index, T value)
    {
        while (list.Count <= index)
        {
            list.Add(default!);
        }

        list[index] = value;
    }
}
