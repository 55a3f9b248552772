using System.Linq;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language;
using static ScheduleDsl.Language.Literal;

namespace ScheduleDsl.Generator.Emission;

/// <summary>
/// The hover text above a schedule's partial declaration: the summary with landmarks (rate at step 0, end of warmup,
/// peak, last step, length) and a sparkline of the curve, then a table of the phases. The sparkline and landmarks
/// come from <see cref="ScheduleSketch"/>, the algorithm <c>ScheduleDescription</c> shares at run time. Every number
/// comes from <see cref="ScheduleModel.Evaluate(long)"/>, so it is what <c>At</c> returns.
/// </summary>
internal static class TypeDocumentation
{
    /// <summary>Writes the documentation comment for <paramref name="model"/>.</summary>
    public static void Write(ScheduleModel model, IndentedWriter writer)
    {
        double? rate(long step) => Rate(model, step);
        long span = ScheduleSketch.Span(model.TotalSteps, model.Phases.Count > 0 ? model.Phases.Max(p => p.Start) : 0);
        (double Rate, long Step)? highest = ScheduleSketch.Highest(
            rate,
            span,
            model.Pieces.SelectMany(piece => piece.IsOpen ? new[] { piece.Start } : new[] { piece.Start, piece.End - 1 }));
        long? warmupEnd = model.Phases.Count > 0 && model.Phases[0] is { IsWarmup: true, End: var end } ? end : null;

        string headline = $"Learning-rate schedule: peak {ScheduleSketch.Show(model.Peak)}, {Xml(Length(model))}.";
        string sparkline = $"<para><c>{ScheduleSketch.Sparkline(rate, span, highest)}</c> steps 0–{span - 1}{(model.TotalSteps is null ? " of an unbounded schedule" : string.Empty)}</para>";
        string landmarks = $"<para>{Xml(ScheduleSketch.Landmarks(rate, model.TotalSteps, warmupEnd, highest))}</para>";
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
                ? $"{phase.Start} onwards: {ScheduleSketch.ShowRate(rate, phase.Start)} at first"
                : $"{phase.Start}–{phase.End - 1}: {ScheduleSketch.ShowRate(rate, phase.Start)} → {ScheduleSketch.ShowRate(rate, phase.End - 1)}";
            writer.Line($"/// <item><term>[{Xml(phase.Kind)}{(phase.IsMultiplier ? " (Multiply)" : string.Empty)}]</term><description>{Xml(range)}</description></item>");
        }

        writer.Line("/// </list>");
        writer.Line("/// </remarks>");
    }

    /// <summary>The rate at a step, or null past the end of a schedule that throws there.</summary>
    private static double? Rate(ScheduleModel model, long step)
        => step < 0 || (model.ThrowsPastEnd && model.TotalSteps is { } total && step >= total) ? null : model.Evaluate(step);

    private static string Length(ScheduleModel model)
        => model.TotalSteps switch
        {
            null => "unbounded",
            { } total when model.ThrowsPastEnd => $"{total} steps, throws past the end",
            { } total => $"{total} steps, then holds {ScheduleSketch.Show(model.Evaluate(total))}",
        };
}
