using System;
using System.Collections.Generic;
using System.Linq;

using ScheduleDsl.Language;

namespace ScheduleDsl.Text;

/// <summary>An argument bound to its constructor parameter or property, with its value converted to that type.</summary>
/// <param name="Signature">The parameter or property.</param>
/// <param name="Scalar">The value, when it is not an array.</param>
/// <param name="Elements">The elements, when it is an array.</param>
/// <param name="Written">The index of the argument in the written list, or -1 when the parameter takes its default.</param>
/// <param name="Expanded">Whether the array is a params list written element by element (each element an argument).</param>
internal sealed record BoundArgument(ArgumentSignature Signature, Constant? Scalar, IReadOnlyList<Constant>? Elements, int Written, bool Expanded);

/// <summary>
/// One attribute of schedule text, bound to the attribute's constructor and properties as the C# compiler binds it:
/// the text side of <see cref="IArgumentReader"/>. Its tokens resolve to positions in the text.
/// </summary>
internal sealed class TextAttribute : IArgumentReader
{
    private readonly Dictionary<string, BoundArgument> _arguments;
    private readonly Lexer _lexer;

    public TextAttribute(AttributeSyntax syntax, AttributeSignature signature, Dictionary<string, BoundArgument> arguments, Lexer lexer)
    {
        Syntax = syntax;
        Signature = signature;
        _arguments = arguments;
        _lexer = lexer;
    }

    public AttributeSyntax Syntax { get; }

    public AttributeSignature Signature { get; }

    public string Name => Signature.Name;

    public ArgumentLocation Location => ArgumentLocation.Attribute;

    /// <summary>The arguments that have a value, by parameter or property name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, BoundArgument> Arguments => _arguments;

    /// <summary>The span of the attribute, an argument, or an array element that a token designates.</summary>
    public TextPosition PositionOf(ArgumentLocation location)
    {
        if (location.IsAttribute || location.Argument >= Syntax.Arguments.Count)
        {
            return _lexer.Position(Syntax.Start, Syntax.Length);
        }

        ArgumentSyntax argument = Syntax.Arguments[location.Argument];
        if (location.Element >= 0 && argument.Value.Array is { } array && location.Element < array.Elements.Count)
        {
            ValueSyntax element = array.Elements[location.Element];
            return _lexer.Position(element.Start, element.Length);
        }

        return _lexer.Position(argument.Start, argument.Length);
    }

    public bool Has(string name) => _arguments.ContainsKey(name);

    public ArgumentLocation LocationOf(string name, int element = -1)
    {
        if (!_arguments.TryGetValue(name, out BoundArgument? argument) || argument.Written < 0)
        {
            return ArgumentLocation.Attribute;
        }

        if (element < 0)
        {
            return new ArgumentLocation(argument.Written);
        }

        return argument.Expanded ? new ArgumentLocation(argument.Written + element) : new ArgumentLocation(argument.Written, element);
    }

    public double Double(string name, double fallback) => Scalar(name) is { } c ? c.AsDouble : fallback;

    public long Long(string name, long fallback)
    {
        if (Scalar(name) is not { } c)
        {
            return fallback;
        }

        if (c.Type == ConstantType.String)
        {
            LengthSpec length = LengthSpec.Parse(c.Text);
            return length.IsSteps
                ? (long)length.Value
                : throw new InvalidOperationException($"'{name}' of [{Name}] is the length \"{c.Text}\": read it with Length, or resolve it against a training run first.");
        }

        return c.Type is ConstantType.Single or ConstantType.Double ? (long)c.Real : c.Bits;
    }

    public LengthSpec Length(string name, long fallback)
        => Scalar(name) is { Type: ConstantType.String } c ? LengthSpec.Parse(c.Text) : LengthSpec.FromSteps(Long(name, fallback));

    public int Int(string name, int fallback) => Scalar(name) is { } c ? unchecked((int)c.Bits) : fallback;

    public bool Bool(string name, bool fallback) => Scalar(name) is { } c ? c.Bits != 0 : fallback;

    public double[] Doubles(string name)
        => _arguments.TryGetValue(name, out BoundArgument? a) && a.Elements is { } e ? e.Select(c => c.AsDouble).ToArray() : Array.Empty<double>();

    public long[] Longs(string name)
        => _arguments.TryGetValue(name, out BoundArgument? a) && a.Elements is { } e ? e.Select(c => c.Bits).ToArray() : Array.Empty<long>();

    private Constant? Scalar(string name) => _arguments.TryGetValue(name, out BoundArgument? a) ? a.Scalar : null;
}
