using System.Text.RegularExpressions;
using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Netlists.Cards;

/// <summary>
/// The analysis commands <c>.op</c>, <c>.dc SRC START STOP STEP</c>, <c>.tran TSTEP TSTOP [TSTART [TMAX]] [UIC]</c>
/// and the initial conditions <c>.ic V(node)=value ...</c>.
/// </summary>
internal static partial class AnalysisCard
{
    /// <summary>The request of an <c>.op</c>, <c>.dc</c> or <c>.tran</c> card.</summary>
    public static AnalysisRequest Read(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        switch (card.Keyword)
        {
            case ".op":
                return new OperatingPointRequest();
            case ".dc":
                if (card.Count != 5)
                {
                    var message = card.Count > 5 ? "nested .dc sweeps are not supported" : "missing value (.dc SRC START STOP STEP)";
                    throw elaborator.Source.Error(card.Line, message, card.Text);
                }
                var sweep = new DcSweepRequest(Lowercase.Of(card[1].Span), elaborator.Value(card[2], instance),
                    elaborator.Value(card[3], instance), elaborator.Value(card[4], instance));
                try
                {
                    sweep.Values();
                }
                catch (Bmcnn.Circuit.BmcnnException e)
                {
                    throw elaborator.Source.Error(card.Line, e.Message, card.Text);
                }
                return sweep;
            default:
                return Transient(elaborator, card, instance);
        }
    }

    /// <summary>Adds the node voltages of an <c>.ic</c> card to the netlist's initial conditions.</summary>
    public static void InitialConditions(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        var text = string.Join(' ', Enumerable.Range(1, card.Count - 1).Select(k => card[k].Text));
        var rest = InitialCondition().Replace(text, match =>
        {
            var node = elaborator.MapNode(match.Groups[1].Value, instance);
            elaborator.Netlist.InitialConditions[node] = elaborator.Value(match.Groups[2].Value, instance, card.Line, card.Text);
            return "";
        });
        if (rest.Trim().Length > 0 || text.Trim().Length == 0)
        {
            throw elaborator.Source.Error(card.Line, "expected V(node)=value pairs", card.Text);
        }
    }

    private static TransientRequest Transient(SpiceElaborator elaborator, SpiceCard card, ElaborationInstance instance)
    {
        var values = new List<double>();
        var uic = false;
        for (var k = 1; k < card.Count; k++)
        {
            if (card[k].Is("uic"))
            {
                uic = true;
            }
            else if (!uic && values.Count < 4)
            {
                values.Add(elaborator.Value(card[k], instance));
            }
            else
            {
                throw elaborator.Source.Error(card[k].Line, "unexpected text in .tran (TSTEP TSTOP [TSTART [TMAX]] [UIC])", card.Text);
            }
        }
        if (values.Count < 2)
        {
            throw elaborator.Source.Error(card.Line, "missing value (.tran TSTEP TSTOP [TSTART [TMAX]] [UIC])", card.Text);
        }
        var request = new TransientRequest(values[0], values[1], values.Count > 2 ? values[2] : 0,
            values.Count > 3 ? values[3] : null, uic);
        try
        {
            request.Validate();
        }
        catch (Bmcnn.Circuit.BmcnnException e)
        {
            throw elaborator.Source.Error(card.Line, e.Message, card.Text);
        }
        return request;
    }

    [GeneratedRegex(@"v\s*\(\s*([^()\s,=]+)\s*\)\s*=\s*(\{[^}]*\}|'[^']*'|[^\s=]+)", RegexOptions.IgnoreCase)]
    private static partial Regex InitialCondition();
}
