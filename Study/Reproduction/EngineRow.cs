namespace Bmcnn.Study.Reproduction;

/// <summary>One row of stage A: an inference engine's accuracy and its agreement with the software network.</summary>
internal sealed record EngineRow(string Mode, string Hardware, int Images, double Accuracy, double Agreement, double Seconds);
