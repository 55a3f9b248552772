using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Text;

/// <summary>The kinds of token of the text form.</summary>
internal enum TokenKind
{
    End,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    OpenBrace,
    CloseBrace,
    Comma,
    Dot,
    Colon,
    ColonColon,
    Equals,
    Minus,
    Plus,

    /// <summary>A C# operator the text form does not evaluate (<c>* / % &amp; | ^ ! ~ &lt; &gt; ?</c>), kept to word the error.</summary>
    Operator,
    Identifier,
    Number,
    String,

    /// <summary>A character literal, which no schedule argument accepts.</summary>
    Character,
}

/// <summary>One token: its kind, its span and, for literals, its value.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text, Constant? Value = null);

/// <summary>
/// Splits schedule text into tokens, C# style: identifiers (with <c>@</c>), numeric literals with digit separators,
/// suffixes, exponents, hexadecimal and binary forms, regular and verbatim strings, <c>//</c> and <c>/* */</c>
/// comments. It reads each character once, so its time is linear in the text.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly List<int> _lineStarts = new() { 0 };
    private int _position;

    public Lexer(string text)
    {
        _text = text;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The text being read.</summary>
    public string Text => _text;

    /// <summary>The position of a span, with line and column.</summary>
    public TextPosition Position(int start, int length)
    {
        int line = _lineStarts.BinarySearch(start);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new TextPosition(start, length, line + 1, start - _lineStarts[line] + 1);
    }

    public ScheduleFormatException Error(Problem problem, string message, int start, int length)
        => new(problem, message, Position(start, length));

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipTrivia();
            if (_position >= _text.Length)
            {
                tokens.Add(new Token(TokenKind.End, _text.Length, 0, string.Empty));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n' && _text[_position] != '\r')
                {
                    _position++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                int close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Error(ProblemCatalog.TextSyntax, "The comment is not closed: '/*' has no matching '*/'", _position, 2);
                }

                _position = close + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int ahead) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private Token Next()
    {
        int start = _position;
        char c = _text[_position];
        TokenKind? punctuation = c switch
        {
            '[' => TokenKind.OpenBracket,
            ']' => TokenKind.CloseBracket,
            '(' => TokenKind.OpenParen,
            ')' => TokenKind.CloseParen,
            '{' => TokenKind.OpenBrace,
            '}' => TokenKind.CloseBrace,
            ',' => TokenKind.Comma,
            '=' => TokenKind.Equals,
            '-' => TokenKind.Minus,
            '+' => TokenKind.Plus,
            '*' or '/' or '%' or '&' or '|' or '^' or '!' or '~' or '<' or '>' or '?' => TokenKind.Operator,
            _ => null,
        };
        if (punctuation is { } kind)
        {
            _position++;
            return new Token(kind, start, 1, c.ToString());
        }

        if (c == ':')
        {
            bool pair = Peek(1) == ':';
            _position += pair ? 2 : 1;
            return new Token(pair ? TokenKind.ColonColon : TokenKind.Colon, start, _position - start, pair ? "::" : ":");
        }

        if (c == '.' && !IsDigit(Peek(1)))
        {
            _position++;
            return new Token(TokenKind.Dot, start, 1, ".");
        }

        if (IsDigit(c) || c == '.')
        {
            return Number();
        }

        if (c == '"' || (c == '@' && Peek(1) == '"'))
        {
            return String();
        }

        if (c == '\'')
        {
            int close = _text.IndexOf('\'', _position + 1);
            _position = close < 0 ? _text.Length : close + 1;
            return new Token(TokenKind.Character, start, _position - start, _text.Substring(start, _position - start));
        }

        if (IsIdentifierStart(c) || (c == '@' && IsIdentifierStart(Peek(1))))
        {
            _position += c == '@' ? 2 : 1;
            while (_position < _text.Length && IsIdentifierPart(_text[_position]))
            {
                _position++;
            }

            string text = _text.Substring(start, _position - start);
            return new Token(TokenKind.Identifier, start, text.Length, text);
        }

        int width = char.IsHighSurrogate(c) && char.IsLowSurrogate(Peek(1)) ? 2 : 1;
        string shown = _text.Substring(start, width);
        string described = char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{shown}'";
        throw Error(ProblemCatalog.TextSyntax, $"Unexpected character {described}", start, width);
    }

    private Token Number()
    {
        int start = _position;
        bool hex = _text[_position] == '0' && (Peek(1) is 'x' or 'X');
        bool binary = _text[_position] == '0' && (Peek(1) is 'b' or 'B');
        if (hex || binary)
        {
            _position += 2;
            int digitsStart = _position;
            while (_position < _text.Length && (_text[_position] == '_' || (hex ? IsHexDigit(_text[_position]) : _text[_position] is '0' or '1')))
            {
                _position++;
            }

            string digits = _text.Substring(digitsStart, _position - digitsStart);
            string suffix = IntegerSuffix();
            string text = Finish(start);
            if (digits.Replace("_", string.Empty).Length == 0 || digits.EndsWith("_", StringComparison.Ordinal))
            {
                throw Error(ProblemCatalog.TextInvalidNumber, $"'{text}' is not a valid {(hex ? "hexadecimal" : "binary")} literal", start, text.Length);
            }

            ulong value = 0;
            foreach (char d in digits)
            {
                if (d == '_')
                {
                    continue;
                }

                int digit = hex ? int.Parse(d.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : d - '0';
                if (value > (ulong.MaxValue >> (hex ? 4 : 1)))
                {
                    throw Error(ProblemCatalog.TextInvalidNumber, $"Integral constant '{text}' is too large", start, text.Length);
                }

                value = (value << (hex ? 4 : 1)) | (uint)digit;
            }

            return new Token(TokenKind.Number, start, text.Length, text, Constant.Integer(value, suffix, text, IsLiteral: true) ?? throw Error(ProblemCatalog.TextInvalidNumber, $"Integral constant '{text}' is too large", start, text.Length));
        }

        bool real = false;
        string integral = Digits();
        string fraction = string.Empty;
        if (_position < _text.Length && _text[_position] == '.' && IsDigit(Peek(1)))
        {
            real = true;
            _position++;
            fraction = Digits();
        }

        string exponent = string.Empty;
        if (_position < _text.Length && _text[_position] is 'e' or 'E')
        {
            int mark = _position;
            _position++;
            string sign = _position < _text.Length && _text[_position] is '+' or '-' ? _text[_position++].ToString() : string.Empty;
            string digits = Digits();
            if (digits.Length == 0)
            {
                _position = mark + 1;
                string bad = Finish(start);
                throw Error(ProblemCatalog.TextInvalidNumber, $"'{bad}' is not a valid real literal: the exponent has no digits", start, bad.Length);
            }

            real = true;
            exponent = "e" + sign + digits;
        }

        char next = _position < _text.Length ? _text[_position] : '\0';
        string realSuffix = next is 'f' or 'F' or 'd' or 'D' or 'm' or 'M' ? _text[_position++].ToString().ToLowerInvariant() : string.Empty;
        string integerSuffix = realSuffix.Length == 0 && !real ? IntegerSuffix() : string.Empty;
        string literal = Finish(start);
        if (integral.EndsWith("_", StringComparison.Ordinal) || fraction.EndsWith("_", StringComparison.Ordinal) || exponent.EndsWith("_", StringComparison.Ordinal))
        {
            throw Error(ProblemCatalog.TextInvalidNumber, $"'{literal}' is not a valid numeric literal: a digit separator '_' must stand between digits", start, literal.Length);
        }

        if (integral.Length == 0 && fraction.Length == 0)
        {
            throw Error(ProblemCatalog.TextSyntax, "Unexpected character '.'", start, 1);
        }

        if (realSuffix.Length == 0 && !real)
        {
            if (!ulong.TryParse(integral.Replace("_", string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
            {
                throw Error(ProblemCatalog.TextInvalidNumber, $"Integral constant '{literal}' is too large", start, literal.Length);
            }

            return new Token(TokenKind.Number, start, literal.Length, literal, Constant.Integer(value, integerSuffix, literal, IsLiteral: true) ?? throw Error(ProblemCatalog.TextInvalidNumber, $"Integral constant '{literal}' is too large", start, literal.Length));
        }

        string clean = (integral.Length == 0 ? "0" : integral).Replace("_", string.Empty)
            + (fraction.Length > 0 ? "." + fraction.Replace("_", string.Empty) : string.Empty)
            + exponent.Replace("_", string.Empty);
        Constant? constant = Constant.RealLiteral(clean, realSuffix, literal);
        return new Token(TokenKind.Number, start, literal.Length, literal, constant
            ?? throw Error(ProblemCatalog.TextInvalidNumber, $"Floating-point constant '{literal}' is outside the range of type '{Constant.RealTypeName(realSuffix)}'", start, literal.Length));
    }

    private string Finish(int start)
    {
        // A literal runs into the next identifier character only when it is malformed (10x, 1e5L, 0x1G).
        if (_position < _text.Length && (IsIdentifierPart(_text[_position]) || _text[_position] == '.' && IsDigit(Peek(1))))
        {
            while (_position < _text.Length && (IsIdentifierPart(_text[_position]) || _text[_position] == '.'))
            {
                _position++;
            }

            string bad = _text.Substring(start, _position - start);
            throw Error(ProblemCatalog.TextInvalidNumber, $"'{bad}' is not a valid numeric literal", start, bad.Length);
        }

        return _text.Substring(start, _position - start);
    }

    private string Digits()
    {
        int start = _position;
        while (_position < _text.Length && (IsDigit(_text[_position]) || (_text[_position] == '_' && _position > start)))
        {
            _position++;
        }

        return _text.Substring(start, _position - start);
    }

    private string IntegerSuffix()
    {
        int start = _position;
        char a = Peek(0);
        char b = Peek(1);
        if ((a is 'u' or 'U' && b is 'l' or 'L') || (a is 'l' or 'L' && b is 'u' or 'U'))
        {
            _position += 2;
        }
        else if (a is 'u' or 'U' or 'l' or 'L')
        {
            _position++;
        }

        return _text.Substring(start, _position - start).ToUpperInvariant();
    }

    private Token String()
    {
        int start = _position;
        bool verbatim = _text[_position] == '@';
        _position += verbatim ? 2 : 1;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || (!verbatim && _text[_position] is '\n' or '\r'))
            {
                throw Error(ProblemCatalog.TextSyntax, "The string is not closed: '\"' expected", start, 1);
            }

            char c = _text[_position++];
            if (c == '"')
            {
                if (verbatim && Peek(0) == '"')
                {
                    value.Append('"');
                    _position++;
                    continue;
                }

                string text = _text.Substring(start, _position - start);
                return new Token(TokenKind.String, start, text.Length, text, Constant.String(value.ToString()));
            }

            if (c != '\\' || verbatim)
            {
                value.Append(c);
                continue;
            }

            int escape = _position - 1;
            char e = _position < _text.Length ? _text[_position++] : '\0';
            switch (e)
            {
                case '\'': value.Append('\''); break;
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '0': value.Append('\0'); break;
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'v': value.Append('\v'); break;
                case 'u':
                    if (_position + 4 <= _text.Length && int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        value.Append((char)code);
                        _position += 4;
                        break;
                    }

                    goto default;
                default:
                    throw Error(ProblemCatalog.TextSyntax, "Unrecognized escape sequence in the string", escape, Math.Min(2, _text.Length - escape));
            }
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsHexDigit(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;
}
