using System.Globalization;

namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// Recursive-descent parser for SPICE expressions, the one grammar of B-source expressions and <c>.param</c> values.
/// Precedence, loosest first: <c>?:</c> (right-associative); ||; &amp;&amp;; == !=; &lt; &lt;= &gt; &gt;=; + −; * /;
/// unary − + !; ^ and ** (left-associative, as ngspice evaluates 2^3^2 = 64); atoms. So −x^2 = −(x^2), as in ngspice.
/// Braces group like parentheses and quotes are ignored, so <c>{2*a}</c> and <c>'2*a'</c> read as <c>2*a</c>.
/// With a parameter lookup, names are parameters, node voltages are refused and constant operations are folded, so
/// a <c>.param</c> value parses to one <see cref="ConstantExpression"/>.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private readonly Func<string, double?>? _parameters;
    private readonly int _leading;
    private int _pos;

    /// <summary>A parser for <paramref name="text"/>; <paramref name="parameters"/> (null for B-sources) returns a
    /// parameter's value or null.</summary>
    public ExpressionParser(string text, Func<string, double?>? parameters = null)
    {
        _text = text;
        _parameters = parameters;
        while (_leading < text.Length && char.IsWhiteSpace(text[_leading]))
        {
            _leading++;
        }
    }

    private bool Fold => _parameters is not null;

    public Expression ParseAll()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw Error("empty expression");
        }
        var result = ParseConditional();
        SkipSpace();
        if (_pos < _text.Length)
        {
            throw _text[_pos] is ')' or '}' ? Error($"unbalanced parentheses: unexpected '{_text[_pos]}'") : Error($"unexpected '{_text[_pos]}'");
        }
        return result;
    }

    private Expression ParseConditional()
    {
        var condition = ParseOr();
        SkipSpace();
        if (!Peek('?'))
        {
            return condition;
        }
        _pos++;
        var whenTrue = ParseConditional();
        Expect(':');
        var whenFalse = ParseConditional();
        return Conditional(condition, whenTrue, whenFalse);
    }

    // The comparison and logic levels, loosest first; each is left-associative over the next one down. Two-character
    // operators come before their one-character prefixes ("<=" before "<").
    private static readonly (string Text, Operation Operation)[][] LogicLevels =
    [
        [("||", Operation.Or)],
        [("&&", Operation.And)],
        [("==", Operation.Equal), ("!=", Operation.NotEqual)],
        [("<=", Operation.LessEqual), (">=", Operation.GreaterEqual), ("<", Operation.Less), (">", Operation.Greater)],
    ];

    private Expression ParseOr() => ParseLogic(0);

    private Expression ParseLogic(int level)
    {
        if (level == LogicLevels.Length)
        {
            return ParseSum();
        }
        var left = ParseLogic(level + 1);
        while (TryOperator(LogicLevels[level], out var operation))
        {
            left = Binary(operation, left, ParseLogic(level + 1), false);
        }
        return left;
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
                left = Binary(Operation.Add, left, ParseProduct(), false);
            }
            else if (Peek('-'))
            {
                _pos++;
                left = Binary(Operation.Subtract, left, ParseProduct(), false);
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
                left = Binary(Operation.Multiply, left, ParseUnary(), false);
            }
            else if (Peek('/'))
            {
                _pos++;
                left = Binary(Operation.Divide, left, ParseUnary(), false);
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
            return Unary(Operation.Negate, ParseUnary());
        }
        if (Peek('+'))
        {
            _pos++;
            return ParseUnary();
        }
        if (Peek('!') && !PeekAt(1, '='))
        {
            _pos++;
            return Unary(Operation.Not, ParseUnary());
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
            left = Binary(Operation.Power, left, ParseExponent(), false);
        }
    }

    private Expression ParseExponent()
    {
        SkipSpace();
        if (Peek('-'))
        {
            _pos++;
            return Unary(Operation.Negate, ParseExponent());
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
        if (c is '(' or '{')
        {
            _pos++;
            var inner = ParseConditional();
            Expect(c == '(' ? ')' : '}');
            return inner;
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            return new ConstantExpression(ParseNumber());
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ParseName();
        }
        if (c is ')' or '}')
        {
            throw Error($"unbalanced parentheses: unexpected '{c}'");
        }
        throw Error($"unexpected '{c}'");
    }

    private Expression ParseName()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }
        var written = _text[start.._pos];
        var name = written.ToLowerInvariant();
        SkipSpace();
        var call = Peek('(');
        if (!call)
        {
            if (_parameters?.Invoke(name) is { } value)
            {
                return new ConstantExpression(value);
            }
            if (name == "pi")
            {
                return new ConstantExpression(Math.PI);
            }
            throw _parameters is null
                ? Error($"unknown name '{name}' (parameters must be substituted before parsing)", start)
                : Error($"unknown parameter '{written}'", start);
        }
        if (name is "v" or "i" && _parameters is not null)
        {
            throw Error($"{name.ToUpperInvariant()}(...) is not allowed in a parameter value", start);
        }
        if (name == "v")
        {
            return ParseVoltage();
        }
        if (name == "i")
        {
            throw Error("branch currents I(...) are not supported in expressions");
        }
        if (!FunctionTable.TryGet(name, out var operation, out var arity))
        {
            throw Error($"unknown function '{name}' (known: {string.Join(" ", FunctionTable.Names)})", start);
        }
        _pos++; // '('
        var args = ParseArguments();
        if (arity == FunctionTable.Variadic ? args.Count == 0 : args.Count != arity)
        {
            var wanted = arity == FunctionTable.Variadic ? "one or more arguments" : arity == 1 ? "1 argument" : $"{arity} arguments";
            throw Error(string.Create(CultureInfo.InvariantCulture, $"function '{name}' takes {wanted}, got {args.Count}"), start);
        }
        return arity switch
        {
            1 => Unary(operation, args[0]),
            3 => Conditional(args[0], args[1], args[2]),
            _ => args.Skip(1).Aggregate(args[0], (left, right) => Binary(operation, left, right, true)),
        };
    }

    private List<Expression> ParseArguments()
    {
        var args = new List<Expression>();
        SkipSpace();
        if (Peek(')'))
        {
            _pos++;
            return args;
        }
        while (true)
        {
            args.Add(ParseConditional());
            SkipSpace();
            if (!Peek(','))
            {
                Expect(')');
                return args;
            }
            _pos++;
        }
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
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && _text[_pos] is not (',' or ')' or '(' or '\''))
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
        while (_pos < _text.Length && (char.IsAsciiLetter(_text[_pos]) || (_pos > suffixStart && _text[_pos] == '_'))) _pos++;
        if (!double.TryParse(mantissa, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"bad number '{_text[start.._pos]}'", start);
        }
        value *= ScaleSuffix.Factor(_text.AsSpan(suffixStart, _pos - suffixStart));
        if (!double.IsFinite(value))
        {
            throw Error($"bad number '{_text[start.._pos]}' (out of range)", start);
        }
        return value;
    }

    // With a parameter lookup (constant folding) an operation on constants is computed now, by the same
    // OperationMath the compiled tape uses.
    private Expression Unary(Operation operation, Expression operand) =>
        Fold && operand is ConstantExpression a
            ? new ConstantExpression(OperationMath.Unary(operation, a.Value))
            : new UnaryExpression(operation, operand);

    private Expression Binary(Operation operation, Expression left, Expression right, bool asFunction) =>
        Fold && left is ConstantExpression a && right is ConstantExpression b
            ? new ConstantExpression(OperationMath.Binary(operation, a.Value, b.Value))
            : new BinaryExpression(operation, left, right, asFunction);

    private Expression Conditional(Expression condition, Expression whenTrue, Expression whenFalse) =>
        Fold && condition is ConstantExpression c
            ? (c.Value != 0 ? whenTrue : whenFalse)
            : new ConditionalExpression(condition, whenTrue, whenFalse);

    private bool TryOperator((string Text, Operation Operation)[] operators, out Operation operation)
    {
        SkipSpace();
        foreach (var (text, op) in operators)
        {
            if (string.CompareOrdinal(_text, _pos, text, 0, text.Length) == 0)
            {
                _pos += text.Length;
                operation = op;
                return true;
            }
        }
        operation = default;
        return false;
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
            throw c is ')' or '}' ? Error($"unbalanced parentheses: missing '{c}'") : Error($"expected '{c}' at end of expression");
        }
        throw Error($"expected '{c}' but found '{_text[_pos]}'");
    }

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private bool PeekAt(int offset, char c) => _pos + offset < _text.Length && _text[_pos + offset] == c;

    // Quotes delimit expressions in SPICE ('2*a'); inside the grammar they are white space.
    private void SkipSpace()
    {
        while (_pos < _text.Length && (char.IsWhiteSpace(_text[_pos]) || _text[_pos] == '\'')) _pos++;
    }

    private FormatException Error(string what, int? at = null) =>
        new($"expression '{_text.Trim()}': {what} at column {Math.Max(0, (at ?? _pos) - _leading) + 1}");
}
