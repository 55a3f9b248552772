using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScheduleDsl.Language;

namespace ScheduleDsl.Generator.Parsing;

/// <summary>
/// The Roslyn side of <see cref="IArgumentReader"/>: reads one attribute application by argument name, constructor
/// parameters (camelCase) and properties (PascalCase) alike, compared case-insensitively, and resolves the
/// <see cref="Language.ArgumentLocation"/> tokens it issues to the argument's (or array element's) <see cref="Microsoft.CodeAnalysis.Location"/>.
/// Only this class and the parser know symbols and locations.
/// </summary>
internal sealed class AttributeReader : IArgumentReader
{
    private readonly Dictionary<string, TypedConstant> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _parameterIndex = new(StringComparer.OrdinalIgnoreCase);

    public AttributeReader(AttributeData data)
    {
        Data = data;
        Syntax = data.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        Name = data.AttributeClass?.Name is { } name && name.EndsWith("Attribute", StringComparison.Ordinal)
            ? name.Substring(0, name.Length - "Attribute".Length)
            : data.AttributeClass?.Name ?? "?";

        if (data.AttributeConstructor is { } constructor)
        {
            for (int i = 0; i < constructor.Parameters.Length && i < data.ConstructorArguments.Length; i++)
            {
                _values[constructor.Parameters[i].Name] = data.ConstructorArguments[i];
                _parameterIndex[constructor.Parameters[i].Name] = i;
            }
        }

        foreach (KeyValuePair<string, TypedConstant> named in data.NamedArguments)
        {
            _values[named.Key] = named.Value;
        }

        HasErrors = data.AttributeConstructor is null
            || _values.Values.Any(v => v.Kind == TypedConstantKind.Error || (v.Kind != TypedConstantKind.Array && v.IsNull && v.Type?.IsValueType == true));
    }

    public AttributeData Data { get; }

    public AttributeSyntax? Syntax { get; }

    /// <summary>The attribute name as written in documentation, e.g. "Cosine".</summary>
    public string Name { get; }

    /// <summary>The compiler already reports an error in these arguments; the schedule is skipped silently.</summary>
    public bool HasErrors { get; }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The arguments written as strings (lengths such as <c>"5%"</c>), by name.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Strings()
        => _values.Where(v => v.Value.Type?.SpecialType == SpecialType.System_String).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value.Value as string));

    /// <summary>The constructor's parameter names in order, then the named arguments, with their constants.</summary>
    public IEnumerable<(string Name, bool IsProperty, TypedConstant Value)> Written()
    {
        if (Data.AttributeConstructor is { } constructor)
        {
            for (int i = 0; i < constructor.Parameters.Length && i < Data.ConstructorArguments.Length; i++)
            {
                yield return (constructor.Parameters[i].Name, false, Data.ConstructorArguments[i]);
            }
        }

        foreach (KeyValuePair<string, TypedConstant> named in Data.NamedArguments)
        {
            yield return (named.Key, true, named.Value);
        }
    }

    public double Double(string name, double fallback)
        => _values.TryGetValue(name, out TypedConstant value) && value.Value is IConvertible convertible
            ? convertible.ToDouble(CultureInfo.InvariantCulture)
            : fallback;

    public long Long(string name, long fallback)
        => _values.TryGetValue(name, out TypedConstant value) && value.Value is IConvertible convertible
            ? value.Value is string text
                ? LengthSpec.Parse(text) is { IsSteps: true } steps ? (long)steps.Value : fallback
                : convertible.ToInt64(CultureInfo.InvariantCulture)
            : fallback;

    public int Int(string name, int fallback)
        => _values.TryGetValue(name, out TypedConstant value) && value.Value is IConvertible convertible
            ? convertible.ToInt32(CultureInfo.InvariantCulture)
            : fallback;

    public bool Bool(string name, bool fallback)
        => _values.TryGetValue(name, out TypedConstant value) && value.Value is bool flag ? flag : fallback;

    public double[] Doubles(string name)
        => _values.TryGetValue(name, out TypedConstant value) && value.Kind == TypedConstantKind.Array && !value.IsNull
            ? value.Values.Select(v => v.Value is IConvertible c ? c.ToDouble(CultureInfo.InvariantCulture) : double.NaN).ToArray()
            : Array.Empty<double>();

    public long[] Longs(string name)
        => _values.TryGetValue(name, out TypedConstant value) && value.Kind == TypedConstantKind.Array && !value.IsNull
            ? value.Values.Select(v => v.Value is IConvertible c ? c.ToInt64(CultureInfo.InvariantCulture) : 0L).ToArray()
            : Array.Empty<long>();

    /// <summary>The attribute's own location (its name and arguments).</summary>
    public Location Location => Syntax?.GetLocation() ?? Location.None;

    /// <summary>
    /// The location of the argument <paramref name="name"/>, or of element <paramref name="element"/> of a
    /// params array; the attribute's location when the argument is not written.
    /// </summary>
    public Location LocationAt(string name, int element = 0) => Resolve(LocationOf(name, element));

    ArgumentLocation IArgumentReader.Location => Language.ArgumentLocation.Attribute;

    public LengthSpec Length(string name, long fallback)
        => _values.TryGetValue(name, out TypedConstant value) && value.Type?.SpecialType == SpecialType.System_String
            ? LengthSpec.Parse(value.Value as string)
            : LengthSpec.FromSteps(Long(name, fallback));

    /// <summary>
    /// The token of the argument <paramref name="name"/>: a named argument, or a positional one by its parameter's
    /// index; element <paramref name="element"/> of a params array written element by element is the argument at that
    /// offset, and of an array written as one argument (<c>new[] { … }</c>, <c>[ … ]</c>) that whole argument.
    /// </summary>
    public ArgumentLocation LocationOf(string name, int element = -1)
    {
        if (Syntax?.ArgumentList is not { } list)
        {
            return Language.ArgumentLocation.Attribute;
        }

        for (int i = 0; i < list.Arguments.Count; i++)
        {
            AttributeArgumentSyntax argument = list.Arguments[i];
            string? written = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
            if (written is not null && string.Equals(written, name, StringComparison.OrdinalIgnoreCase))
            {
                return new ArgumentLocation(i);
            }
        }

        if (_parameterIndex.TryGetValue(name, out int index))
        {
            int positional = 0;
            for (int i = 0; i < list.Arguments.Count; i++)
            {
                AttributeArgumentSyntax argument = list.Arguments[i];
                if (argument.NameEquals is null && argument.NameColon is null)
                {
                    if (positional == index)
                    {
                        // One array argument holds the elements (diagnostics about an element point at the whole array,
                        // which the code fixes rewrite); otherwise each element is an argument of its own.
                        return Elements(argument) is not null ? new ArgumentLocation(i) : Offset(list, i, Math.Max(element, 0));
                    }

                    positional++;
                }
            }
        }

        return Language.ArgumentLocation.Attribute;
    }

    /// <summary>The location a token designates: the argument, the element inside it, or the attribute.</summary>
    public Location Resolve(ArgumentLocation location)
    {
        if (location.IsAttribute || Syntax?.ArgumentList is not { } list || location.Argument >= list.Arguments.Count)
        {
            return Location;
        }

        AttributeArgumentSyntax argument = list.Arguments[location.Argument];
        return location.Element >= 0 && Elements(argument) is { } elements && location.Element < elements.Count
            ? elements[location.Element].GetLocation()
            : argument.GetLocation();
    }

    /// <summary>The positional argument <paramref name="offset"/> places after argument <paramref name="first"/>, or the attribute.</summary>
    private static ArgumentLocation Offset(AttributeArgumentListSyntax list, int first, int offset)
    {
        int positional = 0;
        for (int i = first; i < list.Arguments.Count; i++)
        {
            if (list.Arguments[i].NameEquals is null && list.Arguments[i].NameColon is null)
            {
                if (positional == offset)
                {
                    return new ArgumentLocation(i);
                }

                positional++;
            }
        }

        return Language.ArgumentLocation.Attribute;
    }

    /// <summary>The elements of an array written as one argument (array creation or collection expression).</summary>
    private static IReadOnlyList<SyntaxNode>? Elements(AttributeArgumentSyntax argument) => argument.Expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax { Initializer: var initializer } => initializer.Expressions,
        CollectionExpressionSyntax collection => collection.Elements,
        _ => null,
    };
}
