using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language.Model;
using static ScheduleDsl.Language.Literal;

namespace ScheduleDsl.Generator.Emission;

/// <summary>Writes the partial declaration that implements <c>ScheduleDsl.ISchedule</c> for one schedule.</summary>
internal static partial class ScheduleEmitter
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
        TypeDocumentation.Write(model, writer);
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

    private static void WriteConstants(ScheduleModel model, IndentedWriter writer, string cref = "global::ScheduleDsl.ISchedule", string modifier = "static ")
    {
        writer.Line($"/// <inheritdoc cref=\"{cref}.PeakLearningRate\"/>");
        writer.Line($"public {modifier}double PeakLearningRate => {Double(model.Peak)};");
        writer.Line();
        writer.Line($"/// <inheritdoc cref=\"{cref}.TotalSteps\"/>");
        writer.Line($"public {modifier}long? TotalSteps => {(model.TotalSteps is { } total ? Long(total) : "null")};");
    }

    private static void WriteEvaluation(ScheduleModel model, EquatableArray<Piece> pieces, string cref, string name, IndentedWriter writer, string modifier = "static ", Func<Piece, string>? label = null)
    {
        label ??= piece => Label(model, piece);
        writer.Line($"/// <inheritdoc cref=\"{cref}\"/>");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Block($"public {modifier}double {name}(long step)"))
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

            WriteBranches(model, leaves, 0, leaves.Count - 1, writer, label);
        }
    }

    /// <summary>
    /// Selects the piece holding <c>step</c> among leaves[lo..hi] with constant comparisons: a chain for a few
    /// pieces, a balanced tree (depth ⌈log₂ n⌉) for many, never a loop over a table.
    /// </summary>
    private static void WriteBranches(ScheduleModel model, List<Piece> leaves, int lo, int hi, IndentedWriter writer, Func<Piece, string> label)
    {
        if (hi - lo + 1 <= MaxChain)
        {
            for (int i = lo; i < hi; i++)
            {
                using (writer.Block($"if (step < {Long(leaves[i].End)})"))
                {
                    WriteLeaf(model, leaves[i], writer, label);
                }

                writer.Line();
            }

            WriteLeaf(model, leaves[hi], writer, label);
            return;
        }

        int mid = (lo + hi + 1) / 2;
        using (writer.Block($"if (step < {Long(leaves[mid].Start)})"))
        {
            WriteBranches(model, leaves, lo, mid - 1, writer, label);
        }

        writer.Line();
        WriteBranches(model, leaves, mid, hi, writer, label);
    }

    private static void WriteLeaf(ScheduleModel model, Piece piece, IndentedWriter writer, Func<Piece, string> label)
    {
        writer.Line("// " + label(piece));
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
    internal static string Label(ScheduleModel model, Piece piece)
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

    private static void WriteAtSingle(IndentedWriter writer, string cref = "global::ScheduleDsl.ISchedule", string modifier = "static ")
    {
        writer.Line($"/// <inheritdoc cref=\"{cref}.AtSingle(long)\"/>");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        writer.Line($"public {modifier}float AtSingle(long step) => (float)At(step);");
    }

    private static void WriteFill(ScheduleModel model, IndentedWriter writer, string cref = "global::ScheduleDsl.ISchedule", string modifier = "static ", Func<Piece, string>? label = null)
    {
        label ??= piece => Label(model, piece);
        writer.Line($"/// <inheritdoc cref=\"{cref}.Fill(global::System.Span{{float}}, long)\"/>");
        using (writer.Block($"public {modifier}void Fill(global::System.Span<float> destination, long firstStep)"))
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
                writer.Line("// " + label(piece));
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
}
