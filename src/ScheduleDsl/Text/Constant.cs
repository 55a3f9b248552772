using System;
using System.Globalization;

namespace ScheduleDsl.Text;

/// <summary>The C# types a constant of the text form can have.</summary>
internal enum ConstantType
{
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Boolean,
    String,
    Enum,
}

/// <summary>
/// A typed constant, as the C# compiler sees an attribute argument before converting it to the parameter's type:
/// integers keep their literal type (int, uint, long, ulong), reals theirs (float, double, decimal), enum members
/// their enum. The conversions to a parameter's type follow C#'s implicit constant conversions.
/// </summary>
/// <param name="Type">The constant's C# type.</param>
/// <param name="Bits">The value of an integer, boolean or enum (a ulong's bits for <see cref="ConstantType.UInt64"/>).</param>
/// <param name="Real">The value of a float or double (a float's value widened exactly).</param>
/// <param name="Text">The string's value, the decimal's digits, or the enum's type name.</param>
/// <param name="IsLiteral">Written as a literal (C# lets the literal 0 convert to any enum, and folds −2147483648 and −9223372036854775808).</param>
internal sealed record Constant(ConstantType Type, long Bits, double Real, string? Text, bool IsLiteral = false)
{
    /// <summary>The largest integer literals that are only valid after a unary minus.</summary>
    public const ulong Int32MinMagnitude = 2147483648UL;

    public const ulong Int64MinMagnitude = 9223372036854775808UL;

    public static Constant Boolean(bool value) => new(ConstantType.Boolean, value ? 1 : 0, 0, null);

    public static Constant String(string value) => new(ConstantType.String, 0, 0, value);

    public static Constant Int32(int value) => new(ConstantType.Int32, value, 0, null);

    public static Constant Int64(long value) => new(ConstantType.Int64, value, 0, null);

    public static Constant Double(double value) => new(ConstantType.Double, 0, value, null);

    public static Constant Single(float value) => new(ConstantType.Single, 0, value, null);

    public static Constant Enum(string type, long value) => new(ConstantType.Enum, value, 0, type);

    /// <summary>The type of an integer literal by C#'s rules: the first of its candidate types that holds the value.</summary>
    public static Constant? Integer(ulong value, string suffix, string literal, bool IsLiteral)
    {
        _ = literal;
        ConstantType? type = suffix switch
        {
            "" => value <= int.MaxValue ? ConstantType.Int32 : value <= uint.MaxValue ? ConstantType.UInt32 : value <= long.MaxValue ? ConstantType.Int64 : ConstantType.UInt64,
            "U" => value <= uint.MaxValue ? ConstantType.UInt32 : ConstantType.UInt64,
            "L" => value <= long.MaxValue ? ConstantType.Int64 : ConstantType.UInt64,
            _ => ConstantType.UInt64,
        };
        return new Constant(type.Value, unchecked((long)value), 0, null, IsLiteral);
    }

    /// <summary>A real literal: double unless suffixed f (float) or m (decimal); null when out of range.</summary>
    public static Constant? RealLiteral(string digits, string suffix, string literal)
    {
        _ = literal;
        switch (suffix)
        {
            case "f":
                float single = float.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
                return float.IsInfinity(single) ? null : Single(single);
            case "m":
                return decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal money)
                    ? new Constant(ConstantType.Decimal, 0, 0, money.ToString(CultureInfo.InvariantCulture))
                    : null;
            default:
                double real = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
                return double.IsInfinity(real) ? null : Double(real);
        }
    }

    public static string RealTypeName(string suffix) => suffix switch { "f" => "float", "m" => "decimal", _ => "double" };

    /// <summary>The C# keyword or enum name of the constant's type, for messages.</summary>
    public string TypeName => Type switch
    {
        ConstantType.Int32 => "int",
        ConstantType.UInt32 => "uint",
        ConstantType.Int64 => "long",
        ConstantType.UInt64 => "ulong",
        ConstantType.Single => "float",
        ConstantType.Double => "double",
        ConstantType.Decimal => "decimal",
        ConstantType.Boolean => "bool",
        ConstantType.String => "string",
        _ => Text!,
    };

    public bool IsIntegral => Type is ConstantType.Int32 or ConstantType.UInt32 or ConstantType.Int64 or ConstantType.UInt64;

    /// <summary>The value as a double, exactly as C# converts it (integers rounded to nearest, floats widened).</summary>
    public double AsDouble => Type switch
    {
        ConstantType.UInt64 => unchecked((ulong)Bits),
        ConstantType.Single or ConstantType.Double => Real,
        _ => Bits,
    };

    /// <summary>
    /// The implicit constant conversion of C# to <paramref name="target"/> (a number type, bool, string or the enum
    /// <paramref name="enumType"/>), or null when C# would report CS1503/CS0031.
    /// </summary>
    public Constant? ConvertImplicitly(ConstantType target, string? enumType)
    {
        if (target == Type && (target != ConstantType.Enum || enumType == Text))
        {
            return this;
        }

        ulong magnitude = unchecked((ulong)Bits);
        switch (target)
        {
            case ConstantType.Double:
                return IsIntegral || Type == ConstantType.Single ? Double(AsDouble) : null;
            case ConstantType.Single:
                return IsIntegral ? Single(Type == ConstantType.UInt64 ? (float)magnitude : (float)Bits) : null;
            case ConstantType.Int64:
                // int, uint widen; a constant ulong never converts implicitly to long.
                return Type is ConstantType.Int32 or ConstantType.UInt32 ? Int64(Bits) : null;
            case ConstantType.Int32:
                // Only a long/uint/ulong constant expression of type int converts; none of those is an int.
                return null;
            case ConstantType.Enum:
                return IsLiteral && IsIntegral && Bits == 0 && Type is ConstantType.Int32 ? Enum(enumType!, 0) : null;
            default:
                return null;
        }
    }

    /// <summary>An explicit conversion in a constant context (a cast), checked as C# checks constant casts; null when it is an error.</summary>
    public Constant? ConvertExplicitly(ConstantType target, string? enumType)
    {
        if (Type is ConstantType.Boolean or ConstantType.String || target is ConstantType.Boolean or ConstantType.String || Type == ConstantType.Decimal || target == ConstantType.Decimal)
        {
            return target == Type && (target != ConstantType.Enum || enumType == Text) ? this : null;
        }

        bool real = Type is ConstantType.Single or ConstantType.Double;
        switch (target)
        {
            case ConstantType.Double:
                return Double(AsDouble);
            case ConstantType.Single:
                return Single((float)AsDouble);
            case ConstantType.Int32 or ConstantType.Enum or ConstantType.Int64 or ConstantType.UInt32 or ConstantType.UInt64:
            {
                // Real to integer truncates toward zero; out of range (or NaN) is CS0221 in a constant context.
                double truncated = real ? Math.Truncate(AsDouble) : 0;
                (double min, double max) = target switch
                {
                    ConstantType.Int32 or ConstantType.Enum => (int.MinValue, int.MaxValue),
                    ConstantType.UInt32 => (0, uint.MaxValue),
                    ConstantType.Int64 => (long.MinValue, 9223372036854775807.0),
                    _ => (0, 18446744073709551615.0),
                };
                if (real)
                {
                    if (double.IsNaN(truncated) || truncated < min || truncated > max || (target == ConstantType.Int64 && truncated >= 9223372036854775808.0) || (target == ConstantType.UInt64 && truncated >= 18446744073709551616.0))
                    {
                        return null;
                    }

                    long bits = target == ConstantType.UInt64 ? unchecked((long)(ulong)truncated) : (long)truncated;
                    return new Constant(target, bits, 0, target == ConstantType.Enum ? enumType : null);
                }

                bool unsignedSource = Type == ConstantType.UInt64;
                ulong magnitude = unchecked((ulong)Bits);
                bool fits = target switch
                {
                    ConstantType.Int32 or ConstantType.Enum => unsignedSource ? magnitude <= int.MaxValue : Bits is >= int.MinValue and <= int.MaxValue,
                    ConstantType.UInt32 => unsignedSource ? magnitude <= uint.MaxValue : Bits is >= 0 and <= uint.MaxValue,
                    ConstantType.Int64 => !unsignedSource || magnitude <= long.MaxValue,
                    _ => unsignedSource || Bits >= 0,
                };
                return fits ? new Constant(target, Bits, 0, target == ConstantType.Enum ? enumType : null) : null;
            }

            default:
                return null;
        }
    }

    /// <summary>Unary minus by C#'s rules, or null when it is an error (overflow, ulong, bool, string, enum).</summary>
    public Constant? Negate()
    {
        switch (Type)
        {
            case ConstantType.Int32:
                return Bits == int.MinValue ? null : Int32((int)-Bits);
            case ConstantType.UInt32:
                // -uint is long, except that -2147483648 (a uint literal) is the int int.MinValue.
                return IsLiteral && unchecked((ulong)Bits) == Int32MinMagnitude ? Int32(int.MinValue) : Int64(-Bits);
            case ConstantType.Int64:
                return Bits == long.MinValue ? null : Int64(-Bits);
            case ConstantType.UInt64:
                return IsLiteral && unchecked((ulong)Bits) == Int64MinMagnitude ? Int64(long.MinValue) : null;
            case ConstantType.Single:
                return Single(-(float)Real);
            case ConstantType.Double:
                return Double(-Real);
            case ConstantType.Decimal:
                return this with { Text = Text!.StartsWith("-", StringComparison.Ordinal) ? Text.Substring(1) : "-" + Text, IsLiteral = false };
            default:
                return null;
        }
    }

    /// <summary>Unary plus: the same value; an error for bool, string and enums.</summary>
    public Constant? Plus() => Type is ConstantType.Boolean or ConstantType.String or ConstantType.Enum ? null : this with { IsLiteral = false };
}
