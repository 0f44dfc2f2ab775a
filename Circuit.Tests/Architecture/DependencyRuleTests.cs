using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bmcnn.Tests.Architecture;

/// <summary>The one-way dependency rule of docs/architecture.md, read from the project files and the sources.</summary>
public sealed partial class DependencyRuleTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Circuit/Bmcnn.Circuit.csproj"] = [],
        ["Devices/Bmcnn.Devices.csproj"] = ["Bmcnn.Circuit"],
        ["Netlists/Bmcnn.Netlists.csproj"] = ["Bmcnn.Circuit"],
        ["Network/Bmcnn.Network.csproj"] = ["Bmcnn.Circuit"],
        ["Mapping/Bmcnn.Mapping.csproj"] = ["Bmcnn.Circuit", "Bmcnn.Devices", "Bmcnn.Netlists", "Bmcnn.Network"],
        ["Study/Bmcnn.Study.csproj"] = ["Bmcnn.Circuit", "Bmcnn.Devices", "Bmcnn.Netlists", "Bmcnn.Network", "Bmcnn.Mapping"],
    };

    private static readonly string[] StudyOnlyPackages = ["CsvHelper", "ScottPlot"];

    private static (string[] Projects, string[] Packages) References(string project)
    {
        var xml = XDocument.Load(Path.Combine(RepositoryFiles.Root, project));
        var projects = xml.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/')))
            .ToArray();
        var packages = xml.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? "").ToArray();
        return (projects, packages);
    }

    [Fact]
    public void When_the_library_projects_are_read_Expect_only_the_allowed_project_references()
    {
        foreach (var (project, allowed) in Allowed)
        {
            var (projects, _) = References(project);
            var extra = projects.Except(allowed).ToArray();
            Assert.True(extra.Length == 0, $"{project} references {string.Join(", ", extra)}, which the dependency rule forbids");
        }
    }

    [Fact]
    public void When_the_library_projects_are_read_Expect_csv_and_plot_packages_only_in_study()
    {
        foreach (var project in Allowed.Keys.Where(p => !p.StartsWith("Study/", StringComparison.Ordinal)))
        {
            var (_, packages) = References(project);
            Assert.Empty(packages.Intersect(StudyOnlyPackages));
        }
    }

    [Fact]
    public void When_network_sources_open_engine_namespaces_Expect_only_the_root_namespace()
    {
        var offending = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "Network"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => EngineNamespace().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f))
            .ToArray();
        Assert.True(offending.Length == 0, "the network uses the engine: " + string.Join(", ", offending));
    }

    [Fact]
    public void When_product_sources_are_measured_Expect_at_most_700_lines_a_file_and_150_characters_a_line()
    {
        var problems = new List<string>();
        foreach (var file in RepositoryFiles.ProductSources())
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file));
            if (lines.Length > 700)
            {
                problems.Add($"{file}: {lines.Length} lines");
            }
            problems.AddRange(lines.Select((l, i) => (l, i)).Where(x => x.l.Length > 150).Select(x => $"{file}:{x.i + 1}: {x.l.Length} characters"));
        }
        Assert.True(problems.Count == 0, string.Join("; ", problems.Take(20)));
    }

    [GeneratedRegex(@"\b(using|namespace)\s+Bmcnn\.(Circuit\.|Devices|Netlists|Mapping|Study)")]
    private static partial Regex EngineNamespace();
}
