using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Reflection;
using System.Text;

using ScheduleDsl.Text;

namespace ScheduleDsl;

/// <summary>
/// Assembles a schedule at run time from the attribute classes themselves: each phase is an attribute instance
/// (<c>new CosineAttribute(10_000) { Final = 3e-5 }</c>), so the builder, the text form and the compiled attributes
/// are one language with the same kind names, arguments, defaults and meanings. The result is a
/// <see cref="ScheduleText"/>, the text that the same attributes would be in code.
/// </summary>
/// <remarks>
/// <para>
/// Each phase is printed as the attribute it is: its constructor arguments positionally, and every settable property
/// whose value differs from what the same constructor call leaves it at as <c>Name = value</c>. A property set to its
/// default therefore does not appear, which means the same thing. The attribute is read when it is added; changing it
/// afterwards does not change the builder.
/// </para>
/// <para>
/// A phase's own length (the constructor's <c>steps</c> or <c>totalSteps</c>, or the <c>Steps</c> property of the kinds
/// that are unbounded without it) may be given as a <see cref="ScheduleLength"/> in epochs, as a fraction of the run
/// or as the rest of the run; the schedule is then bound to a <see cref="TrainingRun"/> when it is built. The length
/// written in the attribute is replaced, and a default that depends on it (the warmup's start factor 1/(W + 1)) is
/// taken from the bound length.
/// </para>
/// <para>
/// The builder is immutable: <see cref="Then(PhaseAttribute)"/> returns a new builder, so a common prefix can be shared.
/// Validation of the schedule's rules (a positive rate, increasing milestones, …) happens when the text is built into
/// a schedule, with the analyzer's SDL IDs and messages.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// ScheduleText text = new ScheduleBuilder(3e-4)
///     .Then(new WarmupAttribute(500))
///     .Then(new CosineAttribute(10_000) { Final = 3e-5 })
///     .ToText();   // [LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]
/// </code>
/// </example>
public sealed class ScheduleBuilder
{
    private readonly string[] _attributes;

    /// <summary>Starts a schedule whose base (peak) rate is <paramref name="peak"/>: <c>[LearningRate(peak)]</c>.</summary>
    /// <param name="peak">The base learning rate (PyTorch's <c>base_lr</c>); checked when the schedule is built.</param>
    public ScheduleBuilder(double peak)
        : this(new LearningRateAttribute(peak))
    {
    }

    /// <summary>Starts a schedule from its <see cref="LearningRateAttribute"/>, e.g. with <see cref="LearningRateAttribute.TrainingSteps"/> set.</summary>
    /// <param name="learningRate">The schedule's learning-rate attribute.</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    public ScheduleBuilder(LearningRateAttribute learningRate)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        _attributes = [AttributePrinter.Print(learningRate, null)];
    }

    private ScheduleBuilder(string[] attributes) => _attributes = attributes;

    /// <summary>Appends a phase; it starts where the previous one ends, unless it sets <see cref="PhaseAttribute.Start"/> or <see cref="PhaseAttribute.Multiply"/>.</summary>
    /// <param name="phase">The phase attribute, e.g. <c>new WarmupAttribute(500)</c>.</param>
    /// <returns>A new builder with the phase appended.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="phase"/> is null.</exception>
    public ScheduleBuilder Then(PhaseAttribute phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return new ScheduleBuilder([.. _attributes, AttributePrinter.Print(phase, null)]);
    }

    /// <summary>
    /// Appends a phase whose own length is <paramref name="length"/> instead of the length written in the attribute:
    /// epochs, a fraction of the run or the rest of it, resolved against a <see cref="TrainingRun"/> when the schedule
    /// is built.
    /// </summary>
    /// <param name="phase">The phase attribute; its own length argument is replaced (write any placeholder, e.g. 1).</param>
    /// <param name="length">The phase's length.</param>
    /// <returns>A new builder with the phase appended.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="phase"/> is null.</exception>
    /// <exception cref="ArgumentException">The kind has no length of its own (<c>Piecewise</c>, <c>Interpolate</c>).</exception>
    public ScheduleBuilder Then(PhaseAttribute phase, ScheduleLength length)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return new ScheduleBuilder([.. _attributes, AttributePrinter.Print(phase, length)]);
    }

    /// <summary>The schedule's text: the attributes as they would be written in code, parsed and bound.</summary>
    /// <returns>The text, e.g. <c>[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]</c>.</returns>
    /// <exception cref="ScheduleFormatException">A phase appears twice where only one is allowed, or an argument does not fit its attribute.</exception>
    public ScheduleText ToText() => ScheduleText.Parse(string.Join(" ", _attributes));

    /// <summary>Builds the schedule; every length must be in steps.</summary>
    /// <returns>The run-time schedule.</returns>
    /// <exception cref="ScheduleFormatException">The schedule is not valid (the analyzer's SDL ID and message), or a length needs a training run.</exception>
    public Schedule Build() => Schedule.FromText(ToText());

    /// <summary>Builds the schedule with its lengths in epochs, fractions or the rest resolved in <paramref name="run"/>.</summary>
    /// <param name="run">The training run.</param>
    /// <returns>The run-time schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    /// <exception cref="ScheduleFormatException">The schedule is not valid or does not fit the run.</exception>
    public Schedule Build(TrainingRun run) => Schedule.FromText(ToText(), run);

    /// <summary>The canonical text of <see cref="ToText"/>.</summary>
    /// <returns>The schedule's text.</returns>
    public override string ToString() => ToText().ToString();
}

/// <summary>Prints an attribute instance as the attribute syntax that constructs it.</summary>
internal static class AttributePrinter
{
    private const string Suffix = "Attribute";

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The schedule attributes are sealed library types whose constructors and properties KnownAttributes already keeps.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "As above.")]
    public static string Print(Attribute attribute, ScheduleLength? length)
    {
        Type type = attribute.GetType();
        string name = type.Name.EndsWith(Suffix, StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - Suffix.Length) : type.Name;
        if (type.Assembly != typeof(AttributePrinter).Assembly || !KnownAttributes.ByName.ContainsKey(name))
        {
            throw new ArgumentException($"'{type.Name}' is not a schedule attribute of the text form.", nameof(attribute));
        }

        PropertyInfo[] properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.DeclaringType != typeof(Attribute))
            .OrderBy(p => p.DeclaringType == type ? 0 : 1)
            .ToArray();
        (ConstructorInfo constructor, PropertyInfo[] parameters) = Constructor(type, properties);
        object?[] values = parameters.Select(p => p.GetValue(attribute)).ToArray();
        object fresh = constructor.Invoke(values);

        ParameterInfo[] signature = constructor.GetParameters();
        string? lengthName = length is null ? null : LengthArgument(name);
        StringComparison byName = StringComparison.OrdinalIgnoreCase;
        var arguments = new List<string>();
        int last = signature.Length - 1;
        while (last >= 0 && signature[last].HasDefaultValue && Equals(values[last], signature[last].DefaultValue) && !string.Equals(signature[last].Name, lengthName, byName))
        {
            last--;
        }

        for (int i = 0; i <= last; i++)
        {
            if (string.Equals(signature[i].Name, lengthName, byName))
            {
                arguments.Add(Quote(length!.Value));
            }
            else if (signature[i].GetCustomAttribute<ParamArrayAttribute>() is not null && values[i] is Array elements)
            {
                arguments.AddRange(elements.Cast<object>().Select(Literal));
            }
            else
            {
                arguments.Add(Literal(values[i]));
            }
        }

        foreach (PropertyInfo property in properties.Where(p => p.SetMethod is { IsPublic: true }))
        {
            if (string.Equals(property.Name, lengthName, byName))
            {
                if (!signature.Any(p => string.Equals(p.Name, lengthName, byName)))
                {
                    arguments.Add($"{property.Name} = {Quote(length!.Value)}");
                }

                continue;
            }

            object? value = property.GetValue(attribute);
            if (!Same(value, property.GetValue(fresh)))
            {
                arguments.Add($"{property.Name} = {Literal(value)}");
            }
        }

        return arguments.Count == 0 ? $"[{name}]" : $"[{name}({string.Join(", ", arguments)})]";
    }

    /// <summary>The public constructor with the most parameters, each of which a readable property of the same name gives back.</summary>
    private static (ConstructorInfo Constructor, PropertyInfo[] Parameters) Constructor(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type,
        PropertyInfo[] properties)
    {
        foreach (ConstructorInfo constructor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            PropertyInfo?[] parameters = constructor.GetParameters()
                .Select(p => properties.FirstOrDefault(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase) && q.PropertyType == p.ParameterType))
                .ToArray();
            if (parameters.All(p => p is not null))
            {
                return (constructor, parameters.Select(p => p!).ToArray());
            }
        }

        throw new ArgumentException($"'{type.Name}' has no constructor whose arguments its properties give back.", nameof(type));
    }

    /// <summary>The phase's own length argument, the kind's trait (<c>PhaseKind.LengthArgument</c>): a constructor parameter or the <c>Steps</c> property.</summary>
    private static string LengthArgument(string kind)
        => KnownAttributes.ByName[kind].Kind?.LengthArgument
            ?? throw new ArgumentException($"[{kind}] has no length of its own to give in epochs or as a fraction of the run.", "phase");

    private static string Quote(ScheduleLength length) => length.IsSteps ? length.Text : "\"" + length.Text + "\"";

    /// <summary>Equal values, doubles compared by their bits (so that −0.0 and NaN payloads are kept), arrays element by element.</summary>
    private static bool Same(object? left, object? right) => (left, right) switch
    {
        (double l, double r) => BitConverter.DoubleToInt64Bits(l) == BitConverter.DoubleToInt64Bits(r),
        (Array l, Array r) => l.Length == r.Length && l.Cast<object>().Zip(r.Cast<object>(), Same).All(same => same),
        _ => Equals(left, right),
    };

    /// <summary>A value as a literal of the text form, typed so that it binds to the parameter or property it came from.</summary>
    private static string Literal(object? value) => value switch
    {
        double d => ScheduleText.Literal(Constant.Double(d)),
        long l when l is >= int.MinValue and <= int.MaxValue => ScheduleText.Literal(Constant.Int32((int)l)),
        long l => ScheduleText.Literal(Constant.Int64(l)),
        int i => ScheduleText.Literal(Constant.Int32(i)),
        bool b => ScheduleText.Literal(Constant.Boolean(b)),
        Enum e => ScheduleText.Literal(Constant.Enum(e.GetType().Name, Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture))),
        long[] longs => $"new long[] {{ {string.Join(", ", longs.Select(l => Literal(l)))} }}",
        double[] doubles => $"new double[] {{ {string.Join(", ", doubles.Select(d => Literal(d)))} }}",
        _ => throw new ArgumentException($"A schedule attribute argument of type {value?.GetType().Name ?? "null"} has no literal in the text form.", nameof(value)),
    };
}
