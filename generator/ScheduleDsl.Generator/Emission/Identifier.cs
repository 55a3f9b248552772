using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ScheduleDsl.Generator.Emission;

/// <summary>
/// The one place where names from the user's code become C# identifiers and file names: every namespace part and
/// type name written into generated code goes through <see cref="Escape"/>, every hint name through <see cref="HintName"/>.
/// </summary>
internal static class Identifier
{
    /// <summary>The name as a C# identifier: prefixed with <c>@</c> when it is a keyword (reserved or contextual).</summary>
    /// <param name="name">The symbol's name, without any <c>@</c>.</param>
    public static string Escape(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>
    /// A hint name unique for each metadata name, even where hint names are compared without regard to case (as
    /// Roslyn compares them) and valid as a file name everywhere: ASCII letters, digits, '_', '.' and '+' are kept,
    /// any other character becomes "-" and four lowercase hex digits, and when the name has capital letters a
    /// "--" and the case of its letters (hex, one bit per letter, trailing zeros dropped) follows, so that names
    /// differing only in case differ.
    /// </summary>
    /// <param name="metadataName">Namespace parts joined by '.', then the types from the outermost, joined by '+'.</param>
    public static string HintName(string metadataName)
    {
        var text = new StringBuilder(metadataName.Length + 8);
        var caseBits = new StringBuilder();
        int bits = 0;
        int count = 0;
        bool anyCapital = false;
        foreach (char c in metadataName)
        {
            bool letter = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
            if (letter || c is >= '0' and <= '9' or '_' or '.' or '+')
            {
                text.Append(c);
            }
            else
            {
                text.Append('-').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }

            if (letter)
            {
                bool capital = c <= 'Z';
                anyCapital |= capital;
                bits = (bits << 1) | (capital ? 1 : 0);
                if (++count == 4)
                {
                    caseBits.Append(bits.ToString("x", CultureInfo.InvariantCulture));
                    bits = 0;
                    count = 0;
                }
            }
        }

        if (count > 0)
        {
            caseBits.Append((bits << (4 - count)).ToString("x", CultureInfo.InvariantCulture));
        }

        if (anyCapital)
        {
            text.Append("--").Append(caseBits.ToString().TrimEnd('0'));
        }

        return text.Append(".g.cs").ToString();
    }
}
