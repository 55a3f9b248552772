using System;

namespace ScheduleDsl.Language;

/// <summary>
/// Where an argument of a schedule attribute was written, as an opaque token: the reader that issued it
/// (<see cref="IArgumentReader"/>) resolves it to a Roslyn location or a position in the text when, and only when, a
/// diagnostic is reported. It allocates nothing and carries no Roslyn type, so it may live in cached models.
/// </summary>
/// <remarks>
/// The token counts arguments as written: <see cref="Argument"/> is the index in the attribute's argument list (a
/// params element written positionally is an argument of its own), <see cref="Element"/> the index inside an array
/// creation written as one argument (<c>new[] { … }</c>, <c>[ … ]</c>). Both are -1 for the attribute as a whole.
/// Descriptors must not interpret them; readers do.
/// </remarks>
internal readonly struct ArgumentLocation : IEquatable<ArgumentLocation>
{
    /// <summary>Creates a token.</summary>
    /// <param name="argument">The index of the argument in the attribute's argument list, or -1 for the attribute.</param>
    /// <param name="element">The index inside an array creation written as that argument, or -1.</param>
    public ArgumentLocation(int argument, int element = -1)
    {
        // Stored off by one so that default(ArgumentLocation) is the attribute as a whole.
        _argument = argument + 1;
        _element = argument < 0 ? 0 : element + 1;
    }

    private readonly int _argument;
    private readonly int _element;

    /// <summary>The attribute as a whole; also <see langword="default"/>.</summary>
    public static ArgumentLocation Attribute => default;

    /// <summary>The index of the argument as written, or -1 for the attribute as a whole.</summary>
    public int Argument => _argument - 1;

    /// <summary>The index inside an array creation written as one argument, or -1.</summary>
    public int Element => _element - 1;

    /// <summary>Whether the token designates the whole attribute.</summary>
    public bool IsAttribute => _argument == 0;

    /// <inheritdoc/>
    public bool Equals(ArgumentLocation other) => _argument == other._argument && _element == other._element;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ArgumentLocation other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (_argument * 397) ^ _element;

    /// <summary>Compares two tokens.</summary>
    /// <param name="left">The first token.</param>
    /// <param name="right">The second token.</param>
    /// <returns>Whether they designate the same place.</returns>
    public static bool operator ==(ArgumentLocation left, ArgumentLocation right) => left.Equals(right);

    /// <summary>Compares two tokens.</summary>
    /// <param name="left">The first token.</param>
    /// <param name="right">The second token.</param>
    /// <returns>Whether they designate different places.</returns>
    public static bool operator !=(ArgumentLocation left, ArgumentLocation right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => IsAttribute ? "attribute" : Element < 0 ? $"argument {Argument}" : $"argument {Argument}, element {Element}";
}
