using System;

namespace ScheduleDsl.Text;

/// <summary>A span of schedule text: where an attribute, an argument, an array element or an error is.</summary>
/// <param name="Offset">The zero-based character offset of the span's start.</param>
/// <param name="Length">The number of characters in the span.</param>
/// <param name="Line">The one-based line of the span's start.</param>
/// <param name="Column">The one-based column (in UTF-16 code units) of the span's start.</param>
public readonly record struct TextPosition(int Offset, int Length, int Line, int Column)
{
    /// <summary>The position as a compiler writes it: <c>(line,column)</c>.</summary>
    /// <returns>For example <c>(1,23)</c>.</returns>
    public override string ToString() => $"({Line},{Column})";
}
