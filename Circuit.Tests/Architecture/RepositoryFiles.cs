namespace Bmcnn.Tests.Architecture;

/// <summary>The repository checkout the tests were built from, found by walking up to the solution file.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bmcnn.Circuit.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Bmcnn.Circuit.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The C# sources of the product (not tests, not build output), relative to the root.</summary>
    public static IEnumerable<string> ProductSources() =>
        Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(f => !f.StartsWith("Circuit.Tests", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".git"));
}
