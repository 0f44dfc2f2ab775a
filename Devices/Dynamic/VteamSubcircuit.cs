namespace Bmcnn.Devices.Dynamic;

/// <summary>
/// The <c>vteam</c> subcircuit of <c>models/memristors.lib</c>, verbatim (a test keeps the two equal), for netlists the
/// tool writes on its own: ngspice and our engine integrate the same equations as <see cref="VteamModel"/>.
/// </summary>
public static class VteamSubcircuit
{
    /// <summary>The subcircuit text, <c>.subckt vteam p n params: ...</c> to <c>.ends vteam</c>, lines ending in '\n'.</summary>
    public const string Text =
        ".subckt vteam p n params: ron=50 roff=1k d=3n kon=-10 koff=5e-4 aon=3 aoff=1 von=-0.2 voff=0.02 pw=10 s0=0.5\n" +
        "Cs state 0 1 IC={s0}\n" +
        "Rs state 0 1e12\n" +
        "Bs 0 state I=(V(p,n)>={voff}?{koff/d}*pow(V(p,n)/{voff}-1,{aoff}):(V(p,n)<={von}?{kon/d}*pow(V(p,n)/{von}-1,{aon}):0))" +
        "*(1-pow(2*V(state)-1,{2*pw}))\n" +
        "Bm p n I=V(p,n)/({ron}+({roff}-{ron})*V(state))\n" +
        ".ends vteam\n";
}
