using Bmcnn.Circuit;

namespace Bmcnn.Bench;

/// <summary>
/// Which bmcnn builds a bench times: the files named by <c>--bmcnn</c>, e.g. the NativeAOT binary against the JIT
/// apphost, or this same program. Several programs' runs are interleaved so that a change in machine load hits all
/// of them alike.
/// </summary>
public static class BenchPrograms
{
    /// <summary>
    /// The programs to run: the given files (checked to exist, as full paths so none is looked up on PATH) or, for
    /// none, one null entry meaning this same program (<see cref="ChildProcess.Bmcnn"/>).
    /// </summary>
    public static IReadOnlyList<string?> Resolve(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return [null];
        }
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new BmcnnException($"--bmcnn: '{file}' not found");
            }
        }
        return files.Select(Path.GetFullPath).ToArray();
    }

    /// <summary>Checks a <c>--repeat</c> count: at least one run.</summary>
    public static int Repeat(int count) =>
        count >= 1 ? count : throw new BmcnnException($"--repeat must be at least 1, got {count}");
}
