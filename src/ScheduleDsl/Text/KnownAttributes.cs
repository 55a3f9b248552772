using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Reflection;
using ScheduleDsl.Language.Kinds;

namespace ScheduleDsl.Text;

/// <summary>A constructor parameter or settable property of a schedule attribute, as the text binder needs it.</summary>
/// <param name="Name">The parameter or property name, as C# spells it.</param>
/// <param name="Type">The constant type of the value, or of an array's elements.</param>
/// <param name="EnumType">The enum's name when <paramref name="Type"/> is <see cref="ConstantType.Enum"/>.</param>
/// <param name="IsArray">Whether the value is an array.</param>
/// <param name="IsParams">Whether the parameter is a <c>params</c> array.</param>
/// <param name="Default">The default of an optional parameter, or null.</param>
internal sealed record ArgumentSignature(string Name, ConstantType Type, string? EnumType, bool IsArray, bool IsParams, Constant? Default)
{
    /// <summary>The C# type as a message writes it: <c>long</c>, <c>double[]</c>, <c>EndBehavior</c>.</summary>
    public string TypeName => (EnumType ?? Parser.TypeKeyword(Type)) + (IsArray ? "[]" : string.Empty);
}

/// <summary>One schedule attribute's constructor (or constructors) and settable properties, read from the attribute class.</summary>
/// <param name="Name">The attribute's name without the <c>Attribute</c> suffix.</param>
/// <param name="Constructors">Each public constructor's parameters, in order.</param>
/// <param name="Properties">The public settable properties by name.</param>
/// <param name="AllowMultiple">Whether the attribute may appear more than once.</param>
/// <param name="Kind">The phase kind's descriptor, or null for <c>[LearningRate]</c>.</param>
internal sealed record AttributeSignature(
    string Name,
    IReadOnlyList<IReadOnlyList<ArgumentSignature>> Constructors,
    IReadOnlyDictionary<string, ArgumentSignature> Properties,
    bool AllowMultiple,
    PhaseKind? Kind = null)
{
    /// <summary>Reads the signature from the attribute class: the attribute is the single source of names, types and defaults.</summary>
    public static AttributeSignature Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] T>()
        where T : Attribute
        => Of(typeof(T));

    /// <summary>The signature of a phase kind's attribute, with the kind.</summary>
    public static AttributeSignature Of(PhaseKind kind) => Of(kind.AttributeType) with { Kind = kind };

    private static AttributeSignature Of([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] Type type)
    {
        var constructors = type.GetConstructors()
            .Select(c => (IReadOnlyList<ArgumentSignature>)c.GetParameters().Select(p => Argument(
                p.Name!,
                p.ParameterType,
                p.IsDefined(typeof(ParamArrayAttribute), false),
                p.HasDefaultValue ? p.DefaultValue : null)).ToList())
            .OrderBy(c => c.Count)
            .ThenBy(c => c.Count(p => p.Type == ConstantType.String))
            .ToList();
        var properties = type.GetProperties()
            .Where(p => p.CanWrite && p.SetMethod is { IsPublic: true } && p.DeclaringType != typeof(Attribute))
            .ToDictionary(p => p.Name, p => Argument(p.Name, p.PropertyType, false, null), StringComparer.Ordinal);
        bool allowMultiple = type.GetCustomAttribute<AttributeUsageAttribute>()?.AllowMultiple ?? false;
        string name = type.Name.EndsWith("Attribute", StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;
        return new AttributeSignature(name, constructors, properties, allowMultiple);
    }

    private static ArgumentSignature Argument(string name, Type type, bool isParams, object? defaultValue)
    {
        bool isArray = type.IsArray;
        Type element = isArray ? type.GetElementType()! : type;
        (ConstantType constantType, string? enumType) = element.IsEnum
            ? (ConstantType.Enum, element.Name)
            : (Type.GetTypeCode(element) switch
            {
                TypeCode.Double => ConstantType.Double,
                TypeCode.Single => ConstantType.Single,
                TypeCode.Int64 => ConstantType.Int64,
                TypeCode.Int32 => ConstantType.Int32,
                TypeCode.Boolean => ConstantType.Boolean,
                TypeCode.String => ConstantType.String,
                _ => throw new NotSupportedException($"Schedule attribute argument '{name}' has type {element}, which the text form does not read."),
            }, (string?)null);
        Constant? fallback = defaultValue switch
        {
            double d => Constant.Double(d),
            float f => Constant.Single(f),
            long l => Constant.Int64(l),
            int i when enumType is not null => Constant.Enum(enumType, i),
            int i => Constant.Int32(i),
            bool b => Constant.Boolean(b),
            string s => Constant.String(s),
            _ => null,
        };
        return new ArgumentSignature(name, constantType, enumType, isArray, isParams, fallback);
    }
}

/// <summary>
/// The schedule attributes the text form knows, by name: <c>[LearningRate]</c> and every kind of the descriptor registry
/// (<see cref="KindRegistry"/>), and the enums their arguments use.
/// </summary>
internal static class KnownAttributes
{
    public static readonly IReadOnlyDictionary<string, AttributeSignature> ByName = KindRegistry.All
        .Select(AttributeSignature.Of)
        .Prepend(AttributeSignature.Of<LearningRateAttribute>())
        .ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Each enum used by an attribute argument: member name → underlying value.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Enums = new[]
    {
        Members<EndBehavior>(),
        Members<CurveShape>(),
        Members<AnnealStrategy>(),
        Members<CyclicMode>(),
        Members<PeerConvention>(),
    }.ToDictionary(e => e.Name, e => e.Members, StringComparer.Ordinal);

    private static (string Name, IReadOnlyDictionary<string, long> Members) Members<TEnum>()
        where TEnum : struct, Enum
        => (typeof(TEnum).Name, Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), v => System.Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal));
}
