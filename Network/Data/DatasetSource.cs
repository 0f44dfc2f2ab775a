using Bmcnn.Circuit;

namespace Bmcnn.Network.Data;

/// <summary>
/// A dataset of labelled grey-scale images stored as four IDX files named like MNIST's (gzip or raw), and where it
/// is: <c>mnist</c> (found as <see cref="MnistFolder.Resolve"/> finds it), <c>fashion-mnist</c> (found the same way
/// under <c>data/fashion-mnist</c> and <see cref="FashionEnvironmentVariable"/>; never downloaded) or a folder given
/// by its path, whose name is the folder's own name.
/// </summary>
public sealed class DatasetSource
{
    /// <summary>The MNIST handwritten digits.</summary>
    public const string Mnist = "mnist";

    /// <summary>Zalando's Fashion-MNIST (ten clothing classes, same file layout and sizes as MNIST).</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>The environment variable naming the Fashion-MNIST folder (MNIST's is <see cref="MnistFolder.EnvironmentVariable"/>).</summary>
    public const string FashionEnvironmentVariable = "BMCNN_FASHION_DATA";

    /// <summary>The datasets known by name.</summary>
    public static readonly string[] KnownNames = [Mnist, FashionMnist];

    private DatasetSource(string name, string folder)
    {
        Name = name;
        Folder = folder;
    }

    /// <summary>The dataset's name: <c>mnist</c>, <c>fashion-mnist</c>, or a folder's name.</summary>
    public string Name { get; }

    /// <summary>The folder holding the IDX files.</summary>
    public string Folder { get; }

    /// <summary>
    /// Finds a dataset. <paramref name="dataset"/> is a known name or a folder path (null = mnist);
    /// <paramref name="dataFolder"/> (<c>--data</c>) says where a named dataset is and overrides its lookup.
    /// </summary>
    /// <exception cref="BmcnnException">When the name is neither known nor a folder, or the files are not found.</exception>
    public static DatasetSource Resolve(string? dataset, string? dataFolder, bool allowDownload = true, TextWriter? progress = null)
    {
        string name = string.IsNullOrWhiteSpace(dataset) ? Mnist : dataset.Trim();
        bool hasData = !string.IsNullOrWhiteSpace(dataFolder);
        if (name == Mnist)
        {
            return new DatasetSource(Mnist, MnistFolder.Resolve(dataFolder, allowDownload, progress));
        }
        if (name == FashionMnist)
        {
            if (hasData)
            {
                return new DatasetSource(FashionMnist, Existing(dataFolder!, "Fashion-MNIST data folder"));
            }
            var candidates = MnistFolder.Candidates(FashionMnist, FashionEnvironmentVariable).ToList();
            string? found = MnistFolder.FirstWithTestSet(candidates);
            return found is not null
                ? new DatasetSource(FashionMnist, found)
                : throw new BmcnnException($"Fashion-MNIST not found; looked in {string.Join(", ", candidates)}; " +
                    $"pass --data DIR or set {FashionEnvironmentVariable}");
        }
        if (!Directory.Exists(name))
        {
            throw new BmcnnException($"--dataset: '{name}' is neither a known dataset ({string.Join(", ", KnownNames)}) nor a folder");
        }
        if (hasData)
        {
            throw new BmcnnException($"--dataset {name} is a folder; --data applies only to a named dataset, drop one of them");
        }
        string folder = Path.GetFullPath(name);
        foreach (var file in new[] { MnistFolder.Test.Images, MnistFolder.Test.Labels })
        {
            if (!File.Exists(Path.Combine(folder, file)) && !File.Exists(Path.Combine(folder, file + ".gz")))
            {
                throw new BmcnnException($"{MnistFolder.Locate(folder, file)}: not found (a dataset folder holds {MnistFolder.Test.Images}.gz, " +
                    $"{MnistFolder.Test.Labels}.gz and, for training, {MnistFolder.Train.Images}.gz, {MnistFolder.Train.Labels}.gz)");
            }
        }
        string own = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        return new DatasetSource(string.IsNullOrEmpty(own) ? folder : own, folder);
    }

    /// <summary>Loads the training set (checked against SHA256SUMS when present).</summary>
    public MnistSet LoadTrain() => MnistFolder.Load(Folder, MnistFolder.Train.Images, MnistFolder.Train.Labels, "train", Title);

    /// <summary>Loads the test set (checked against SHA256SUMS when present).</summary>
    public MnistSet LoadTest() => MnistFolder.Load(Folder, MnistFolder.Test.Images, MnistFolder.Test.Labels, "test", Title);

    /// <summary>The name in titles and set names: MNIST, Fashion-MNIST, or the folder's name (MNIST's wording as before).</summary>
    public string Title => Name switch { Mnist => "MNIST", FashionMnist => "Fashion-MNIST", _ => Name };

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Folder})";

    private static string Existing(string folder, string what) =>
        Directory.Exists(folder) ? Path.GetFullPath(folder) : throw new BmcnnException($"{what} not found: {folder}");
}
