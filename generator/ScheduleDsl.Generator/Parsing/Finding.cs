using Microsoft.CodeAnalysis;
using ScheduleDsl.Generator.Diagnostics;
using ScheduleDsl.Language;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Generator.Parsing;

/// <summary>
/// One problem found in a schedule declaration, as values: the problem, its message arguments and where it is, kept
/// unresolved (an argument token of an attribute, a declaration, or a location the symbol already has). Only the
/// analyzer resolves it into a <see cref="Diagnostic"/>; the generator reads <see cref="Message"/> of the first error
/// for its stub and creates no <see cref="Diagnostic"/> or <see cref="Location"/>.
/// </summary>
internal readonly struct Finding
{
    private readonly AttributeReader? _attribute;
    private readonly ArgumentLocation _argument;
    private readonly SyntaxReference? _declaration;
    private readonly Location? _location;

    private Finding(Problem problem, object?[] args, AttributeReader? attribute, ArgumentLocation argument, SyntaxReference? declaration, Location? location)
    {
        Problem = problem;
        Args = args;
        _attribute = attribute;
        _argument = argument;
        _declaration = declaration;
        _location = location;
    }

    public Problem Problem { get; }

    public object?[] Args { get; }

    /// <summary>The message as the diagnostic words it (<see cref="Problem.Format(object?[])"/>, invariant culture).</summary>
    public string Message => Problem.Format(Args);

    /// <summary>The location, resolved now: the argument of the attribute, the declaration, or the symbol's location.</summary>
    public Location Location
        => _attribute is not null ? _attribute.Resolve(_argument)
            : _declaration is not null ? Location.Create(_declaration.SyntaxTree, _declaration.Span)
            : _location ?? Location.None;

    /// <summary>At an argument (or the whole) of an attribute.</summary>
    public static Finding At(Problem problem, AttributeReader attribute, ArgumentLocation argument, object?[] args) => new(problem, args, attribute, argument, null, null);

    /// <summary>At a user's declaration of a member.</summary>
    public static Finding At(Problem problem, SyntaxReference declaration, params object?[] args) => new(problem, args, null, default, declaration, null);

    /// <summary>At a location that exists already (a symbol's).</summary>
    public static Finding At(Problem problem, Location location, params object?[] args) => new(problem, args, null, default, null, location);

    public Diagnostic ToDiagnostic() => Diagnostic.Create(DiagnosticDescriptors.For(Problem), Location, Args);
}
