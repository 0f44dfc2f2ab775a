using System.Globalization;
using System.Runtime.InteropServices;

namespace Bmcnn.Bench;

/// <summary>What a benchmark result must say about the machine it was measured on.</summary>
public static class MachineInfo
{
    /// <summary>One line: CPU model, logical cores, OS, .NET runtime and the load average at the time of the call.</summary>
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, "
        + $"{RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}");

    /// <summary>The 1-minute load average, or "unknown" off Linux: a busy machine makes wall times meaningless.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
