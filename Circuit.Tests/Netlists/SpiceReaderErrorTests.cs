using System.Text;
using System.Text.RegularExpressions;
using Bmcnn.Circuit;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

/// <summary>
/// The corpus of broken netlists: each file's title says <c>expect LINE: message</c>; reading it must throw a
/// one-line <see cref="BmcnnException"/> <c>FILE:LINE: message: 'offending text'</c> and nothing else.
/// </summary>
public class SpiceReaderErrorTests
{
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Netlists", "Corpus");

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusFolder, "*.cir").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void When_corpus_netlist_is_broken_Expect_one_line_error_with_line_number(string name)
    {
        var path = Path.Combine(CorpusFolder, name);
        var title = File.ReadLines(path).First();
        var expectation = Regex.Match(title, @"^expect (\d+): (.+)$");
        Assert.True(expectation.Success, $"corpus file {name} must start with 'expect LINE: message'");

        var ex = Assert.Throws<BmcnnException>(() => SpiceReader.ReadFile(path));

        Assert.DoesNotContain('\n', ex.Message);
        Assert.StartsWith($"{path}:{expectation.Groups[1].Value}: ", ex.Message);
        Assert.Contains(expectation.Groups[2].Value, ex.Message);
        Assert.Matches(@": '.*'$", ex.Message);
    }

    [Fact]
    public void When_nested_subcircuits_multiply_without_bound_Expect_element_limit_error()
    {
        // Each level instantiates the one below twice: 2^40 resistors if nothing stopped it.
        var text = new System.Text.StringBuilder("bomb\n.subckt s0 a\nR1 a 0 1k\n.ends\n");
        for (var level = 1; level <= 40; level++)
        {
            text.Append($".subckt s{level} a\nX1 a s{level - 1}\nX2 a s{level - 1}\n.ends\n");
        }
        text.Append("V1 n 0 1\nX1 n s40\n");
        var ex = Assert.Throws<BmcnnException>(() => SpiceReader.Read(text.ToString(), "bomb.cir", 1000));
        Assert.Equal("bomb.cir:3: the flattened circuit exceeds 1,000 elements: 'R1 a 0 1k'", ex.Message);
    }

    [Fact]
    public void When_file_is_binary_garbage_Expect_one_line_error_naming_the_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-garbage-{Guid.NewGuid():N}.cir");
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var content = Encoding.ASCII.GetBytes("garbage\nV1 a 0 1\n").Concat(bytes).ToArray();
        File.WriteAllBytes(path, content);
        try
        {
            var ex = Assert.Throws<BmcnnException>(() => SpiceReader.ReadFile(path));
            Assert.DoesNotContain('\n', ex.Message);
            Assert.StartsWith($"{path}:3: binary data", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void When_text_has_a_nul_character_Expect_binary_data_error()
    {
        var ex = Assert.Throws<BmcnnException>(() => SpiceReader.Read("t\nR1 a 0 1k\nV1 a\0 0 1\n", "x.cir"));
        Assert.StartsWith("x.cir:3: binary data", ex.Message);
        Assert.Contains("\\x00", ex.Message);
    }

    [Fact]
    public void When_text_is_invalid_utf8_outside_comments_Expect_binary_data_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-latin1-{Guid.NewGuid():N}.cir");
        File.WriteAllBytes(path,
            [.. Encoding.ASCII.GetBytes("t\n* caf"), 0xE9, .. Encoding.ASCII.GetBytes("\nR1 a 0 1k\nV1 a"), 0xFF,
                .. Encoding.ASCII.GetBytes(" 0 1\n")]);
        try
        {
            var ex = Assert.Throws<BmcnnException>(() => SpiceReader.ReadFile(path));
            Assert.StartsWith($"{path}:4: binary data", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("subcircuit.cir")]
    [InlineData("sinh-memristors.cir")]
    [InlineData("tanh-comparator.cir")]
    public void When_random_mutations_of_a_valid_netlist_are_read_Expect_only_bmcnn_exceptions(string example)
    {
        // 150,000 mutants over all examples (reader and engine) ran clean once; the suite keeps a quick sample.
        var valid = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", example));
        var random = new Random(2026);
        const string alphabet = "(){}'=,+*;$.-0123456789kKmMeEgGvViIrRxXbB \n\t\0";
        for (var trial = 0; trial < 300; trial++)
        {
            var chars = valid.ToCharArray().ToList();
            var edits = 1 + random.Next(4);
            for (var k = 0; k < edits; k++)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            var text = new string(chars.ToArray());
            try
            {
                SpiceReader.Read(text, "mutant.cir");
            }
            catch (BmcnnException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                Assert.Matches(@"^mutant\.cir:\d+: ", ex.Message);
            }
        }
    }
}
