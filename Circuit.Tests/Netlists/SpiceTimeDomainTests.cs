using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

/// <summary>C, L, D, source functions, <c>.model</c>, <c>.ic</c> and the analysis cards: read, written, read back.</summary>
public class SpiceTimeDomainTests
{
    private const string Deck = """
        time domain
        .param rise=2n
        V1 in 0 PULSE(0 1 1u {rise} 2n, 5u 10u)
        V2 s 0 DC 0.5 SIN(0.5 1 1k 0 0 90)
        V3 p 0 PWL(0 0 1m 1 2m 0.5)
        I1 0 e EXP(0 1m 1u 2u 5u 1u)
        R1 in a 1k
        C1 a 0 10p IC=0.25
        L1 a b 1u
        D1 b 0 dmod 2
        R2 s 0 1k
        R3 p 0 1k
        R4 e 0 1k
        .model dmod D(IS=1e-15 N=1.2 RS=5 CJO=1p VJ=0.8 M=0.33 FC=0.4 TT=1n BV=50)
        .ic V(a)=0.1 v(b)=0.2
        .op
        .dc V2 0 1 0.1
        .tran 10n 20e-6 0 5n UIC
        .end
        """;

    [Fact]
    public void When_time_domain_cards_are_read_Expect_elements_models_functions_and_analyses()
    {
        var read = SpiceReader.Read(Deck, "t.cir");
        var netlist = read.Netlist;
        var v1 = Assert.IsType<VoltageSource>(netlist.Find("v1"));
        var pulse = Assert.IsType<PulseWaveform>(v1.Waveform).Arguments;
        double[] expected = [0, 1, 1e-6, 2e-9, 2e-9, 5e-6, 10e-6];
        Assert.Equal(expected.Length, pulse.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], pulse[k], 1e-15 * Math.Abs(expected[k]));
        }
        Assert.Equal(0, v1.Voltage);
        var v2 = Assert.IsType<VoltageSource>(netlist.Find("v2"));
        Assert.Equal(0.5, v2.Voltage);
        Assert.IsType<SineWaveform>(v2.Waveform);
        Assert.Equal(0, Assert.IsType<VoltageSource>(netlist.Find("v3")).Voltage);
        Assert.IsType<ExpWaveform>(Assert.IsType<CurrentSource>(netlist.Find("i1")).Waveform);
        Assert.Equal(0.25, Assert.IsType<Capacitor>(netlist.Find("c1")).InitialVoltage);
        Assert.Equal(1e-6, Assert.IsType<Inductor>(netlist.Find("l1")).Inductance);
        var diode = Assert.IsType<Diode>(netlist.Find("d1"));
        Assert.Equal(2, diode.Area);
        Assert.Equal(1e-15, diode.Model.SaturationCurrent);
        Assert.Equal(5, diode.Model.SeriesResistance);
        Assert.Equal(0.33, diode.Model.GradingCoefficient);
        Assert.Contains(read.Warnings, w => w.Contains("'bv'"));
        Assert.Equal(0.2, netlist.InitialConditions["b"]);
        Assert.Equal(3, read.Analyses.Count);
        Assert.IsType<OperatingPointRequest>(read.Analyses[0]);
        Assert.Equal(new DcSweepRequest("v2", 0, 1, 0.1), read.Analyses[1]);
        Assert.Equal(new TransientRequest(10e-9, 20e-6, 0, 5e-9, true), read.Analyses[2]);
    }

    [Fact]
    public void When_time_domain_netlist_is_written_and_read_back_Expect_the_same_circuit_and_analyses()
    {
        var first = SpiceReader.Read(Deck, "t.cir");
        var text = SpiceWriter.Write(first.Netlist, first.Analyses).Text;
        var second = SpiceReader.Read(text, "written.cir");
        Assert.Equal(first.Analyses, second.Analyses);
        Assert.Equal(first.Netlist.InitialConditions, second.Netlist.InitialConditions);
        Assert.Equal(first.Netlist.Elements.Count, second.Netlist.Elements.Count);
        foreach (var element in first.Netlist.Elements)
        {
            var again = second.Netlist.Find(element.Name);
            Assert.NotNull(again);
            switch (element)
            {
                case VoltageSource v:
                    Assert.Equal(v.Waveform!.Arguments, ((VoltageSource)again).Waveform!.Arguments);
                    break;
                case Diode d:
                    Assert.Equal(d.Model, ((Diode)again).Model);
                    break;
                case Capacitor c:
                    Assert.Equal(c.InitialVoltage, ((Capacitor)again).InitialVoltage);
                    break;
            }
        }
        Assert.Contains("write analysis2.raw", text);
    }

    [Theory]
    [InlineData(".tran 1u", "missing value")]
    [InlineData(".tran 1u 1m 2m", "start time")]
    [InlineData(".dc V1 0 1 -0.1", "does not lead")]
    [InlineData(".dc V1 0 1 0.1 V2 0 1 0.5", "nested")]
    [InlineData(".ic a=1", "V(node)=value")]
    [InlineData("C1 a 0 -1p", "capacitance must be positive")]
    [InlineData("V2 b 0 PULSE 0 1", "parentheses")]
    [InlineData("V2 b 0 SIN(0 1 1k 0 0 0 7)", "SIN takes 2 to 6 values")]
    public void When_time_domain_card_is_wrong_Expect_one_line_error_naming_file_and_line(string card, string message)
    {
        var ex = Assert.Throws<BmcnnException>(() => SpiceReader.Read($"t\nV1 a 0 1\nR1 a 0 1k\n{card}\n", "bad.cir"));
        Assert.StartsWith("bad.cir:4: ", ex.Message);
        Assert.Contains(message, ex.Message);
    }
}
