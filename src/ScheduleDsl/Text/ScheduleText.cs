using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Serialization;

using ScheduleDsl.Language;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>
/// A schedule in its text form: the attribute syntax of a compiled schedule, such as
/// <c>[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]</c>, read without Roslyn (grammar in
/// docs/text-form.md). Parsing checks the syntax and binds every argument to the attribute's constructor or property
/// as the C# compiler would; the schedule's own rules are checked by the kinds' descriptors when the schedule is built.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> prints the canonical text (one attribute per bracket, no comments, literals in a fixed form),
/// which parses back to an equal value. Two values are equal when their canonical texts are.
/// </remarks>
[JsonConverter(typeof(ScheduleTextJsonConverter))]
[TypeConverter(typeof(ScheduleTextTypeConverter))]
public sealed partial class ScheduleText : IEquatable<ScheduleText>
{
    private readonly string _canonical;

    private readonly Lexer _lexer;

    private ScheduleText(string source, IReadOnlyList<TextAttribute> attributes, Lexer lexer)
    {
        _lexer = lexer;
        Source = source;
        Attributes = attributes;
        _canonical = Print(attributes);
    }

    /// <summary>The text as it was given.</summary>
    public string Source { get; }

    /// <summary>The attributes in the order written, bound to their constructors and properties.</summary>
    internal IReadOnlyList<TextAttribute> Attributes { get; }

    /// <summary>Reads schedule text.</summary>
    /// <param name="text">The attributes, e.g. <c>[LearningRate(0.1)] [Cosine(1000)]</c>.</param>
    /// <returns>The parsed text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ScheduleFormatException">The text is not valid; the exception carries the SDL ID and the position.</exception>
    public static ScheduleText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        (List<AttributeSyntax> syntax, Lexer lexer) = Parser.Parse(text);
        return new ScheduleText(text, TextBinder.Bind(syntax, lexer), lexer);
    }

    /// <summary>
    /// The same text with every length string (<c>"2 epochs"</c>, <c>"5%"</c>, <c>"rest"</c>) replaced by its steps in
    /// <paramref name="run"/>; positions still point into <see cref="Source"/>.
    /// </summary>
    /// <param name="run">The training run.</param>
    /// <param name="phaseLength">
    /// The name of the argument that is an attribute's own length (its phase's duration), or null. Phases with
    /// <c>Multiply = true</c> or a <c>Start</c> are not part of the sequence that <c>"rest"</c> and the run's end
    /// constrain. This is a trait of the kind: <see cref="ResolveLengths(TrainingRun)"/> takes it from the descriptors.
    /// </param>
    /// <returns>The resolved text.</returns>
    /// <exception cref="ScheduleFormatException">A length cannot be resolved in this run (SDL0110–SDL0114).</exception>
    internal ScheduleText ResolveLengths(TrainingRun run, Func<TextAttribute, string?> phaseLength)
    {
        var replaced = new Dictionary<ValueSyntax, Constant>();
        var sequence = new List<(LengthSpec Length, string What, TextPosition Position)>();
        var sequenceValues = new List<ValueSyntax?>();
        foreach (TextAttribute attribute in Attributes)
        {
            IArgumentReader reader = attribute;
            string? own = phaseLength(attribute);
            bool started = reader.Has("Start") && reader.Length("Start", -1) is var start && !(start.IsSteps && start.Value < 0);
            bool sequential = !reader.Bool("Multiply", false) && !started && own is not null && reader.Has(own);
            foreach (BoundArgument argument in attribute.Arguments.Values)
            {
                if (argument.Scalar is not { Type: ConstantType.String } text || argument.Signature.Type is not (ConstantType.Int64 or ConstantType.String) || argument.Written < 0)
                {
                    continue;
                }

                ValueSyntax value = attribute.Syntax.Arguments[argument.Written].Value;
                string what = Language.Kinds.KindReader.Describe(attribute.Name, argument.Signature.Name);
                TextPosition position = _lexer.Position(value.Start, value.Length);
                LengthSpec length = LengthSpec.Parse(text.Text);
                if (sequential && string.Equals(argument.Signature.Name, own, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                replaced[value] = Constant.Int64(run.Resolve(length, what, position));
            }

            if (sequential)
            {
                BoundArgument argument = attribute.Arguments[own!];
                ValueSyntax? value = argument.Written >= 0 ? attribute.Syntax.Arguments[argument.Written].Value : null;
                string what = Language.Kinds.KindReader.Describe(attribute.Name, argument.Signature.Name);
                sequence.Add((reader.Length(own!, 0), what, value is null ? attribute.PositionOf(reader.Location) : _lexer.Position(value.Start, value.Length)));
                sequenceValues.Add(value);
            }
        }

        long[] steps = run.ResolveSequence(sequence);
        for (int i = 0; i < steps.Length; i++)
        {
            if (sequenceValues[i] is { } value && value.Scalar is { Type: ConstantType.String })
            {
                replaced[value] = Constant.Int64(steps[i]);
            }
        }

        var syntax = Attributes.Select(a => a.Syntax with
        {
            Arguments = a.Syntax.Arguments.Select(g => replaced.TryGetValue(g.Value, out Constant? c) ? g with { Value = g.Value with { Scalar = c } } : g).ToList(),
        }).ToList();
        return new ScheduleText(Source, TextBinder.Bind(syntax, _lexer), _lexer);
    }

    /// <summary>Reads schedule text without throwing.</summary>
    /// <param name="text">The attributes.</param>
    /// <param name="result">The parsed text, or null.</param>
    /// <param name="error">Why the text is not valid, or null.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(string? text, out ScheduleText? result, out ScheduleFormatException? error)
    {
        result = null;
        error = null;
        if (text is null)
        {
            error = new ScheduleFormatException(ProblemCatalog.TextSyntax, "The schedule text is null", new TextPosition(0, 0, 1, 1));
            return false;
        }

        try
        {
            result = Parse(text);
            return true;
        }
        catch (ScheduleFormatException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>The canonical text, which <see cref="Parse(string)"/> reads back to an equal value.</summary>
    /// <returns>For example <c>[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]</c>.</returns>
    public override string ToString() => _canonical;

    /// <inheritdoc/>
    public bool Equals(ScheduleText? other) => other is not null && _canonical == other._canonical;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ScheduleText);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_canonical);

    private static string Print(IReadOnlyList<TextAttribute> attributes)
    {
        var text = new StringBuilder();
        foreach (TextAttribute attribute in attributes)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append('[').Append(attribute.Name);
            IReadOnlyList<ArgumentSyntax> arguments = attribute.Syntax.Arguments;
            if (arguments.Count > 0)
            {
                text.Append('(');
                for (int i = 0; i < arguments.Count; i++)
                {
                    ArgumentSyntax argument = arguments[i];
                    text.Append(i > 0 ? ", " : string.Empty);
                    text.Append(argument.Style switch
                    {
                        ArgumentStyle.Colon => argument.Name + ": ",
                        ArgumentStyle.Equals => argument.Name + " = ",
                        _ => string.Empty,
                    });
                    Value(text, argument.Value);
                }

                text.Append(')');
            }

            text.Append(']');
        }

        return text.ToString();
    }

    private static void Value(StringBuilder text, ValueSyntax value)
    {
        if (value.Scalar is { } scalar)
        {
            text.Append(Literal(scalar));
            return;
        }

        ArraySyntax array = value.Array!;
        string elements = string.Join(", ", array.Elements.Select(e => Literal(e.Scalar!)));
        text.Append(array.Style switch
        {
            ArrayStyle.Collection => $"[{elements}]",
            ArrayStyle.Implicit => $"new[] {{ {elements} }}",
            _ => array.Elements.Count == 0
                ? $"new {array.EnumType ?? Parser.TypeKeyword(array.ElementType!.Value)}[0]"
                : $"new {array.EnumType ?? Parser.TypeKeyword(array.ElementType!.Value)}[] {{ {elements} }}",
        });
    }

    /// <summary>A constant as a C# literal of the same type and value.</summary>
    internal static string Literal(Constant constant)
    {
        long bits = constant.Bits;
        ulong magnitude = unchecked((ulong)bits);
        switch (constant.Type)
        {
            case ConstantType.Int32:
                return bits.ToString(CultureInfo.InvariantCulture);
            case ConstantType.UInt32:
                return magnitude.ToString(CultureInfo.InvariantCulture) + (magnitude <= int.MaxValue ? "U" : string.Empty);
            case ConstantType.Int64:
                return bits.ToString(CultureInfo.InvariantCulture) + (bits is >= int.MinValue and <= uint.MaxValue ? "L" : string.Empty);
            case ConstantType.UInt64:
                return magnitude.ToString(CultureInfo.InvariantCulture) + (magnitude <= long.MaxValue ? "UL" : string.Empty);
            case ConstantType.Double:
                return Real(constant.Real, "double", string.Empty);
            case ConstantType.Single:
                return Real((float)constant.Real, "float", "f");
            case ConstantType.Decimal:
                return constant.Text + "m";
            case ConstantType.Boolean:
                return bits != 0 ? "true" : "false";
            case ConstantType.String:
                return Quote(constant.Text!);
            default:
            {
                string? member = KnownAttributes.Enums[constant.Text!].FirstOrDefault(m => m.Value == bits).Key;
                return member is not null ? $"{constant.Text}.{member}" : bits < 0 ? $"({constant.Text})({bits})" : $"({constant.Text}){bits}";
            }
        }
    }

    private static string Real(double value, string type, string suffix)
    {
        if (double.IsNaN(value))
        {
            return type + ".NaN";
        }

        if (double.IsInfinity(value))
        {
            return type + (value > 0 ? ".PositiveInfinity" : ".NegativeInfinity");
        }

        string digits = suffix.Length > 0
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        if (digits.IndexOfAny(['.', 'E']) < 0)
        {
            digits += ".0";
        }

        return digits + suffix;
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
