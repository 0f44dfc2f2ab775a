using Bmcnn.Circuit;

namespace Bmcnn.Network.Data;

/// <summary>
/// Finds and loads the four MNIST idx files. The folder is, in order: an explicit one (<c>--data</c>), the
/// <c>BMCNN_DATA</c> environment variable, <c>./data/mnist</c>, <c>../shared/data/mnist</c> (relative to the current
/// folder and to the repository root found above it or above the executable), else a download into the user cache
/// (<see cref="MnistDownload"/>). A <c>SHA256SUMS</c> file beside the data (hashes of the uncompressed files) is
/// checked when present.
/// </summary>
public static class MnistFolder
{
    /// <summary>The environment variable naming the data folder.</summary>
    public const string EnvironmentVariable = "BMCNN_DATA";

    /// <summary>Base names of the training images and labels.</summary>
    public static readonly (string Images, string Labels) Train = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte");

    /// <summary>Base names of the test images and labels.</summary>
    public static readonly (string Images, string Labels) Test = ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /// <summary>
    /// The folder to read from: <paramref name="explicitFolder"/> if given (it must exist), else the first candidate
    /// holding the test files, else the download cache after downloading into it when <paramref name="allowDownload"/>.
    /// </summary>
    /// <exception cref="BmcnnException">When no folder has the files.</exception>
    public static string Resolve(string? explicitFolder, bool allowDownload = true, TextWriter? progress = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
        {
            if (!Directory.Exists(explicitFolder))
            {
                throw new BmcnnException($"MNIST data folder not found: {explicitFolder}");
            }
            return Path.GetFullPath(explicitFolder);
        }
        var candidates = Candidates().ToList();
        foreach (var folder in candidates)
        {
            if (Has(folder, Test.Images) && Has(folder, Test.Labels))
            {
                return Path.GetFullPath(folder);
            }
        }
        if (allowDownload)
        {
            string cache = MnistDownload.CacheFolder();
            MnistDownload.Ensure(cache, progress);
            return cache;
        }
        throw new BmcnnException(
            $"MNIST not found; looked in {string.Join(", ", candidates)}; pass --data DIR or set {EnvironmentVariable}");
    }

    /// <summary>The candidate folders, in order of preference (the download cache last, when it exists).</summary>
    public static IEnumerable<string> Candidates()
    {
        foreach (var folder in Candidates("mnist", EnvironmentVariable))
        {
            yield return folder;
        }
        string cache = MnistDownload.CacheFolder();
        if (Directory.Exists(cache))
        {
            yield return cache;
        }
    }

    /// <summary>
    /// The candidate folders of a dataset stored as <c>data/<paramref name="name"/></c>: the folder named by the
    /// environment variable <paramref name="environmentVariable"/>, <c>./data/NAME</c>, <c>../shared/data/NAME</c>,
    /// then the same two relative to each repository root.
    /// </summary>
    public static IEnumerable<string> Candidates(string name, string environmentVariable)
    {
        string? env = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            yield return env;
        }
        yield return Path.Combine(".", "data", name);
        yield return Path.Combine("..", "shared", "data", name);
        foreach (var root in RepositoryRoots())
        {
            yield return Path.Combine(root, "data", name);
            yield return Path.Combine(root, "..", "shared", "data", name);
        }
    }

    /// <summary>The first of <paramref name="candidates"/> holding the test images and labels, or null.</summary>
    public static string? FirstWithTestSet(IEnumerable<string> candidates) =>
        candidates.Where(f => Has(f, Test.Images) && Has(f, Test.Labels)).Select(Path.GetFullPath).FirstOrDefault();

    /// <summary>Repository roots (folders holding Bmcnn.Circuit.sln) above the current folder and the executable.</summary>
    public static IEnumerable<string> RepositoryRoots()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bmcnn.Circuit.sln")))
                {
                    if (seen.Add(dir.FullName))
                    {
                        yield return dir.FullName;
                    }
                    break;
                }
            }
        }
    }

    /// <summary>Loads the training set from a folder.</summary>
    public static MnistSet LoadTrain(string folder) => Load(folder, Train.Images, Train.Labels, "train");

    /// <summary>Loads the test set from a folder.</summary>
    public static MnistSet LoadTest(string folder) => Load(folder, Test.Images, Test.Labels, "test");

    /// <summary>Loads one images/labels pair (each raw or .gz) from a folder and checks SHA256SUMS when present.</summary>
    public static MnistSet Load(string folder, string imagesName, string labelsName, string setName) =>
        Load(folder, imagesName, labelsName, setName, "MNIST");

    /// <summary>
    /// Loads one images/labels pair of the dataset called <paramref name="datasetName"/> (used in the set's name) and
    /// checks SHA256SUMS when present.
    /// </summary>
    public static MnistSet Load(string folder, string imagesName, string labelsName, string setName, string datasetName)
    {
        var sums = ReadSums(folder);
        string imagesPath = Locate(folder, imagesName);
        string labelsPath = Locate(folder, labelsName);
        var (imageDims, pixels) = IdxFile.ReadBytes(imagesPath, 3, sums.GetValueOrDefault(imagesName));
        var (labelDims, labels) = IdxFile.ReadBytes(labelsPath, 1, sums.GetValueOrDefault(labelsName));
        if (imageDims[0] != labelDims[0])
        {
            throw new BmcnnException($"{labelsPath}: {labelDims[0]} labels but {imagesPath} has {imageDims[0]} images");
        }
        return new MnistSet(pixels, labels, imageDims[0], imageDims[1], imageDims[2], $"{datasetName} {setName} ({folder})");
    }

    /// <summary>The path of a file in the folder, gzip or raw; the .gz name when neither exists (for the message).</summary>
    public static string Locate(string folder, string baseName)
    {
        string gz = Path.Combine(folder, baseName + ".gz");
        if (File.Exists(gz))
        {
            return gz;
        }
        string raw = Path.Combine(folder, baseName);
        return File.Exists(raw) ? raw : gz;
    }

    /// <summary>Reads SHA256SUMS (lines "hash  name") from the folder; empty when absent.</summary>
    public static Dictionary<string, string> ReadSums(string folder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = Path.Combine(folder, "SHA256SUMS");
        if (!File.Exists(path))
        {
            return result;
        }
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0].Length != 64)
            {
                throw new BmcnnException($"{path}:{lineNo}: expected '<64 hex digits>  <file name>'");
            }
            string name = parts[1].TrimStart('*').Trim();
            if (name.EndsWith(".gz", StringComparison.Ordinal))
            {
                continue;
            }
            result[name] = parts[0];
        }
        return result;
    }

    private static bool Has(string folder, string baseName) =>
        File.Exists(Path.Combine(folder, baseName + ".gz")) || File.Exists(Path.Combine(folder, baseName));
}
