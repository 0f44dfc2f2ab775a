namespace Bmcnn.Circuit.Analysis;

/// <summary><c>.op</c>: the DC operating point.</summary>
public sealed record OperatingPointRequest : AnalysisRequest
{
    /// <inheritdoc />
    public override string Kind => "op";
}
