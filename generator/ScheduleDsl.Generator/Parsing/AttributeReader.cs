using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScheduleDsl.Generator.Parsing;

/// <summary>
/// Reads one attribute application by argument name: constructor parameters by their parameter names
/// (camelCase), named arguments by their property names (PascalCase). Also finds each argument's location
/// so that a diagnostic points at the offending value, not at the whole attribute.
/// </summary>
internal sealed class AttributeReader
{
    private readonly Dictionary<string, TypedConstant> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _parameterIndex = new(StringComparer.Ordinal);

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

    public double Double(string name, double fallback)
        => _values.TryGetValue(name, out TypedConstant value) && value.Value is IConvertible convertible
            ? convertible.ToDouble(CultureInfo.InvariantCulture)
            : fallback;

    public long Long(string name, long fallback)
        => _values.TryGetValue(name, out TypedConstant value) && value.Value is IConvertible convertible
            ? convertible.ToInt64(CultureInfo.InvariantCulture)
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
    public Location ArgumentLocation(string name, int element = 0)
    {
        if (Syntax?.ArgumentList is not { } list)
        {
            return Location;
        }

        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name || argument.NameColon?.Name.Identifier.ValueText == name)
            {
                return argument.GetLocation();
            }
        }

        if (_parameterIndex.TryGetValue(name, out int index))
        {
            int position = index + element;
            int positional = 0;
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals is null && argument.NameColon is null)
                {
                    if (positional == position)
                    {
                        return argument.GetLocation();
                    }

                    positional++;
                }
            }
        }

        return Location;
    }
}
