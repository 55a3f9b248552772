using System;
using System.Collections.Generic;
using System.Linq;

using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>
/// Reads the text form's grammar (docs/text-form.md) into <see cref="AttributeSyntax"/> nodes by recursive descent,
/// evaluating each value to a typed <see cref="Constant"/> as the C# compiler would. It knows no schedule kind: names
/// are bound to attributes afterwards (<see cref="TextBinder"/>). Every error is a <see cref="ScheduleFormatException"/>.
/// </summary>
internal sealed class Parser
{
    /// <summary>The longest text read (characters); longer text is refused before it is read.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>The deepest nesting of parentheses, casts and signs.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most elements a sized array creation (<c>new double[n]</c>) may ask for.</summary>
    public const int MaxElements = 1 << 16;

    private static readonly Dictionary<string, ConstantType> KeywordTypes = new(StringComparer.Ordinal)
    {
        ["double"] = ConstantType.Double,
        ["float"] = ConstantType.Single,
        ["long"] = ConstantType.Int64,
        ["ulong"] = ConstantType.UInt64,
        ["int"] = ConstantType.Int32,
        ["uint"] = ConstantType.UInt32,
        ["bool"] = ConstantType.Boolean,
        ["string"] = ConstantType.String,
        ["decimal"] = ConstantType.Decimal,
    };

    private static readonly Dictionary<string, ConstantType> SystemTypes = new(StringComparer.Ordinal)
    {
        ["Double"] = ConstantType.Double,
        ["Single"] = ConstantType.Single,
        ["Int64"] = ConstantType.Int64,
        ["UInt64"] = ConstantType.UInt64,
        ["Int32"] = ConstantType.Int32,
        ["UInt32"] = ConstantType.UInt32,
        ["Boolean"] = ConstantType.Boolean,
        ["String"] = ConstantType.String,
        ["Decimal"] = ConstantType.Decimal,
    };

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "null", "default", "typeof", "nameof", "sizeof", "checked", "unchecked", "this", "base", "stackalloc", "await", "throw", "ref", "out",
    };

    private readonly Lexer _lexer;
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private Parser(string text)
    {
        _lexer = new Lexer(text);
        _tokens = _lexer.Tokenize();
    }

    public Lexer Lexer => _lexer;

    /// <summary>Reads a whole schedule text: one or more attribute lists.</summary>
    public static (List<AttributeSyntax> Attributes, Lexer Lexer) Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new ScheduleFormatException(ProblemCatalog.TextTooLarge, $"The schedule text has {text.Length} characters; at most {MaxLength} are read", new TextPosition(0, 0, 1, 1));
        }

        var parser = new Parser(text);
        var attributes = new List<AttributeSyntax>();
        while (parser.Current.Kind != TokenKind.End)
        {
            parser.AttributeList(attributes);
        }

        if (attributes.Count == 0)
        {
            throw parser.ErrorAt(parser.Current, ProblemCatalog.TextSyntax, "The schedule text is empty: write attributes such as [LearningRate(0.1)] [Cosine(1000)]");
        }

        return (attributes, parser._lexer);
    }

    private Token Current => _tokens[_index];

    private Token Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_index < _tokens.Count - 1 ? _index++ : _index];

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(what);
        }

        return Advance();
    }

    private ScheduleFormatException Unexpected(string expected)
    {
        Token token = Current;
        if (token.Kind == TokenKind.Operator || ((token.Kind is TokenKind.Plus or TokenKind.Minus) && expected != "an argument"))
        {
            return ErrorAt(token, ProblemCatalog.TextUnsupportedExpression, $"The operator '{token.Text}' is not evaluated in schedule text: write the value as a literal");
        }

        string found = token.Kind == TokenKind.End ? "the end of the text" : $"'{Shorten(token.Text)}'";
        return ErrorAt(token, ProblemCatalog.TextSyntax, $"Expected {expected} but found {found}");
    }

    private ScheduleFormatException ErrorAt(Token token, Problem problem, string message)
        => _lexer.Error(problem, message, token.Start, token.Length);

    private static string Shorten(string text) => text.Length > 32 ? text.Substring(0, 32) + "…" : text;

    private void AttributeList(List<AttributeSyntax> attributes)
    {
        Expect(TokenKind.OpenBracket, "'['");
        if (Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Colon)
        {
            throw ErrorAt(Current, ProblemCatalog.TextSyntax, $"An attribute target ('{Current.Text}:') is not part of schedule text");
        }

        attributes.Add(Attribute());
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            if (Current.Kind == TokenKind.CloseBracket)
            {
                break;
            }

            attributes.Add(Attribute());
        }

        Expect(TokenKind.CloseBracket, "',' or ']'");
    }

    private AttributeSyntax Attribute()
    {
        Token first = Current;
        string name = QualifiedName("an attribute name");
        var arguments = new List<ArgumentSyntax>();
        int end = _tokens[_index - 1].Start + _tokens[_index - 1].Length;
        if (Current.Kind == TokenKind.OpenParen)
        {
            Advance();
            if (Current.Kind != TokenKind.CloseParen)
            {
                arguments.Add(Argument());
                while (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    arguments.Add(Argument());
                }
            }

            Token close = Expect(TokenKind.CloseParen, "',' or ')'");
            end = close.Start + 1;
        }

        return new AttributeSyntax(name, first.Start, end - first.Start, arguments);
    }

    /// <summary>A dotted name, optionally after <c>global::</c>; verbatim identifiers lose their <c>@</c>.</summary>
    private string QualifiedName(string what)
    {
        var parts = new List<string>();
        if (Current.Kind == TokenKind.Identifier && Current.Text == "global" && Peek(1).Kind == TokenKind.ColonColon)
        {
            Advance();
            Advance();
            parts.Add("global::");
        }

        parts.Add(Identifier(what));
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            parts.Add(".");
            parts.Add(Identifier("a name after '.'"));
        }

        return string.Concat(parts);
    }

    private string Identifier(string what)
    {
        Token token = Expect(TokenKind.Identifier, what);
        return token.Text.StartsWith("@", StringComparison.Ordinal) ? token.Text.Substring(1) : token.Text;
    }

    private ArgumentSyntax Argument()
    {
        Token first = Current;
        if (first.Kind == TokenKind.Identifier && Peek(1).Kind is TokenKind.Equals or TokenKind.Colon && !KeywordTypes.ContainsKey(first.Text))
        {
            ArgumentStyle style = Peek(1).Kind == TokenKind.Equals ? ArgumentStyle.Equals : ArgumentStyle.Colon;
            string name = Identifier("an argument name");
            Advance();
            ValueSyntax named = Expression();
            return new ArgumentSyntax(style, name, first.Start, named.Start + named.Length - first.Start, named);
        }

        if (first.Kind is TokenKind.CloseParen or TokenKind.Comma or TokenKind.End or TokenKind.CloseBracket)
        {
            throw Unexpected("an argument");
        }

        ValueSyntax value = Expression();
        return new ArgumentSyntax(ArgumentStyle.Positional, null, value.Start, value.Length, value);
    }

    /// <summary>A value: a unary expression with nothing after it (binary operators are not evaluated).</summary>
    private ValueSyntax Expression()
    {
        ValueSyntax value = Unary();
        if (Current.Kind is TokenKind.Operator or TokenKind.Plus or TokenKind.Minus or TokenKind.Dot or TokenKind.OpenParen or TokenKind.OpenBracket)
        {
            throw ErrorAt(Current, ProblemCatalog.TextUnsupportedExpression, Current.Kind is TokenKind.Dot or TokenKind.OpenParen or TokenKind.OpenBracket
                ? $"Member access, calls and indexing are not evaluated in schedule text ('{Current.Text}' after a value)"
                : $"The operator '{Current.Text}' is not evaluated in schedule text: write the value as a literal");
        }

        return value;
    }

    private ValueSyntax Unary()
    {
        if (++_depth > MaxDepth)
        {
            throw ErrorAt(Current, ProblemCatalog.TextTooLarge, $"The value nests more than {MaxDepth} parentheses, casts or signs");
        }

        try
        {
            return UnaryCore();
        }
        finally
        {
            _depth--;
        }
    }

    private ValueSyntax UnaryCore()
    {
        Token first = Current;
        switch (first.Kind)
        {
            case TokenKind.Minus:
            case TokenKind.Plus:
            {
                Advance();
                ValueSyntax operand = Unary();
                Constant scalar = operand.Scalar ?? throw _lexer.Error(ProblemCatalog.TextArgumentMismatch, $"Operator '{first.Text}' cannot be applied to an array", first.Start, operand.Start + operand.Length - first.Start);
                Constant? result = first.Kind == TokenKind.Minus ? scalar.Negate() : scalar.Plus();
                int length = operand.Start + operand.Length - first.Start;
                return new ValueSyntax(first.Start, length, result ?? throw _lexer.Error(
                    scalar.IsIntegral ? ProblemCatalog.TextInvalidNumber : ProblemCatalog.TextArgumentMismatch,
                    scalar.IsIntegral ? "The operation overflows at compile time" : $"Operator '{first.Text}' cannot be applied to operand of type '{scalar.TypeName}'",
                    first.Start,
                    length), null);
            }

            case TokenKind.OpenParen:
                return Parenthesized();
            case TokenKind.Number:
            case TokenKind.String:
                Advance();
                return new ValueSyntax(first.Start, first.Length, first.Value, null);
            case TokenKind.Character:
                throw ErrorAt(first, ProblemCatalog.TextArgumentMismatch, "A character literal is not a schedule argument");
            case TokenKind.OpenBracket:
                return Collection();
            case TokenKind.Identifier:
                return Named();
            default:
                throw Unexpected("a value");
        }
    }

    private ValueSyntax Parenthesized()
    {
        Token open = Advance();
        if (TryCastType(out ConstantType type, out string? enumType, out string typeName))
        {
            ValueSyntax operand = Unary();
            int length = operand.Start + operand.Length - open.Start;
            Constant scalar = operand.Scalar ?? throw _lexer.Error(ProblemCatalog.TextArgumentMismatch, $"Cannot convert an array to '{typeName}'", open.Start, length);
            Constant? converted = scalar.ConvertExplicitly(type, enumType);
            if (converted is null)
            {
                bool range = (scalar.IsIntegral || scalar.Type is ConstantType.Double or ConstantType.Single) && type is not (ConstantType.Boolean or ConstantType.String or ConstantType.Decimal);
                throw _lexer.Error(
                    range ? ProblemCatalog.TextInvalidNumber : ProblemCatalog.TextArgumentMismatch,
                    range ? $"Constant value '{Shorten(_lexer.Text.Substring(operand.Start, operand.Length))}' cannot be converted to a '{typeName}'" : $"Cannot convert type '{scalar.TypeName}' to '{typeName}'",
                    open.Start,
                    length);
            }

            return new ValueSyntax(open.Start, length, converted, null);
        }

        ValueSyntax inner = Unary();
        if (Current.Kind != TokenKind.CloseParen)
        {
            _ = Expression();
        }

        Token close = Expect(TokenKind.CloseParen, "')'");
        return new ValueSyntax(open.Start, close.Start + 1 - open.Start, inner.Scalar is { } s ? s with { IsLiteral = false } : null, inner.Array);
    }

    /// <summary>
    /// After '(' : a cast when a type name and ')' follow and, for a non-keyword type, the next token starts a value
    /// other than a sign (C#'s rule, so <c>(EndBehavior)-1</c> is not a cast).
    /// </summary>
    private bool TryCastType(out ConstantType type, out string? enumType, out string typeName)
    {
        type = default;
        enumType = null;
        typeName = string.Empty;
        int save = _index;
        if (Current.Kind != TokenKind.Identifier)
        {
            return false;
        }

        bool keyword = KeywordTypes.TryGetValue(Current.Text, out ConstantType keywordType) && Peek(1).Kind == TokenKind.CloseParen;
        if (keyword)
        {
            typeName = Current.Text;
            type = keywordType;
            Advance();
            Advance();
            return true;
        }

        int look = 0;
        if (Peek(0).Text == "global" && Peek(1).Kind == TokenKind.ColonColon)
        {
            look = 2;
        }

        while (Peek(look).Kind == TokenKind.Identifier && Peek(look + 1).Kind == TokenKind.Dot)
        {
            look += 2;
        }

        if (Peek(look).Kind != TokenKind.Identifier || Peek(look + 1).Kind != TokenKind.CloseParen
            || Peek(look + 2).Kind is not (TokenKind.Identifier or TokenKind.Number or TokenKind.String or TokenKind.OpenParen or TokenKind.Character))
        {
            return false;
        }

        string name = QualifiedName("a type name");
        Advance();
        if (ResolveType(name) is { } resolved)
        {
            (type, enumType) = resolved;
            typeName = enumType ?? name;
            return true;
        }

        _index = save;
        throw ErrorAt(Current, ProblemCatalog.TextUnknownName, $"The type '{name}' is not a schedule enum or a number type");
    }

    /// <summary>A type name in a cast or an array creation: a keyword, a System type, or a schedule enum.</summary>
    private static (ConstantType Type, string? Enum)? ResolveType(string name)
    {
        if (KeywordTypes.TryGetValue(name, out ConstantType keyword))
        {
            return (keyword, null);
        }

        string bare = StripNamespace(name, "System");
        if (SystemTypes.TryGetValue(bare, out ConstantType system))
        {
            return (system, null);
        }

        string enumName = StripNamespace(name, "ScheduleDsl");
        return KnownAttributes.Enums.ContainsKey(enumName) ? (ConstantType.Enum, enumName) : null;
    }

    private static string StripNamespace(string name, string ns)
    {
        string bare = name.StartsWith("global::", StringComparison.Ordinal) ? name.Substring("global::".Length) : name;
        return bare.StartsWith(ns + ".", StringComparison.Ordinal) ? bare.Substring(ns.Length + 1) : bare;
    }

    private ValueSyntax Named()
    {
        Token first = Current;
        switch (first.Text)
        {
            case "true":
            case "false":
                Advance();
                return new ValueSyntax(first.Start, first.Length, Constant.Boolean(first.Text == "true"), null);
            case "new":
                return ArrayCreation();
        }

        if (Unsupported.Contains(first.Text))
        {
            throw ErrorAt(first, ProblemCatalog.TextUnsupportedExpression, $"'{first.Text}' is not evaluated in schedule text: write the value as a literal");
        }

        if (KeywordTypes.ContainsKey(first.Text) && Peek(1).Kind != TokenKind.Dot)
        {
            throw ErrorAt(first, ProblemCatalog.TextSyntax, $"'{first.Text}' is a type, not a value");
        }

        string name = QualifiedName("a value");
        int end = _tokens[_index - 1].Start + _tokens[_index - 1].Length;
        int dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            string typeName = name.Substring(0, dot);
            string member = name.Substring(dot + 1);
            if (ResolveType(typeName) is { } type)
            {
                Constant? constant = type.Enum is { } enumName
                    ? KnownAttributes.Enums[enumName].TryGetValue(member, out long value) ? Constant.Enum(enumName, value) : null
                    : NamedConstant(type.Type, member);
                if (constant is not null)
                {
                    return new ValueSyntax(first.Start, end - first.Start, constant, null);
                }

                throw _lexer.Error(ProblemCatalog.TextUnknownName, type.Enum is { } e
                    ? $"'{e}' has no member '{member}' (it has {string.Join(", ", KnownAttributes.Enums[e].Keys)})"
                    : $"'{member}' is not a constant of '{typeName}' that schedule text reads", first.Start, end - first.Start);
            }

            if (StripNamespace(typeName, "System") == "Math" && member is "PI" or "E")
            {
                return new ValueSyntax(first.Start, end - first.Start, Constant.Double(member == "PI" ? Math.PI : Math.E), null);
            }
        }

        throw _lexer.Error(ProblemCatalog.TextUnknownName, $"The name '{name}' is not a value schedule text knows (literals, enum members such as EndBehavior.Hold, and constants such as double.PositiveInfinity)", first.Start, end - first.Start);
    }

    private static Constant? NamedConstant(ConstantType type, string member) => (type, member) switch
    {
        (ConstantType.Double, "NaN") => Constant.Double(double.NaN),
        (ConstantType.Double, "PositiveInfinity") => Constant.Double(double.PositiveInfinity),
        (ConstantType.Double, "NegativeInfinity") => Constant.Double(double.NegativeInfinity),
        (ConstantType.Double, "Epsilon") => Constant.Double(double.Epsilon),
        (ConstantType.Double, "MaxValue") => Constant.Double(double.MaxValue),
        (ConstantType.Double, "MinValue") => Constant.Double(double.MinValue),
        (ConstantType.Single, "NaN") => Constant.Single(float.NaN),
        (ConstantType.Single, "PositiveInfinity") => Constant.Single(float.PositiveInfinity),
        (ConstantType.Single, "NegativeInfinity") => Constant.Single(float.NegativeInfinity),
        (ConstantType.Single, "Epsilon") => Constant.Single(float.Epsilon),
        (ConstantType.Single, "MaxValue") => Constant.Single(float.MaxValue),
        (ConstantType.Single, "MinValue") => Constant.Single(float.MinValue),
        (ConstantType.Int64, "MaxValue") => Constant.Int64(long.MaxValue),
        (ConstantType.Int64, "MinValue") => Constant.Int64(long.MinValue),
        (ConstantType.Int32, "MaxValue") => Constant.Int32(int.MaxValue),
        (ConstantType.Int32, "MinValue") => Constant.Int32(int.MinValue),
        _ => null,
    };

    /// <summary><c>new[] { … }</c>, <c>new T[] { … }</c>, <c>new T[n] { … }</c> or <c>new T[n]</c>.</summary>
    private ValueSyntax ArrayCreation()
    {
        Token first = Advance();
        if (Current.Kind == TokenKind.OpenBracket)
        {
            Advance();
            Expect(TokenKind.CloseBracket, "']' (an implicitly typed array has no size)");
            (List<ValueSyntax> elements, int close) = Initializer(required: true);
            (ConstantType type, string? enumType) = BestType(elements, first);
            return new ValueSyntax(first.Start, close - first.Start, null, new ArraySyntax(ArrayStyle.Implicit, type, enumType, Convert(elements, type, enumType)));
        }

        Token typeToken = Current;
        string typeName = QualifiedName("an element type");
        (ConstantType Type, string? Enum) elementType = ResolveType(typeName)
            ?? throw _lexer.Error(ProblemCatalog.TextUnknownName, $"The type '{typeName}' is not a schedule enum or a number type", typeToken.Start, _tokens[_index - 1].Start + _tokens[_index - 1].Length - typeToken.Start);
        Expect(TokenKind.OpenBracket, "'['");
        long? size = null;
        if (Current.Kind != TokenKind.CloseBracket)
        {
            ValueSyntax sizeValue = Expression();
            Constant? sizeConstant = sizeValue.Scalar?.ConvertImplicitly(ConstantType.Int64, null);
            if (sizeConstant is null || sizeConstant.Bits < 0)
            {
                throw _lexer.Error(ProblemCatalog.TextArgumentMismatch, "An array size is a non-negative integer", sizeValue.Start, sizeValue.Length);
            }

            size = sizeConstant.Bits;
        }

        int end = Expect(TokenKind.CloseBracket, "']'").Start + 1;
        List<ValueSyntax> items;
        if (Current.Kind == TokenKind.OpenBrace)
        {
            (items, end) = Initializer(required: false);
            if (size is { } n && n != items.Count)
            {
                throw _lexer.Error(ProblemCatalog.TextArgumentMismatch, $"An array initializer of length {n} is expected, not {items.Count}", first.Start, end - first.Start);
            }
        }
        else if (size is { } n)
        {
            if (n > MaxElements)
            {
                throw _lexer.Error(ProblemCatalog.TextTooLarge, $"An array of {n} elements is more than the {MaxElements} schedule text creates", first.Start, end - first.Start);
            }

            if (elementType.Type is ConstantType.String or ConstantType.Decimal)
            {
                throw _lexer.Error(ProblemCatalog.TextUnsupportedExpression, $"A sized '{typeName}' array is not evaluated in schedule text: write its elements", first.Start, end - first.Start);
            }

            Constant zero = elementType.Enum is { } e ? Constant.Enum(e, 0) : new Constant(elementType.Type, 0, 0, null);
            items = Enumerable.Repeat(new ValueSyntax(first.Start, end - first.Start, zero, null), (int)n).ToList();
        }
        else
        {
            throw Unexpected("'{' (an array creation without a size needs an initializer)");
        }

        return new ValueSyntax(first.Start, end - first.Start, null, new ArraySyntax(ArrayStyle.Explicit, elementType.Type, elementType.Enum, Convert(items, elementType.Type, elementType.Enum)));
    }

    /// <summary><c>[ a, b ]</c>: a collection expression, typed by the parameter it is given to.</summary>
    private ValueSyntax Collection()
    {
        Token open = Advance();
        (List<ValueSyntax> elements, int close) = Elements(TokenKind.CloseBracket, "']'");
        return new ValueSyntax(open.Start, close - open.Start, null, new ArraySyntax(ArrayStyle.Collection, null, null, elements));
    }

    private (List<ValueSyntax> Elements, int End) Initializer(bool required)
    {
        _ = required;
        Expect(TokenKind.OpenBrace, "'{'");
        return Elements(TokenKind.CloseBrace, "'}'");
    }

    private (List<ValueSyntax> Elements, int End) Elements(TokenKind close, string closeText)
    {
        var elements = new List<ValueSyntax>();
        while (Current.Kind != close)
        {
            ValueSyntax element = Expression();
            if (element.Array is not null)
            {
                throw _lexer.Error(ProblemCatalog.TextArgumentMismatch, "An array of arrays is not a schedule argument", element.Start, element.Length);
            }

            elements.Add(element);
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        Token end = Expect(close, $"',' or {closeText}");
        return (elements, end.Start + 1);
    }

    /// <summary>C#'s best common type of <c>new[] { … }</c>: the element type every other converts to.</summary>
    private (ConstantType Type, string? Enum) BestType(List<ValueSyntax> elements, Token at)
    {
        foreach (ValueSyntax candidate in elements)
        {
            Constant c = candidate.Scalar!;
            if (elements.All(e => e.Scalar!.Type == c.Type && e.Scalar.Text == c.Text || (c.Type != ConstantType.Enum && WidensTo(e.Scalar!.Type, c.Type))))
            {
                return (c.Type, c.Type == ConstantType.Enum ? c.Text : null);
            }
        }

        throw _lexer.Error(ProblemCatalog.TextArgumentMismatch, "No best type found for the implicitly-typed array: write new double[] { … } or new long[] { … }", at.Start, Current.Start - at.Start);
    }

    /// <summary>C#'s implicit numeric conversions between types (not constants).</summary>
    private static bool WidensTo(ConstantType from, ConstantType to) => from == to || (from, to) switch
    {
        (ConstantType.Int32, ConstantType.Int64 or ConstantType.Single or ConstantType.Double or ConstantType.Decimal) => true,
        (ConstantType.UInt32, ConstantType.Int64 or ConstantType.UInt64 or ConstantType.Single or ConstantType.Double or ConstantType.Decimal) => true,
        (ConstantType.Int64 or ConstantType.UInt64, ConstantType.Single or ConstantType.Double or ConstantType.Decimal) => true,
        (ConstantType.Single, ConstantType.Double) => true,
        _ => false,
    };

    private List<ValueSyntax> Convert(List<ValueSyntax> elements, ConstantType type, string? enumType)
        => elements.Select(e => e with
        {
            Scalar = e.Scalar!.ConvertImplicitly(type, enumType)
                ?? throw _lexer.Error(ProblemCatalog.TextArgumentMismatch, $"Cannot implicitly convert type '{e.Scalar.TypeName}' to '{enumType ?? TypeKeyword(type)}'", e.Start, e.Length),
        }).ToList();

    public static string TypeKeyword(ConstantType type) => KeywordTypes.First(k => k.Value == type).Key;
}
