using System.Collections.Generic;

namespace ScheduleDsl.Text;

/// <summary>How an argument is written: positionally, as <c>name: value</c> (a constructor parameter) or as <c>Name = value</c> (a property).</summary>
internal enum ArgumentStyle
{
    Positional,
    Colon,
    Equals,
}

/// <summary>How an array is written: <c>[a, b]</c>, <c>new[] { a, b }</c> or <c>new T[] { a, b }</c> (also <c>new T[n]</c>).</summary>
internal enum ArrayStyle
{
    Collection,
    Implicit,
    Explicit,
}

/// <summary>A value as written: a constant (after unary signs, casts and named constants are applied) or an array.</summary>
/// <param name="Start">The offset of the value's first character.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="Scalar">The constant, when the value is not an array.</param>
/// <param name="Array">The array, when it is one.</param>
internal sealed record ValueSyntax(int Start, int Length, Constant? Scalar, ArraySyntax? Array);

/// <summary>An array creation and its elements, each with its own span.</summary>
/// <param name="Style">How it is written.</param>
/// <param name="ElementType">The element type written (<c>new long[]</c>) or inferred (<c>new[]</c>); null for a collection expression.</param>
/// <param name="EnumType">The enum name when the element type is an enum.</param>
/// <param name="Elements">The elements.</param>
internal sealed record ArraySyntax(ArrayStyle Style, ConstantType? ElementType, string? EnumType, IReadOnlyList<ValueSyntax> Elements);

/// <summary>One argument of an attribute as written.</summary>
/// <param name="Style">Positional, <c>name:</c> or <c>Name =</c>.</param>
/// <param name="Name">The name written, or null for a positional argument.</param>
/// <param name="Start">The offset of the argument (its name, when it has one).</param>
/// <param name="Length">The number of characters up to the end of the value.</param>
/// <param name="Value">The value.</param>
internal sealed record ArgumentSyntax(ArgumentStyle Style, string? Name, int Start, int Length, ValueSyntax Value);

/// <summary>One attribute as written, before it is bound to the attribute's constructor and properties.</summary>
/// <param name="Name">The name as written, qualification and suffix included (<c>ScheduleDsl.CosineAttribute</c>).</param>
/// <param name="Start">The offset of the name.</param>
/// <param name="Length">The number of characters up to the closing parenthesis (or the end of the name).</param>
/// <param name="Arguments">The arguments in the order written.</param>
internal sealed record AttributeSyntax(string Name, int Start, int Length, IReadOnlyList<ArgumentSyntax> Arguments);
