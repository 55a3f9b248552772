using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ScheduleDsl.Generator.Model;
using static ScheduleDsl.Generator.Emission.Literal;

namespace ScheduleDsl.Generator.Emission;

/// <summary>Writes the partial declaration that implements <c>ScheduleDsl.ISchedule</c> for one schedule.</summary>
internal static class ScheduleEmitter
{
    public const string GeneratorName = "ScheduleDsl.Generator";

    /// <summary>A chain of comparisons reads best; above this many pieces the branches form a balanced tree.</summary>
    private const int MaxChain = 4;

    public static readonly string GeneratorVersion = typeof(ScheduleEmitter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static string HintName(ScheduleModel model) => Identifier.HintName(model.FullyQualifiedMetadataName);

    public static string HintName(InvalidSchedule schedule) => Identifier.HintName(schedule.FullyQualifiedMetadataName);

    public static string Emit(ScheduleModel model)
    {
        var writer = new IndentedWriter();
        Stack<IDisposable> scopes = OpenScopes(model.Namespace, model.ContainingTypes, writer);
        WriteTypeDocumentation(model, writer);
        writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode({String(GeneratorName)}, {String(GeneratorVersion)})]");
        string interfaces = model.MomentumPieces.Count > 0
            ? "global::ScheduleDsl.ISchedule, global::ScheduleDsl.IMomentumSchedule"
            : "global::ScheduleDsl.ISchedule";
        using (writer.Block($"partial {model.Type.Keyword} {Identifier.Escape(model.Type.Name)} : {interfaces}"))
        {
            WriteConstants(model, writer);
            writer.Line();
            WriteEvaluation(model, model.Pieces, "global::ScheduleDsl.ISchedule.At(long)", "At", writer);
            writer.Line();
            WriteAtSingle(writer);
            writer.Line();
            WriteFill(model, writer);
            if (model.MomentumPieces.Count > 0)
            {
                writer.Line();
                WriteEvaluation(model, model.MomentumPieces, "global::ScheduleDsl.IMomentumSchedule.MomentumAt(long)", "MomentumAt", writer);
            }
        }

        return CloseScopes(scopes, writer);
    }

    /// <summary>
    /// The members of an invalid schedule as stubs that throw its error (the fallback of the Regex generator): code
    /// that uses the schedule compiles, so the SDL error is the only one, and code fixes can run.
    /// </summary>
    public static string Emit(InvalidSchedule schedule)
    {
        var writer = new IndentedWriter();
        Stack<IDisposable> scopes = OpenScopes(schedule.Namespace, schedule.ContainingTypes, writer);
        string note = Xml(schedule.Message) + " Every member throws <see cref=\"global::System.InvalidOperationException\"/>.";
        writer.Line(schedule.HasUserDocumentation ? $"/// <remarks>{note}</remarks>" : $"/// <summary>{note}</summary>");
        writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode({String(GeneratorName)}, {String(GeneratorVersion)})]");
        string interfaces = schedule.CyclesMomentum
            ? "global::ScheduleDsl.ISchedule, global::ScheduleDsl.IMomentumSchedule"
            : "global::ScheduleDsl.ISchedule";
        string fail = $"throw new global::System.InvalidOperationException({String(schedule.Message)})";
        using (writer.Block($"partial {schedule.Type.Keyword} {Identifier.Escape(schedule.Type.Name)} : {interfaces}"))
        {
            var members = new List<(string Cref, string Signature)>
            {
                ("global::ScheduleDsl.ISchedule.PeakLearningRate", "double PeakLearningRate"),
                ("global::ScheduleDsl.ISchedule.TotalSteps", "long? TotalSteps"),
                ("global::ScheduleDsl.ISchedule.At(long)", "double At(long step)"),
                ("global::ScheduleDsl.ISchedule.AtSingle(long)", "float AtSingle(long step)"),
                ("global::ScheduleDsl.ISchedule.Fill(global::System.Span{float}, long)", "void Fill(global::System.Span<float> destination, long firstStep)"),
            };
            if (schedule.CyclesMomentum)
            {
                members.Add(("global::ScheduleDsl.IMomentumSchedule.MomentumAt(long)", "double MomentumAt(long step)"));
            }

            for (int i = 0; i < members.Count; i++)
            {
                if (i > 0)
                {
                    writer.Line();
                }

                writer.Line($"/// <inheritdoc cref=\"{members[i].Cref}\"/>");
                writer.Line($"public static {members[i].Signature} => {fail};");
            }
        }

        return CloseScopes(scopes, writer);
    }

    /// <summary>The file header, then the namespace and the enclosing types, outermost first.</summary>
    private static Stack<IDisposable> OpenScopes(string? ns, EquatableArray<TypeDeclaration> containingTypes, IndentedWriter writer)
    {
        writer.Line("// <auto-generated/>");
        writer.Line("#nullable enable");
        writer.Line();
        var scopes = new Stack<IDisposable>();
        if (ns is not null)
        {
            scopes.Push(writer.Block($"namespace {string.Join(".", ns.Split('.').Select(Identifier.Escape))}"));
        }

        foreach (TypeDeclaration outer in containingTypes)
        {
            scopes.Push(writer.Block($"partial {outer.Keyword} {Identifier.Escape(outer.Name)}"));
        }

        return scopes;
    }

    private static string CloseScopes(Stack<IDisposable> scopes, IndentedWriter writer)
    {
        while (scopes.Count > 0)
        {
            scopes.Pop().Dispose();
        }

        return writer.ToString();
    }

    /// <summary>Sparkline glyphs, lowest to highest: eighths of the highest sampled rate.</summary>
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Characters in the sparkline.</summary>
    private const int SparklineWidth = 40;

    /// <summary>Steps drawn for an unbounded schedule whose phases all start at step 0.</summary>
    private const long UnboundedSpan = 100;

    /// <summary>
    /// The hover text: the summary with landmarks (rate at step 0, end of warmup, peak, last step, length) and a
    /// sparkline of the curve, then a table of the phases. Every number comes from <see cref="ScheduleModel.Evaluate(long)"/>,
    /// so it is what <c>At</c> returns.
    /// </summary>
    private static void WriteTypeDocumentation(ScheduleModel model, IndentedWriter writer)
    {
        long span = SparklineSpan(model);
        string headline = $"Learning-rate schedule: peak {Show(model.Peak)}, {Xml(Length(model))}.";
        string sparkline = $"<para><c>{Sparkline(model, span)}</c> steps 0–{span - 1}{(model.TotalSteps is null ? " of an unbounded schedule" : string.Empty)}</para>";
        string landmarks = $"<para>{Xml(Landmarks(model))}</para>";
        if (model.HasUserDocumentation)
        {
            // The user's <summary> is the one IDEs show; a second one would hide it or be hidden. The preview goes into
            // <remarks>, which IDEs show beside the summary.
            writer.Line("/// <remarks>");
            writer.Line($"/// <para>{headline}</para>");
            writer.Line($"/// {sparkline}");
            writer.Line($"/// {landmarks}");
        }
        else
        {
            writer.Line("/// <summary>");
            writer.Line($"/// {headline}");
            writer.Line($"/// {sparkline}");
            writer.Line($"/// {landmarks}");
            writer.Line("/// </summary>");
            writer.Line("/// <remarks>");
        }

        writer.Line("/// <list type=\"table\">");
        writer.Line("/// <listheader><term>phase</term><description>steps: rate at first → last step</description></listheader>");
        foreach (PhaseSummary phase in model.Phases)
        {
            string range = phase.End == long.MaxValue
                ? $"{phase.Start} onwards: {ShowRate(model, phase.Start)} at first"
                : $"{phase.Start}–{phase.End - 1}: {ShowRate(model, phase.Start)} → {ShowRate(model, phase.End - 1)}";
            writer.Line($"/// <item><term>[{Xml(phase.Kind)}{(phase.IsMultiplier ? " (Multiply)" : string.Empty)}]</term><description>{Xml(range)}</description></item>");
        }

        writer.Line("/// </list>");
        writer.Line("/// </remarks>");
    }

    /// <summary>"step 0: r; warmup ends at step w (r); peak r at step p; last step t: r; n steps" (or "unbounded").</summary>
    private static string Landmarks(ScheduleModel model)
    {
        var parts = new List<string> { $"Step 0: {ShowRate(model, 0)}" };
        if (model.Phases.Count > 0 && model.Phases[0] is { IsWarmup: true, End: var warmupEnd } && warmupEnd != long.MaxValue)
        {
            parts.Add($"warmup ends at step {warmupEnd} ({ShowRate(model, warmupEnd)})");
        }

        if (HighestRate(model) is { } highest)
        {
            parts.Add($"peak {Show(highest.Rate)} at step {highest.Step}");
        }

        parts.Add(model.TotalSteps is { } total
            ? $"last step {total - 1}: {ShowRate(model, total - 1)}; {total} steps in all"
            : "no last step: unbounded");
        return string.Join("; ", parts) + ".";
    }

    /// <summary>
    /// The highest rate at the steps where one can occur for the supported shapes: each piece's first and last
    /// step, plus the sparkline samples; the earliest step on a tie.
    /// </summary>
    private static (double Rate, long Step)? HighestRate(ScheduleModel model)
    {
        var steps = new SortedSet<long>(Samples(SparklineSpan(model)));
        foreach (Piece piece in model.Pieces)
        {
            steps.Add(piece.Start);
            if (!piece.IsOpen)
            {
                steps.Add(piece.End - 1);
            }
        }

        (double Rate, long Step)? highest = null;
        foreach (long step in steps)
        {
            if (Rate(model, step) is { } rate && !double.IsNaN(rate) && (highest is null || rate > highest.Value.Rate))
            {
                highest = (rate, step);
            }
        }

        return highest;
    }

    /// <summary>
    /// The curve as <see cref="SparklineWidth"/> block characters, sampled evenly over steps 0 to span − 1 and
    /// scaled from 0 to the highest rate (a space where the rate is not finite or negative).
    /// </summary>
    private static string Sparkline(ScheduleModel model, long span)
    {
        double[] rates = Samples(span).Select(step => Rate(model, step) ?? double.NaN).ToArray();
        double top = Math.Max(rates.Where(IsDrawable).DefaultIfEmpty(0).Max(), HighestRate(model) is { Rate: var highest } && IsDrawable(highest) ? highest : 0);
        var line = new StringBuilder(rates.Length);
        foreach (double rate in rates)
        {
            line.Append(!IsDrawable(rate) ? ' '
                : top <= 0 ? Blocks[0]
                : Blocks[(int)Math.Round(rate / top * (Blocks.Length - 1), MidpointRounding.AwayFromZero)]);
        }

        return line.ToString();
    }

    private static bool IsDrawable(double rate) => !double.IsNaN(rate) && !double.IsInfinity(rate) && rate >= 0;

    /// <summary>Steps drawn: the whole schedule when it ends, else twice the start of the last phase (at least 100).</summary>
    private static long SparklineSpan(ScheduleModel model)
    {
        if (model.TotalSteps is { } total)
        {
            return Math.Max(total, 1);
        }

        long lastStart = model.Phases.Count > 0 ? model.Phases.Max(p => p.Start) : 0;
        return Math.Max(UnboundedSpan, Math.Min(lastStart, long.MaxValue / 2) * 2);
    }

    /// <summary>The sample steps: <see cref="SparklineWidth"/> points from 0 to span − 1, evenly spaced, rounded.</summary>
    private static IEnumerable<long> Samples(long span)
        => Enumerable.Range(0, SparklineWidth).Select(i => (long)Math.Round((double)(span - 1) * i / (SparklineWidth - 1), MidpointRounding.AwayFromZero));

    /// <summary>The rate at a step, or null past the end of a schedule that throws there.</summary>
    private static double? Rate(ScheduleModel model, long step)
        => step < 0 || (model.ThrowsPastEnd && model.TotalSteps is { } total && step >= total) ? null : model.Evaluate(step);

    private static string ShowRate(ScheduleModel model, long step) => Rate(model, step) is { } rate ? Show(rate) : "throws";

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Length(ScheduleModel model)
        => model.TotalSteps switch
        {
            null => "unbounded",
            { } total when model.ThrowsPastEnd => $"{total} steps, throws past the end",
            { } total => $"{total} steps, then holds {Show(model.Evaluate(total))}",
        };

    private static void WriteConstants(ScheduleModel model, IndentedWriter writer)
    {
        writer.Line("/// <inheritdoc cref=\"global::ScheduleDsl.ISchedule.PeakLearningRate\"/>");
        writer.Line($"public static double PeakLearningRate => {Double(model.Peak)};");
        writer.Line();
        writer.Line("/// <inheritdoc cref=\"global::ScheduleDsl.ISchedule.TotalSteps\"/>");
        writer.Line($"public static long? TotalSteps => {(model.TotalSteps is { } total ? Long(total) : "null")};");
    }

    private static void WriteEvaluation(ScheduleModel model, EquatableArray<Piece> pieces, string cref, string name, IndentedWriter writer)
    {
        writer.Line($"/// <inheritdoc cref=\"{cref}\"/>");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Block($"public static double {name}(long step)"))
        {
            using (writer.Block("if (step < 0L)"))
            {
                writer.Line("global::ScheduleDsl.ScheduleGuard.ThrowNegativeStep(step);");
            }

            writer.Line();
            var leaves = new List<Piece>(pieces);
            if (model.ThrowsPastEnd && model.TotalSteps is { } total)
            {
                leaves.Add(new Piece(total, long.MaxValue, total, new RateFunction.Constant(double.NaN)));
            }

            WriteBranches(model, leaves, 0, leaves.Count - 1, writer);
        }
    }

    /// <summary>
    /// Selects the piece holding <c>step</c> among leaves[lo..hi] with constant comparisons: a chain for a few
    /// pieces, a balanced tree (depth ⌈log₂ n⌉) for many, never a loop over a table.
    /// </summary>
    private static void WriteBranches(ScheduleModel model, List<Piece> leaves, int lo, int hi, IndentedWriter writer)
    {
        if (hi - lo + 1 <= MaxChain)
        {
            for (int i = lo; i < hi; i++)
            {
                using (writer.Block($"if (step < {Long(leaves[i].End)})"))
                {
                    WriteLeaf(model, leaves[i], writer);
                }

                writer.Line();
            }

            WriteLeaf(model, leaves[hi], writer);
            return;
        }

        int mid = (lo + hi + 1) / 2;
        using (writer.Block($"if (step < {Long(leaves[mid].Start)})"))
        {
            WriteBranches(model, leaves, lo, mid - 1, writer);
        }

        writer.Line();
        WriteBranches(model, leaves, mid, hi, writer);
    }

    private static void WriteLeaf(ScheduleModel model, Piece piece, IndentedWriter writer)
    {
        writer.Line("// " + Label(model, piece));
        if (model.ThrowsPastEnd && model.TotalSteps is { } total && piece.Start == total)
        {
            writer.Line($"return global::ScheduleDsl.ScheduleGuard.RatePastEnd(step, {Long(total)}, {String(model.Type.Name)});");
            return;
        }

        writer.Line($"return {piece.Function.ScalarExpression(Local("step", piece))};");
    }

    /// <summary>
    /// What a branch computes, for the comment above it: its steps and the phase in force there ("[Cosine] steps
    /// 500–10499"), a multiplying phase after a "×", the final value a phase holds after its end, or the end of a
    /// schedule that throws.
    /// </summary>
    private static string Label(ScheduleModel model, Piece piece)
    {
        string steps = piece.IsOpen ? $"steps {piece.Start} onwards" : piece.End - piece.Start == 1 ? $"step {piece.Start}" : $"steps {piece.Start}–{piece.End - 1}";
        if (model.ThrowsPastEnd && model.TotalSteps is { } total && piece.Start == total)
        {
            return $"{steps}: past the end, throws";
        }

        if (model.Phases.Count == 0)
        {
            return $"{steps}: the learning rate";
        }

        PhaseSummary? inForce = null;
        PhaseSummary? before = null;
        var factors = new List<string>();
        foreach (PhaseSummary phase in model.Phases)
        {
            bool covers = phase.Start <= piece.Start && piece.Start < phase.End;
            if (phase.IsMultiplier)
            {
                if (covers)
                {
                    factors.Add($" × [{phase.Kind}]");
                }
                else if (phase.End <= piece.Start)
                {
                    factors.Add($" × the final value of [{phase.Kind}]");
                }
            }
            else if (covers)
            {
                inForce = phase;
            }
            else if (phase.End <= piece.Start)
            {
                before = phase;
            }
        }

        string what = inForce is not null ? $"[{inForce.Kind}]" : before is not null ? $"the final value of [{before.Kind}]" : "the learning rate";
        return $"{steps}: {what}{string.Concat(factors)}";
    }

    private static string Local(string step, Piece piece) => piece.Origin == 0 ? step : $"{step} - {Long(piece.Origin)}";

    private static void WriteAtSingle(IndentedWriter writer)
    {
        writer.Line("/// <inheritdoc cref=\"global::ScheduleDsl.ISchedule.AtSingle(long)\"/>");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        writer.Line("public static float AtSingle(long step) => (float)At(step);");
    }

    private static void WriteFill(ScheduleModel model, IndentedWriter writer)
    {
        writer.Line("/// <inheritdoc cref=\"global::ScheduleDsl.ISchedule.Fill(global::System.Span{float}, long)\"/>");
        using (writer.Block("public static void Fill(global::System.Span<float> destination, long firstStep)"))
        {
            string end = model.ThrowsPastEnd && model.TotalSteps is { } total ? Long(total) : "long.MaxValue";
            writer.Line($"global::ScheduleDsl.Kernels.FillCursor cursor = new(destination, firstStep, {end}, {String(model.Type.Name)});");
            for (int i = 0; i < model.Pieces.Count; i++)
            {
                writer.Line();
                Piece piece = model.Pieces[i];
                string segment = "segment" + i.ToString(CultureInfo.InvariantCulture);
                string local = "local" + i.ToString(CultureInfo.InvariantCulture);
                string localOut = piece.Function.UsesLocalStep ? $"out long {local}" : "out _";
                writer.Line("// " + Label(model, piece));
                if (piece.IsOpen)
                {
                    writer.Line($"global::System.Span<float> {segment} = cursor.Rest({Long(piece.Origin)}, {localOut});");
                    WriteLines(writer, piece.Function.FillStatement(segment, local));
                }
                else
                {
                    using (writer.Block($"if (cursor.Take({Long(piece.End)}, {Long(piece.Origin)}, out global::System.Span<float> {segment}, {localOut}))"))
                    {
                        WriteLines(writer, piece.Function.FillStatement(segment, local));
                    }
                }
            }
        }
    }

    private static void WriteLines(IndentedWriter writer, string statement)
    {
        foreach (string line in statement.Split('\n'))
        {
            writer.Line(line);
        }
    }

    private static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
