using System.Globalization;

namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// Recursive-descent parser for SPICE behavioral expressions. Precedence, loosest first: + −; * /; unary −;
/// ^ and ** (left-associative, as ngspice evaluates 2^3^2 = 64); atoms. So −x^2 = −(x^2), as in ngspice.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _source;
    private readonly string _text;
    private int _pos;

    public ExpressionParser(string text)
    {
        _source = text;
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && ((trimmed[0] == '{' && trimmed[^1] == '}') || (trimmed[0] == '\'' && trimmed[^1] == '\'')))
        {
            trimmed = trimmed[1..^1];
        }
        _text = trimmed;
    }

    public Expression ParseAll()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw Error("empty expression");
        }
        var result = ParseSum();
        SkipSpace();
        if (_pos < _text.Length)
        {
            throw _text[_pos] == ')' ? Error("unbalanced parentheses: unexpected ')'") : Error($"unexpected '{_text[_pos]}'");
        }
        return result;
    }

    private Expression ParseSum()
    {
        var left = ParseProduct();
        while (true)
        {
            SkipSpace();
            if (Peek('+'))
            {
                _pos++;
                left = new BinaryExpression(Operation.Add, left, ParseProduct(), false);
            }
            else if (Peek('-'))
            {
                _pos++;
                left = new BinaryExpression(Operation.Subtract, left, ParseProduct(), false);
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (Peek('*') && !PeekAt(1, '*'))
            {
                _pos++;
                left = new BinaryExpression(Operation.Multiply, left, ParseUnary(), false);
            }
            else if (Peek('/'))
            {
                _pos++;
                left = new BinaryExpression(Operation.Divide, left, ParseUnary(), false);
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParseUnary()
    {
        SkipSpace();
        if (Peek('-'))
        {
            _pos++;
            return new UnaryExpression(Operation.Negate, ParseUnary());
        }
        if (Peek('+'))
        {
            _pos++;
            return ParseUnary();
        }
        return ParsePower();
    }

    private Expression ParsePower()
    {
        var left = ParseAtom();
        while (true)
        {
            SkipSpace();
            if (Peek('^'))
            {
                _pos++;
            }
            else if (Peek('*') && PeekAt(1, '*'))
            {
                _pos += 2;
            }
            else
            {
                return left;
            }
            left = new BinaryExpression(Operation.Power, left, ParseExponent(), false);
        }
    }

    private Expression ParseExponent()
    {
        SkipSpace();
        if (Peek('-'))
        {
            _pos++;
            return new UnaryExpression(Operation.Negate, ParseExponent());
        }
        if (Peek('+'))
        {
            _pos++;
            return ParseExponent();
        }
        return ParseAtom();
    }

    private Expression ParseAtom()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of expression");
        }
        var c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseSum();
            Expect(')');
            return inner;
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            return new ConstantExpression(ParseNumber());
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
            var name = _text[start.._pos].ToLowerInvariant();
            SkipSpace();
            var call = Peek('(');
            if (name == "v" && call)
            {
                return ParseVoltage();
            }
            if (name == "pi" && !call)
            {
                return new ConstantExpression(Math.PI);
            }
            if (name == "i" && call)
            {
                throw Error("branch currents I(...) are not supported in expressions");
            }
            if (!call)
            {
                throw Error($"unknown name '{name}' (parameters must be substituted before parsing)", start);
            }
            if (!FunctionTable.TryGet(name, out var operation, out var arity))
            {
                throw Error($"unknown function '{name}' (known: {string.Join(" ", FunctionTable.Names)})", start);
            }
            _pos++;
            var first = ParseSum();
            if (arity == 1)
            {
                Expect(')');
                return new UnaryExpression(operation, first);
            }
            Expect(',');
            var second = ParseSum();
            Expect(')');
            return new BinaryExpression(operation, first, second, true);
        }
        if (c == ')')
        {
            throw Error("unbalanced parentheses: unexpected ')'");
        }
        throw Error($"unexpected '{c}'");
    }

    private Expression ParseVoltage()
    {
        _pos++; // '('
        var plus = ParseNodeName();
        var minus = "0";
        SkipSpace();
        if (Peek(','))
        {
            _pos++;
            minus = ParseNodeName();
        }
        Expect(')');
        return new VoltageExpression(plus, minus);
    }

    private string ParseNodeName()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not (',' or ')' or '('))
        {
            _pos++;
        }
        if (_pos == start)
        {
            throw _pos >= _text.Length ? Error("unbalanced parentheses: missing ')'") : Error("missing node name in V()");
        }
        return _text[start.._pos];
    }

    private double ParseNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        // An exponent only when digits follow: "1e-3", but "2e" is a bad number.
        if (_pos < _text.Length && (_text[_pos] is 'e' or 'E'))
        {
            var p = _pos + 1;
            if (p < _text.Length && _text[p] is '+' or '-') p++;
            if (p < _text.Length && char.IsAsciiDigit(_text[p]))
            {
                _pos = p;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            }
            else
            {
                throw Error($"bad number '{_text[start..Math.Min(p, _text.Length)]}'", start);
            }
        }
        var mantissa = _text[start.._pos];
        var suffixStart = _pos;
        while (_pos < _text.Length && char.IsAsciiLetter(_text[_pos])) _pos++;
        var suffix = _text[suffixStart.._pos].ToLowerInvariant();
        if (!double.TryParse(mantissa, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"bad number '{_text[start.._pos]}'", start);
        }
        value *= ScaleSuffix.Factor(suffix);
        if (!double.IsFinite(value))
        {
            throw Error($"bad number '{_text[start.._pos]}' (out of range)", start);
        }
        return value;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Peek(c))
        {
            _pos++;
            return;
        }
        if (_pos >= _text.Length)
        {
            throw c == ')' ? Error("unbalanced parentheses: missing ')'") : Error($"expected '{c}' at end of expression");
        }
        throw Error($"expected '{c}' but found '{_text[_pos]}'");
    }

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private bool PeekAt(int offset, char c) => _pos + offset < _text.Length && _text[_pos + offset] == c;

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private FormatException Error(string what, int? at = null) =>
        new($"expression '{_source.Trim()}': {what} at column {(at ?? _pos) + 1}");
}
