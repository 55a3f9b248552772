using System.Globalization;

namespace ScheduleDsl.Language;

/// <summary>
/// C# literals that round-trip exactly and read the same on every host: the generated code's constants and the numbers in
/// every problem message (<see cref="Problems.Problem.Format(object?[])"/>), so the analyzer and the text form word them alike.
/// </summary>
internal static class Literal
{
    /// <summary>The shortest literal that parses back to <paramref name="value"/>, always with a '.' or exponent.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "double.NegativeInfinity";
        }

        // "R" is the shortest round-trip form on .NET Core; .NET Framework's "R" can be off by one ulp, so
        // check and fall back to the always-exact "G17".
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.Parse(text, CultureInfo.InvariantCulture) != value)
        {
            text = value.ToString("G17", CultureInfo.InvariantCulture);
        }

        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0)
        {
            text += ".0";
        }

        return text;
    }

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Long(long value) => value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string String(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Text escaped for a documentation comment: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as entities.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
