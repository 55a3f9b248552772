using System;
using System.Collections.Generic;
using ScheduleDsl.Language;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>A problem the descriptors and the shared pass found in schedule text, with the analyzer's ID and message.</summary>
/// <param name="Problem">The catalog entry: ID, severity, help link; the same as the analyzer's for the same schedule.</param>
/// <param name="Message">The message, worded as the analyzer words it.</param>
/// <param name="Position">The argument (or array element) the problem is about; the attribute, or the whole text for the schedule as a whole.</param>
internal sealed record TextProblem(Problem Problem, string Message, TextPosition Position)
{
    /// <summary>The SDL ID.</summary>
    public string DiagnosticId => Problem.Id;

    /// <summary>Error, warning or note.</summary>
    public ProblemSeverity Severity => Problem.Severity;
}

/// <summary>Schedule text after the shared pass: what the run-time evaluator walks, and the warnings and notes.</summary>
/// <param name="Schedule">The lowered schedule (contract in <see cref="LoweredSchedule"/>).</param>
/// <param name="Warnings">The warnings and notes, in the order found; never an error.</param>
internal sealed record LoweredText(LoweredSchedule Schedule, IReadOnlyList<ScheduleProblem> Warnings);

/// <summary>The text form run through the kinds' descriptors and the shared pass, as the analyzer runs them.</summary>
public sealed partial class ScheduleText
{
    /// <summary>The name messages give a schedule read from text (the analyzer quotes the type's name).</summary>
    internal const string DefaultName = "schedule";

    /// <summary>
    /// Validates and lowers the schedule with the same descriptors and pass as the analyzer: the same SDL IDs and
    /// messages, the first error thrown at the position of the argument it is about, warnings collected.
    /// </summary>
    /// <param name="name">The schedule's name in messages that quote it (SDL0002, SDL0003, SDL0016, SDL0029).</param>
    /// <returns>The lowered schedule and its warnings.</returns>
    /// <exception cref="ScheduleFormatException">
    /// The schedule is invalid (an SDL error of the analyzer's catalog), or a length still needs a training run
    /// (SDL0110: call <see cref="ResolveLengths(TrainingRun)"/> first).
    /// </exception>
    internal LoweredText Lower(string name = DefaultName)
    {
        List<TextProblem> problems = Check(name, out LoweredSchedule? schedule);
        var warnings = new List<ScheduleProblem>();
        foreach (TextProblem problem in problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                throw new ScheduleFormatException(problem.Problem, problem.Message, problem.Position);
            }

            warnings.Add(new ScheduleProblem(problem.Problem, problem.Message, problem.Position));
        }

        return schedule is not null
            ? new LoweredText(schedule, warnings.AsReadOnly())
            : throw new ScheduleFormatException(ProblemCatalog.TextSyntax, "The schedule text declares no [LearningRate(...)] and no phase", _lexer.Position(0, Source.Length));
    }

    /// <summary>Every problem the pass finds, in the order found, and the lowered schedule when there is no error.</summary>
    /// <param name="name">The schedule's name in messages.</param>
    /// <param name="schedule">The lowered schedule, or null.</param>
    /// <returns>The problems.</returns>
    /// <exception cref="ScheduleFormatException">A length still needs a training run (SDL0110).</exception>
    internal List<TextProblem> Check(string name, out LoweredSchedule? schedule)
    {
        TextAttribute? rate = null;
        var phases = new List<DeclaredPhase>();
        foreach (TextAttribute attribute in Attributes)
        {
            RequireSteps(attribute);
            if (attribute.Signature.Kind is { } kind)
            {
                phases.Add(new DeclaredPhase(attribute, kind));
            }
            else
            {
                rate = attribute;
            }
        }

        var sink = new Sink(this);
        schedule = new SchedulePass(name, sink).Lower(rate, phases);
        return sink.Problems;
    }

    /// <summary>
    /// The same text with every length string replaced by its steps in <paramref name="run"/>, each kind's own length
    /// (<see cref="PhaseKind.LengthArgument"/>) taken from the descriptors.
    /// </summary>
    /// <param name="run">The training run.</param>
    /// <returns>The resolved text.</returns>
    /// <exception cref="ScheduleFormatException">A length cannot be resolved in this run (SDL0110–SDL0114).</exception>
    internal ScheduleText ResolveLengths(TrainingRun run) => ResolveLengths(run, a => a.Signature.Kind?.LengthArgument);

    /// <summary>A length written as a string (<c>"2 epochs"</c>) has no steps until a training run resolves it.</summary>
    private void RequireSteps(TextAttribute attribute)
    {
        foreach (BoundArgument argument in attribute.Arguments.Values)
        {
            if (argument.Scalar is { Type: ConstantType.String } text && argument.Signature.Type is ConstantType.Int64 or ConstantType.String && !LengthSpec.Parse(text.Text).IsSteps)
            {
                string what = KindReader.Describe(attribute.Name, argument.Signature.Name);
                TextPosition position = argument.Written >= 0 ? attribute.PositionOf(new ArgumentLocation(argument.Written)) : attribute.PositionOf(ArgumentLocation.Attribute);
                throw new ScheduleFormatException(ProblemCatalog.MissingBinding, $"{what} is \"{text.Text}\", which only a training run turns into steps: resolve the lengths against one before building the schedule", position);
            }
        }
    }

    /// <summary>Collects the pass's problems with their positions in the text.</summary>
    private sealed class Sink(ScheduleText text) : IProblemSink
    {
        public List<TextProblem> Problems { get; } = [];

        public void Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, object?[] args)
            => Problems.Add(new TextProblem(
                problem,
                problem.Format(args),
                attribute is TextAttribute bound ? bound.PositionOf(location) : text._lexer.Position(0, text.Source.Length)));
    }
}
