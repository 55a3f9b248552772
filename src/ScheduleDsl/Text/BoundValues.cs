using System;
using System.ComponentModel;
using System.Globalization;
using ScheduleDsl.Language;
using ScheduleDsl.Language.Binding;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>
/// The values of a compiled bound schedule for one training run: what the generated <c>Bind(TrainingRun)</c> of a
/// schedule with lengths or a peak from the run reads into its readonly fields. Not meant to be called by hand.
/// </summary>
/// <remarks>
/// <see cref="Resolve"/> reads the schedule's attributes as text, resolves the lengths (and the peak) against the run,
/// and validates and lowers the result with the same descriptors and pass as the analyzer, so an error is the SDL ID
/// and message the analyzer would give for those numbers (a warmup longer than the run, …). It then checks that the
/// pieces have the shape the generator compiled, and numbers their values as the generator did.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BoundValues
{
    private readonly double[] _doubles;
    private readonly long[] _longs;

    private BoundValues(double[] doubles, long[] longs)
    {
        _doubles = doubles;
        _longs = longs;
    }

    /// <summary>Resolves a compiled bound schedule against a run.</summary>
    /// <param name="text">The schedule's attributes in the text form, as the generator wrote them.</param>
    /// <param name="shape">The shape the generator compiled, <c>?</c> for each value from the run.</param>
    /// <param name="run">The training run.</param>
    /// <param name="name">The schedule type's name, for messages that quote it.</param>
    /// <returns>The values by slot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ScheduleFormatException">The run lacks a value, or the schedule is invalid for these numbers (the analyzer's SDL ID and message).</exception>
    public static BoundValues Resolve(string text, string shape, TrainingRun run, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(name);
        ScheduleText parsed = ScheduleText.Parse(WithPeak(text, run));
        LoweredSchedule schedule = parsed.ResolveLengths(run).Lower(name).Schedule;
        string actual = BoundSlots.Shape(schedule, null);
        if (!Matches(shape, actual))
        {
            // SDL0042, the analyzer's "bound schedule that cannot be compiled", found only now that the run is known.
            throw new ScheduleFormatException(
                ProblemCatalog.BoundNotCompiled,
                ProblemCatalog.BoundNotCompiled.Format($"Bound to this run, '{name}' has pieces of another shape than the compiled ones (a phase that vanishes or splits for these lengths)"),
                new TextPosition(0, text.Length, 1, 1));
        }

        BoundSlots.Values(schedule, out double[] doubles, out long[] longs, out _);
        return new BoundValues(doubles, longs);
    }

    /// <summary>The double value of slot <paramref name="slot"/>.</summary>
    /// <param name="slot">The slot.</param>
    /// <returns>The value.</returns>
    public double Double(int slot) => _doubles[slot];

    /// <summary>The long value of slot <paramref name="slot"/>.</summary>
    /// <param name="slot">The slot.</param>
    /// <returns>The value.</returns>
    public long Long(int slot) => _longs[slot];

    /// <summary>
    /// <c>[LearningRate]</c> without a rate (the text's first attribute, as the generator writes it) gets the run's
    /// peak; a rate declared and supplied is SDL0115, none at all SDL0110.
    /// </summary>
    private static string WithPeak(string text, TrainingRun run)
    {
        const string Open = "[LearningRate";
        bool declared = !(text.StartsWith(Open + "]", StringComparison.Ordinal) || text.StartsWith(Open + "(TrainingSteps", StringComparison.Ordinal));
        var position = new TextPosition(0, Open.Length + 1, 1, 1);
        if (declared)
        {
            if (run.Peak is not null)
            {
                double written = ScheduleText.Parse(text).Attributes[0] is IArgumentReader rate ? rate.Double("peak", double.NaN) : double.NaN;
                run.ResolvePeak(written, position);
            }

            return text;
        }

        double peak = run.ResolvePeak(null, position);
        string literal = ScheduleText.Literal(Constant.Double(peak));
        return text[Open.Length] == ']'
            ? Open + "(" + literal + ")]" + text.Substring(Open.Length + 1)
            : Open + "(" + literal + ", " + text.Substring(Open.Length + 1);
    }

    /// <summary>Whether the run's shape is the compiled one: equal literals and kinds, <c>?</c> anything, <c>=j</c> the value of slot <c>j</c>.</summary>
    private static bool Matches(string compiled, string actual)
    {
        string[] expected = compiled.Split(';');
        string[] found = actual.Split(';');
        if (expected.Length != found.Length || !expected.AsSpan(1).SequenceEqual(found.AsSpan(1)))
        {
            return false;
        }

        // Two words, then one token per slot: slot i is token i + 2.
        string[] expectedValues = expected[0].Split(' ');
        string[] foundValues = found[0].Split(' ');
        if (expectedValues.Length != foundValues.Length)
        {
            return false;
        }

        for (int i = 0; i < expectedValues.Length; i++)
        {
            string token = expectedValues[i];
            bool same = token == "?"
                || (token.StartsWith('=') ? foundValues[i] == foundValues[int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture) + 2] : token == foundValues[i]);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_doubles.Length} slots");
}
