using System;
using System.Collections.Generic;
using System.Linq;

using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>
/// Binds parsed attributes to the schedule attributes' constructors and properties, with the C# compiler's rules for
/// attribute arguments: positional arguments first, <c>name:</c> arguments for constructor parameters,
/// <c>Name = value</c> for settable properties after them, <c>params</c> arrays in normal or expanded form, optional
/// parameters' defaults, implicit constant conversions. What the compiler would reject is a
/// <see cref="ScheduleFormatException"/> (SDL0103–SDL0105). A string given for a <c>long</c> is a length
/// (<c>"2 epochs"</c>, docs/text-form.md), checked here and resolved against a training run.
/// </summary>
internal static class TextBinder
{
    public static List<TextAttribute> Bind(IReadOnlyList<AttributeSyntax> attributes, Lexer lexer)
    {
        var bound = new List<TextAttribute>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (AttributeSyntax syntax in attributes)
        {
            AttributeSignature signature = Resolve(syntax, lexer);
            if (!signature.AllowMultiple && !seen.Add(signature.Name))
            {
                throw lexer.Error(ProblemCatalog.TextDuplicateAttribute, ProblemCatalog.TextDuplicateAttribute.Format(signature.Name), syntax.Start, syntax.Length);
            }

            bound.Add(Bind(syntax, signature, lexer));
        }

        return bound;
    }

    private static AttributeSignature Resolve(AttributeSyntax syntax, Lexer lexer)
    {
        string name = syntax.Name.StartsWith("global::", StringComparison.Ordinal) ? syntax.Name.Substring("global::".Length) : syntax.Name;
        if (name.StartsWith("ScheduleDsl.", StringComparison.Ordinal))
        {
            name = name.Substring("ScheduleDsl.".Length);
        }

        if (KnownAttributes.ByName.TryGetValue(name, out AttributeSignature? signature)
            || (name.EndsWith("Attribute", StringComparison.Ordinal) && KnownAttributes.ByName.TryGetValue(name.Substring(0, name.Length - "Attribute".Length), out signature)))
        {
            return signature;
        }

        string? near = KnownAttributes.ByName.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase) || string.Equals(k + "Attribute", name, StringComparison.OrdinalIgnoreCase));
        throw lexer.Error(
            ProblemCatalog.TextUnknownName,
            $"'{syntax.Name}' is not a schedule attribute{(near is null ? string.Empty : $"; did you mean '{near}'?")}",
            syntax.Start,
            Math.Min(syntax.Length, syntax.Name.Length));
    }

    private static TextAttribute Bind(AttributeSyntax syntax, AttributeSignature signature, Lexer lexer)
    {
        ScheduleFormatException? first = null;
        int firstRank = -1;
        foreach (IReadOnlyList<ArgumentSignature> constructor in signature.Constructors)
        {
            try
            {
                return new TextAttribute(syntax, signature, BindConstructor(syntax, signature, constructor, lexer), lexer);
            }
            catch (ScheduleFormatException error)
            {
                // Report the error of the constructor whose arity is closest to what was written; among those, a malformed
                // length string (the string overload was meant) before the first constructor's conversion error.
                int positional = syntax.Arguments.Count(a => a.Style != ArgumentStyle.Equals);
                int rank = (constructor.Count == positional || constructor.Any(p => p.IsParams) ? 1 : 0)
                    + (error.DiagnosticId == ProblemCatalog.InvalidLengthText.Id ? 2 : 0);
                if (rank > firstRank)
                {
                    first = error;
                    firstRank = rank;
                }
            }
        }

        throw first ?? lexer.Error(ProblemCatalog.TextArgumentMismatch, $"'{signature.Name}' has no public constructor", syntax.Start, syntax.Length);
    }

    private static Dictionary<string, BoundArgument> BindConstructor(AttributeSyntax syntax, AttributeSignature signature, IReadOnlyList<ArgumentSignature> parameters, Lexer lexer)
    {
        var bound = new Dictionary<string, BoundArgument>(StringComparer.OrdinalIgnoreCase);
        var paramsElements = new List<(ValueSyntax Value, int Written)>();
        int position = 0;
        bool outOfPosition = false;
        bool properties = false;
        for (int i = 0; i < syntax.Arguments.Count; i++)
        {
            ArgumentSyntax argument = syntax.Arguments[i];
            switch (argument.Style)
            {
                case ArgumentStyle.Positional:
                    if (properties)
                    {
                        throw Error(lexer, argument, "Named attribute argument expected: positional arguments come before 'Name = value' arguments");
                    }

                    if (outOfPosition)
                    {
                        throw Error(lexer, argument, "A positional argument cannot follow a named argument that is out of position");
                    }

                    if (position < parameters.Count && parameters[position].IsParams)
                    {
                        paramsElements.Add((argument.Value, i));
                        break;
                    }

                    if (position >= parameters.Count)
                    {
                        throw Error(lexer, argument, $"'{signature.Name}' takes {parameters.Count} positional argument{(parameters.Count == 1 ? string.Empty : "s")} ({Describe(signature, parameters)})");
                    }

                    Add(bound, parameters[position], argument.Value, i, lexer, argument);
                    position++;
                    break;

                case ArgumentStyle.Colon:
                {
                    if (properties)
                    {
                        throw Error(lexer, argument, "Named attribute argument expected: 'name:' arguments come before 'Name = value' arguments");
                    }

                    int index = IndexOf(parameters, argument.Name!);
                    if (index < 0)
                    {
                        throw Error(lexer, argument, $"'{signature.Name}' has no parameter named '{argument.Name}' ({Describe(signature, parameters)}){Suggest(argument.Name!, parameters.Select(p => p.Name))}");
                    }

                    if (bound.ContainsKey(parameters[index].Name) || (parameters[index].IsParams && paramsElements.Count > 0))
                    {
                        throw Error(lexer, argument, $"Named argument '{argument.Name}' specifies a parameter for which a value was already given");
                    }

                    outOfPosition |= index != position;
                    if (parameters[index].IsParams && argument.Value.Array is null)
                    {
                        paramsElements.Add((argument.Value, i));
                    }
                    else
                    {
                        Add(bound, parameters[index], argument.Value, i, lexer, argument);
                    }

                    if (index == position)
                    {
                        position++;
                    }

                    break;
                }

                default:
                {
                    properties = true;
                    if (!signature.Properties.TryGetValue(argument.Name!, out ArgumentSignature? property))
                    {
                        string reason = parameters.Any(p => string.Equals(p.Name, argument.Name, StringComparison.OrdinalIgnoreCase)) || signature.Constructors.Any(c => c.Any(p => string.Equals(p.Name, argument.Name, StringComparison.OrdinalIgnoreCase)))
                            ? $"'{argument.Name}' is set by the constructor, not a settable property; write it positionally or as '{char.ToLowerInvariant(argument.Name![0])}{argument.Name.Substring(1)}: value'"
                            : $"'{signature.Name}' has no settable property '{argument.Name}'{Suggest(argument.Name!, signature.Properties.Keys)}";
                        throw Error(lexer, argument, reason);
                    }

                    if (bound.ContainsKey(property.Name))
                    {
                        throw Error(lexer, argument, $"'{argument.Name}' duplicate named attribute argument");
                    }

                    Add(bound, property, argument.Value, i, lexer, argument, isProperty: true);
                    break;
                }
            }
        }

        foreach (ArgumentSignature parameter in parameters)
        {
            if (bound.ContainsKey(parameter.Name))
            {
                continue;
            }

            if (parameter.IsParams)
            {
                BindParams(bound, parameter, paramsElements, lexer, syntax);
            }
            else if (parameter.Default is { } fallback)
            {
                bound[parameter.Name] = new BoundArgument(parameter, fallback, null, -1, false);
            }
            else
            {
                throw lexer.Error(ProblemCatalog.TextArgumentMismatch, $"There is no argument given that corresponds to the required parameter '{parameter.Name}' of '{signature.Name}({Describe(signature, parameters)})'", syntax.Start, syntax.Length);
            }
        }

        return bound;
    }

    private static void BindParams(Dictionary<string, BoundArgument> bound, ArgumentSignature parameter, List<(ValueSyntax Value, int Written)> elements, Lexer lexer, AttributeSyntax syntax)
    {
        if (elements.Count == 1 && elements[0].Value.Array is not null)
        {
            // Normal form: one array for the params parameter.
            ArgumentSyntax argument = syntax.Arguments[elements[0].Written];
            Add(bound, parameter, elements[0].Value, elements[0].Written, lexer, argument);
            return;
        }

        var values = new List<Constant>();
        foreach ((ValueSyntax value, int written) in elements)
        {
            values.Add(Convert(parameter, value, lexer, element: true));
            _ = written;
        }

        bound[parameter.Name] = new BoundArgument(parameter, null, values, elements.Count > 0 ? elements[0].Written : -1, Expanded: true);
    }

    private static void Add(Dictionary<string, BoundArgument> bound, ArgumentSignature target, ValueSyntax value, int written, Lexer lexer, ArgumentSyntax argument, bool isProperty = false)
    {
        if (target.IsArray)
        {
            if (value.Array is not { } array)
            {
                throw Error(lexer, argument, $"Cannot convert '{value.Scalar!.TypeName}' to '{target.TypeName}' for '{target.Name}'");
            }

            if (array.ElementType is { } written_ && (written_ != target.Type || array.EnumType != target.EnumType))
            {
                string type = (array.EnumType ?? Parser.TypeKeyword(written_)) + "[]";
                throw Error(lexer, argument, $"Cannot convert '{type}' to '{target.TypeName}' for '{target.Name}'");
            }

            bound[target.Name] = new BoundArgument(target, null, array.Elements.Select(e => Convert(target, e, lexer, element: true)).ToList(), written, false);
            return;
        }

        if (value.Array is not null)
        {
            throw Error(lexer, argument, $"Cannot convert an array to '{target.TypeName}' for '{target.Name}'");
        }

        bound[target.Name] = new BoundArgument(target, Convert(target, value, lexer, element: false, isProperty), null, written, false);
    }

    private static Constant Convert(ArgumentSignature target, ValueSyntax value, Lexer lexer, bool element, bool isProperty = false)
    {
        Constant constant = value.Scalar ?? throw lexer.Error(ProblemCatalog.TextArgumentMismatch, $"An array cannot be an element of '{target.TypeName}'", value.Start, value.Length);
        if (!target.IsArray && constant.Type == ConstantType.String && (target.Type == ConstantType.String || (target.Type == ConstantType.Int64 && isProperty)))
        {
            // The text form's lengths (docs/text-form.md): checked now, resolved against a training run later. Every string
            // parameter of a schedule attribute is a length (the overloads beside the long ones, [Warmup("5%")]); a long
            // property (Start, Steps) takes one too in the text form, which C# cannot write.
            Language.LengthSpec length = Language.LengthSpec.Parse(constant.Text);
            return length.Unit == Language.LengthUnit.Invalid
                ? throw lexer.Error(ProblemCatalog.InvalidLengthText, length.Error!, value.Start, value.Length)
                : constant;
        }

        return constant.ConvertImplicitly(target.Type, target.EnumType)
            ?? throw lexer.Error(
                ProblemCatalog.TextArgumentMismatch,
                $"Cannot convert '{constant.TypeName}' to '{target.EnumType ?? Parser.TypeKeyword(target.Type)}' for {(element ? "an element of " : string.Empty)}'{target.Name}'",
                value.Start,
                value.Length);
    }

    private static int IndexOf(IReadOnlyList<ArgumentSignature> parameters, string name)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(AttributeSignature signature, IReadOnlyList<ArgumentSignature> parameters)
        => string.Join(", ", parameters.Select(p => (p.IsParams ? "params " : string.Empty) + p.TypeName + " " + p.Name));

    private static string Suggest(string name, IEnumerable<string> candidates)
        => candidates.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) is { } near ? $"; did you mean '{near}'?" : string.Empty;

    private static ScheduleFormatException Error(Lexer lexer, ArgumentSyntax argument, string message)
        => lexer.Error(ProblemCatalog.TextArgumentMismatch, message, argument.Start, argument.Length);
}
