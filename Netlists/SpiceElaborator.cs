using System.Buffers;
using System.Runtime.CompilerServices;
using Bmcnn.Circuit;
using Bmcnn.Netlists.Cards;

namespace Bmcnn.Netlists;

/// <summary>
/// Builds the flat <see cref="Netlist"/> from cards, the hierarchy part: groups <c>.subckt</c> blocks, evaluates
/// <c>.param</c> scopes, maps node and element names, and hands each element card to its builder in <c>Cards/</c>
/// (R, C/L, D, V/I, E/G, B, and the analysis and model commands). Instances are expanded the way ngspice names them
/// (node <c>m</c> of <c>x1</c> is <c>x1.m</c>;
/// element <c>r1</c> of <c>x1</c> is <c>r.x1.r1</c>; nested instances chain as <c>x1.x2.m</c>).
/// </summary>
internal sealed class SpiceElaborator
{
    // Characters that make a token a group or an assignment rather than a node name.
    private static readonly SearchValues<char> NotInNodeNames = SearchValues.Create("=(){}'\"");

    /// <summary>Flattening stops beyond this many elements: nested subcircuits can multiply without bound.</summary>
    public const int DefaultMaxElements = 5_000_000;

    private readonly SpiceSource _source;
    private readonly Netlist _netlist;
    private readonly List<string> _warnings = new();
    private readonly HashSet<int> _warnedLines = new();
    private readonly HashSet<string> _globals = new(StringComparer.Ordinal);
    private readonly ParameterScope _globalScope = new(null);
    private readonly NodeNameTable _nodeNames;
    private readonly Dictionary<string, Bmcnn.Circuit.Elements.DiodeModel> _models = new(StringComparer.Ordinal);
    private readonly List<Bmcnn.Circuit.Analysis.AnalysisRequest> _analyses = new();

    private readonly int _maxElements;

    /// <summary>The simulator settings of the <c>.options</c> cards read so far.</summary>
    internal Bmcnn.Circuit.Analysis.TransientOptions Options { get; private set; } = new();

    /// <summary>The flat netlist being built.</summary>
    internal Netlist Netlist => _netlist;

    /// <summary>The file being read, for errors that name file and line.</summary>
    internal SpiceSource Source => _source;

    public SpiceElaborator(SpiceSource source, string title, int maxElements = DefaultMaxElements)
    {
        _maxElements = maxElements;
        _source = source;
        _netlist = new Netlist(title.Length > 0 ? title : "untitled");
        _nodeNames = new NodeNameTable(_netlist);
    }

    public SpiceReadResult Run(List<SpiceCard> cards)
    {
        var root = Structure(cards);
        _netlist.EnsureCapacity(root.Cards.Count);
        Expand(new ElaborationInstance("", root, new Dictionary<string, string>(), _globalScope, new[] { root }));
        return new SpiceReadResult(_netlist, _warnings, _analyses) { Options = Options };
    }

    // Splits the card list into the top level and (nested) subcircuit definitions. The top level keeps the list
    // itself, compacted in place: a flat deck of 200,000 cards is not copied.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SubcircuitDefinition Structure(List<SpiceCard> cards)
    {
        var root = new SubcircuitDefinition("", 0, Array.Empty<string>(), Array.Empty<SpiceAssignment>(), null, cards);
        var current = root;
        var kept = 0;
        var count = cards.Count;
        for (var index = 0; index < count; index++)
        {
            var card = cards[index];
            if (card.Letter != '.' || !IsStructure(card))
            {
                if (current == root)
                {
                    cards[kept++] = card;
                }
                else
                {
                    current.Cards.Add(card);
                }
                continue;
            }
            current = StructureCommand(card, current, root);
        }
        if (current != root)
        {
            throw _source.Error(current.Line, $"subcircuit '{current.Name}' has no '.ends'", ".subckt " + current.Name);
        }
        cards.RemoveRange(kept, count - kept);
        return root;
    }

    // .subckt, .ends, .global and .title: rare cards, kept out of the hot loop. Returns the definition now open.
    private SubcircuitDefinition StructureCommand(SpiceCard card, SubcircuitDefinition current, SubcircuitDefinition root)
    {
        switch (card.Keyword)
        {
            case ".subckt":
                current = Define(card, current);
                break;
            case ".ends":
                if (current == root)
                {
                    throw _source.Error(card.Line, "'.ends' without '.subckt'", card.Text);
                }
                if (card.Count > 1 && !card[1].Is(current.Name))
                {
                    throw _source.Error(card.Line, $"'.ends' closes '{current.Name}' but names '{card[1].Text}'", card.Text);
                }
                current = current.Parent!;
                break;
            case ".global":
                for (var k = 1; k < card.Count; k++)
                {
                    _globals.Add(Netlist.Canonical(CheckNode(card[k]).ToString()));
                }
                break;
            case ".title":
                _netlist.Title = card.Text[".title".Length..].Trim();
                break;
        }
        return current;
    }

    private static bool IsStructure(SpiceCard card) =>
        card.IsKeyword(".subckt") || card.IsKeyword(".ends") || card.IsKeyword(".global") || card.IsKeyword(".title");

    private SubcircuitDefinition Define(SpiceCard card, SubcircuitDefinition parent)
    {
        var tokens = card;
        if (tokens.Count < 2 || tokens[1].Is('='))
        {
            throw _source.Error(card.Line, "'.subckt' needs a name", card.Text);
        }
        var name = tokens[1].Text.ToLowerInvariant();
        var pins = new List<string>();
        var i = 2;
        while (i < tokens.Count && !tokens[i].Is("params:") && !(i + 1 < tokens.Count && tokens[i + 1].Is('=')))
        {
            var pin = Netlist.Canonical(CheckNode(tokens[i]).ToString());
            if (pin == "0")
            {
                throw _source.Error(tokens[i].Line, "a subcircuit pin cannot be ground", card.Text);
            }
            if (pins.Contains(pin))
            {
                throw _source.Error(tokens[i].Line, $"pin '{pin}' listed twice", card.Text);
            }
            pins.Add(pin);
            i++;
        }
        var defaults = Assignments(card, i);
        foreach (var twice in defaults.GroupBy(d => d.Name).Where(g => g.Count() > 1))
        {
            throw _source.Error(card.Line, $"parameter '{twice.Key}' given twice", card.Text);
        }
        if (parent.Children.ContainsKey(name))
        {
            throw _source.Error(card.Line, $"subcircuit '{name}' is defined twice", card.Text);
        }
        var definition = new SubcircuitDefinition(name, card.Line, pins, defaults, parent);
        parent.Children.Add(name, definition);
        return definition;
    }

    // name = value pairs from token 'start' on; a value runs until the next 'name =' (so '.param a = 2 * b' works).
    private List<SpiceAssignment> Assignments(SpiceCard card, int start)
    {
        var tokens = card;
        var result = new List<SpiceAssignment>();
        var i = start;
        while (i < tokens.Count)
        {
            if (tokens[i].Is("params:"))
            {
                i++;
                continue;
            }
            var name = tokens[i];
            if (!IsIdentifier(name.Span) || i + 1 >= tokens.Count || !tokens[i + 1].Is('='))
            {
                throw _source.Error(name.Line, "expected name=value", name.Text);
            }
            var j = i + 2;
            var value = new List<string>();
            while (j < tokens.Count && !(j + 1 < tokens.Count && tokens[j + 1].Is('=')) && !tokens[j].Is('='))
            {
                value.Add(tokens[j].Text);
                j++;
            }
            if (value.Count == 0)
            {
                throw _source.Error(name.Line, $"missing value for parameter '{name.Text}'", card.Text);
            }
            result.Add(new SpiceAssignment(name.Text.ToLowerInvariant(), string.Join(' ', value), name.Line));
            i = j;
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Expand(ElaborationInstance instance)
    {
        // Parameters first, in order, so elements may use them wherever the .param line stands.
        foreach (var card in instance.Definition.Cards)
        {
            if (!card.IsKeyword(".param"))
            {
                continue;
            }
            foreach (var assignment in Assignments(card, 1))
            {
                instance.Scope.Set(assignment.Name, Evaluate(assignment.Value, instance.Scope, assignment.Line, card.Text));
            }
        }
        // Models next, so elements may name a model defined below them.
        foreach (var card in instance.Definition.Cards)
        {
            if (card.IsKeyword(".model"))
            {
                var model = ModelCard.Read(this, card, instance);
                _models[model.Name] = model;
            }
        }
        foreach (var card in instance.Definition.Cards)
        {
            try
            {
                AddCard(card, instance);
            }
            catch (BmcnnException ex) when (!_source.Names(ex.Message))
            {
                // Element constructors and the netlist (duplicate names) do not know the line.
                throw _source.Error(card.Line, ex.Message, card.Text);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCard(SpiceCard card, ElaborationInstance instance)
    {
        var letter = card.Letter;
        if (letter == '.')
        {
            AddCommand(card, instance);
            return;
        }
        if (letter != 'x' && _netlist.Elements.Count >= _maxElements)
        {
            throw _source.Error(card.Line, $"the flattened circuit exceeds {_maxElements:N0} elements", card.Text);
        }
        switch (letter)
        {
            case 'r':
                ResistorCard.Add(this, card, instance);
                break;
            case 'c':
            case 'l':
                ReactiveCard.Add(this, card, instance);
                break;
            case 'd':
                DiodeCard.Add(this, card, instance);
                break;
            case 'v':
            case 'i':
                IndependentSourceCard.Add(this, card, instance);
                break;
            case 'e':
            case 'g':
                ControlledSourceCard.Add(this, card, instance);
                break;
            case 'b':
                BehavioralCard.Add(this, card, instance);
                break;
            case 'x':
                AddInstance(card, instance);
                break;
            default:
                throw UnknownLetter(card, letter);
        }
    }

    private void AddCommand(SpiceCard card, ElaborationInstance instance)
    {
        var keyword = card.Keyword;
        switch (keyword)
        {
            case ".param":
            case ".model":
            case ".end":
                return;
            case ".options":
            case ".option":
            case ".opt":
                Options = OptionsCard.Apply(this, card, instance, Options);
                return;
            case ".op":
            case ".dc":
            case ".tran":
            case ".ic":
                if (instance.Path.Length > 0)
                {
                    Warn(card, $"'{keyword}' inside a subcircuit is ignored");
                }
                else if (keyword == ".ic")
                {
                    AnalysisCard.InitialConditions(this, card, instance);
                }
                else
                {
                    _analyses.Add(AnalysisCard.Read(this, card, instance));
                }
                return;
            default:
                Warn(card, $"'{keyword}' is not applied");
                return;
        }
    }

    /// <summary>The diode model of that (lowercase) name, or null.</summary>
    internal Bmcnn.Circuit.Elements.DiodeModel? DiodeModel(string name) => _models.GetValueOrDefault(name);

    private BmcnnException UnknownLetter(SpiceCard card, char letter) =>
        _source.Error(card.Line,
            $"unknown or unsupported element letter '{char.ToUpperInvariant(letter)}' (supported: R C L D V I E G B X)", card.Text);

    private void AddInstance(SpiceCard card, ElaborationInstance instance)
    {
        var t = card;
        var end = t.Count;
        for (var k = 1; k < t.Count; k++)
        {
            if (t[k].Is("params:") || (k + 1 < t.Count && t[k + 1].Is('=')))
            {
                end = k;
                break;
            }
        }
        if (end < 2)
        {
            throw _source.Error(card.Line, "missing subcircuit name: Xname nodes... subckt", card.Text);
        }
        var subName = Lowercase.Of(t[end - 1].Span);
        var definition = instance.Definition.Resolve(subName)
            ?? throw _source.Error(t[end - 1].Line, $"unknown subcircuit '{subName}'", card.Text);
        if (instance.Stack.Contains(definition))
        {
            var chain = string.Join(" -> ", instance.Stack.Skip(1).Select(d => d.Name).Append(subName));
            throw _source.Error(card.Line, $"recursive subcircuit ({chain})", card.Text);
        }
        var connected = end - 2;
        if (connected != definition.Pins.Count)
        {
            throw _source.Error(card.Line,
                $"subcircuit '{subName}' has {definition.Pins.Count} pins but the instance connects {connected}", card.Text);
        }
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k < connected; k++)
        {
            pins[definition.Pins[k]] = Node(t[k + 1], instance);
        }
        var scope = new ParameterScope(_globalScope);
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var a in Assignments(card, end))
        {
            if (!given.TryAdd(a.Name, Evaluate(a.Value, instance.Scope, a.Line, card.Text)))
            {
                throw _source.Error(a.Line, $"parameter '{a.Name}' given twice", card.Text);
            }
        }
        foreach (var (name, value) in given)
        {
            if (!definition.Defaults.Any(d => d.Name == name))
            {
                Warn(card, $"subcircuit '{subName}' declares no parameter '{name}'");
            }
            scope.Set(name, value);
        }
        foreach (var d in definition.Defaults.Where(d => !given.ContainsKey(d.Name)))
        {
            scope.Set(d.Name, Evaluate(d.Value, scope, d.Line, d.Value));
        }
        var instanceName = card.Keyword;
        var path = instance.Path.Length == 0 ? instanceName : instance.Path + "." + instanceName;
        Expand(new ElaborationInstance(path, definition, pins, scope, instance.Stack.Append(definition).ToArray()));
    }

    // ngspice names an element r1 inside instance x1 as r.x1.r1 (the letter stays first).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string ElementName(SpiceCard card, ElaborationInstance instance)
    {
        // Token 0 is the card's head (Keyword), from the tokens the caller has read already.
        var keyword = Lowercase.Of(card[0].Span);
        if (instance.Path.Length == 0)
        {
            return keyword;
        }
        return $"{keyword[0]}.{instance.Path}.{keyword}";
    }

    internal static string MapSourceName(string name, ElaborationInstance instance)
    {
        var lower = name.ToLowerInvariant();
        return instance.Path.Length == 0 ? lower : $"{lower[0]}.{instance.Path}.{lower}";
    }

    internal string Node(SpiceToken token, ElaborationInstance instance) => MapNode(CheckNode(token), instance, out _);

    // known: the node is one the netlist has already (see Netlist.Add with known nodes).
    internal string Node(SpiceToken token, ElaborationInstance instance, out bool known) => MapNode(CheckNode(token), instance, out known);

    internal string MapNode(ReadOnlySpan<char> raw, ElaborationInstance instance) => MapNode(raw, instance, out _);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string MapNode(ReadOnlySpan<char> raw, ElaborationInstance instance, out bool known)
    {
        var node = _nodeNames.Canonical(raw.Trim(), out known);
        if (instance.Path.Length == 0 || node == "0" || _globals.Contains(node))
        {
            return node;
        }
        known = false;
        return instance.Pins.TryGetValue(node, out var actual) ? actual : instance.Path + "." + node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<char> CheckNode(SpiceToken token)
    {
        var text = token.Span;
        if (text.Length == 0 || text.ContainsAny(NotInNodeNames))
        {
            throw _source.Error(token.Line, "bad node name", token.Text);
        }
        return text;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal double Value(SpiceToken token, ElaborationInstance instance)
    {
        var text = token.Span;
        if (text.Length > 0 && text[0] is '{' or '\'')
        {
            return Evaluate(token.Text, instance.Scope, token.Line, token.Text);
        }
        if (SpiceNumber.TryParse(text, out var value))
        {
            return value;
        }
        if (IsIdentifier(text) && instance.Scope.Lookup(token.Text) is { } parameter)
        {
            return parameter;
        }
        throw _source.Error(token.Line, "bad number", token.Text);
    }

    /// <summary>A value written as a word inside a group (<c>PULSE(...)</c>, <c>D(...)</c>): a number, <c>{expr}</c> or a parameter.</summary>
    internal double Value(string word, ElaborationInstance instance, int line, string card)
    {
        if (word.Length > 0 && word[0] is '{' or '\'')
        {
            return Evaluate(word, instance.Scope, line, card);
        }
        if (SpiceNumber.TryParse(word, out var value))
        {
            return value;
        }
        if (IsIdentifier(word) && instance.Scope.Lookup(word) is { } parameter)
        {
            return parameter;
        }
        throw _source.Error(line, $"bad number '{word}'", card);
    }

    private double Evaluate(string text, ParameterScope scope, int line, string offending)
    {
        try
        {
            var value = ParameterExpression.Evaluate(text.Replace('\'', ' '), scope.Lookup);
            return double.IsFinite(value) ? value : throw new FormatException($"value is {value}");
        }
        catch (FormatException ex)
        {
            throw _source.Error(line, $"bad expression ({ex.Message})", offending);
        }
    }

    internal void RequireCount(SpiceCard card, int count, string usage)
    {
        if (card.Count < count)
        {
            throw _source.Error(card.Line, $"missing value ({usage})", card.Text);
        }
    }

    internal void NoExtra(SpiceCard card, int count)
    {
        if (card.Count > count)
        {
            throw _source.Error(card[count].Line, "unexpected text after the value", card[count].Text);
        }
    }

    internal void Warn(SpiceCard card, string message)
    {
        if (_warnedLines.Add(card.Line))
        {
            _warnings.Add(_source.Warning(card.Line, message, card.Text));
        }
    }

    private static bool IsIdentifier(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || !(char.IsAsciiLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }
}
