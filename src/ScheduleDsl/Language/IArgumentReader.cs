namespace ScheduleDsl.Language;

/// <summary>
/// The arguments of one schedule attribute as written, whatever they were written in: C# attribute syntax read by the
/// source generator (over Roslyn's <c>AttributeData</c>) or the text form parsed at run time. A kind's descriptor reads
/// its arguments only through this interface, so one descriptor serves both paths.
/// </summary>
/// <remarks>
/// <para>
/// <b>Names.</b> An argument is named by the attribute's property (<c>nameof(CosineAttribute.Final)</c>) or by the
/// constructor parameter that sets it (<c>steps</c> for <c>CosineAttribute.Steps</c>); the two compare
/// case-insensitively (ordinal), because every constructor parameter of a schedule attribute is the camelCase of the
/// property it sets. Positional arguments are known by their parameter's name: a reader maps positions to parameters
/// (the compiler's overload resolution on the Roslyn side, the attribute's constructor signature on the text side).
/// </para>
/// <para>
/// <b>Values.</b> Values arrive already converted to the parameter's or property's type, as the C# compiler converts
/// attribute arguments (an integer literal given for a <see cref="double"/> reads as that double; a value of the wrong
/// type never reaches a descriptor: the host reports it first, CS1503 on the Roslyn side, a format error on the text
/// side). Enum arguments read as their underlying <see cref="int"/> through <see cref="Int(string, int)"/>, which also
/// returns values that are not defined members (<c>(EndBehavior)7</c>), for the descriptor to reject.
/// </para>
/// <para>
/// <b>Locations.</b> Every argument has an <see cref="ArgumentLocation"/>: an opaque, allocation-free token that only
/// the reader which issued it can resolve (to a Roslyn <c>Location</c>, or to an offset, line and column in the text).
/// Descriptors pass tokens through to their diagnostics and never look inside.
/// </para>
/// <para>
/// This file is compiled into the runtime library and, linked as source, into the netstandard2.0 generator: keep it
/// free of Roslyn types and of APIs newer than netstandard2.0.
/// </para>
/// </remarks>
internal interface IArgumentReader
{
    /// <summary>The attribute's name without the <c>Attribute</c> suffix, e.g. <c>Cosine</c>.</summary>
    string Name { get; }

    /// <summary>The location of the attribute as a whole (its name and argument list).</summary>
    ArgumentLocation Location { get; }

    /// <summary>
    /// Whether the argument <paramref name="name"/> has a value: a constructor parameter always has one (its default, or
    /// an empty params array, when not written, as in Roslyn's <c>AttributeData.ConstructorArguments</c>); a property
    /// only when it is assigned.
    /// </summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <returns><see langword="true"/> when the argument has a value.</returns>
    bool Has(string name);

    /// <summary>
    /// The location of the argument <paramref name="name"/>, or of element <paramref name="element"/> of an array
    /// argument (a params list or an array creation); <see cref="Location"/> when the argument is not written.
    /// </summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <param name="element">The array element, or -1 for the argument as a whole.</param>
    /// <returns>A token for the host to resolve when it reports a diagnostic.</returns>
    ArgumentLocation LocationOf(string name, int element = -1);

    /// <summary>The value of a <see cref="double"/> (or <see cref="float"/>) argument, or <paramref name="fallback"/> when it is not written.</summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <param name="fallback">The value to return when the argument is not written.</param>
    /// <returns>The argument's value.</returns>
    double Double(string name, double fallback);

    /// <summary>The value of a <see cref="long"/> argument, or <paramref name="fallback"/> when it is not written.</summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <param name="fallback">The value to return when the argument is not written.</param>
    /// <returns>The argument's value.</returns>
    long Long(string name, long fallback);

    /// <summary>
    /// The value of a length argument: a <see cref="long"/> reads as <see cref="LengthSpec.FromSteps(long)"/>, a string
    /// (<c>"2 epochs"</c>, <c>"5%"</c>, <c>"rest"</c>) as <see cref="LengthSpec.Parse(string)"/>, which may be invalid
    /// (the descriptor reports <see cref="LengthSpec.Error"/> at <see cref="LocationOf(string, int)"/>).
    /// </summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <param name="fallback">The steps to return when the argument is not written.</param>
    /// <returns>The length as written; only a training run turns the other units into steps.</returns>
    LengthSpec Length(string name, long fallback);

    /// <summary>The value of an <see cref="int"/> or enum argument (its underlying value), or <paramref name="fallback"/> when it is not written.</summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <param name="fallback">The value to return when the argument is not written.</param>
    /// <returns>The argument's value.</returns>
    int Int(string name, int fallback);

    /// <summary>The value of a <see cref="bool"/> argument, or <paramref name="fallback"/> when it is not written.</summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <param name="fallback">The value to return when the argument is not written.</param>
    /// <returns>The argument's value.</returns>
    bool Bool(string name, bool fallback);

    /// <summary>The elements of a <see cref="double"/> array argument; empty when it is not written.</summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <returns>A new array, element <c>i</c> located by <c>LocationOf(name, i)</c>.</returns>
    double[] Doubles(string name);

    /// <summary>The elements of a <see cref="long"/> array argument (a params list or an array creation); empty when it is not written.</summary>
    /// <param name="name">A property or constructor parameter name.</param>
    /// <returns>A new array, element <c>i</c> located by <c>LocationOf(name, i)</c>.</returns>
    long[] Longs(string name);
}
