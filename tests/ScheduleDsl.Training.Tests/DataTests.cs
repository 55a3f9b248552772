using System.IO;
using System.Linq;
using ScheduleDsl.Training;
using Xunit;

namespace ScheduleDsl.Training.Tests;

public class DataTests
{
    [Fact]
    public void The_embedded_digits_have_1797_rows_of_64_pixels_and_a_label()
    {
        Assert.True(File.Exists(DigitsCsv.DefaultPath), $"missing {DigitsCsv.DefaultPath}");
        Dataset d = DigitsCsv.Load();
        Assert.Equal(1797, d.Count);
        Assert.Equal(64, d.FeatureCount);
        Assert.Equal(1797 * 64, d.Features.Length);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), d.Labels.Distinct().Order());
        Assert.All(d.Features, f => Assert.InRange(f, 0f, 1f));
        Assert.Equal(1f, d.Features.Max());    // some pixel reaches 16
    }

    [Fact]
    public void The_split_is_stratified_complete_and_seeded()
    {
        Dataset d = DigitsCsv.Load();
        (Dataset train, Dataset test) = d.StratifiedSplit(0.2, 7);
        Assert.Equal(d.Count, train.Count + test.Count);
        for (int c = 0; c < 10; c++)
        {
            int all = d.Labels.Count(l => l == c), inTest = test.Labels.Count(l => l == c);
            Assert.Equal((int)System.Math.Floor((all * 0.2) + 0.5), inTest);
        }

        (Dataset again, _) = d.StratifiedSplit(0.2, 7);
        (Dataset other, _) = d.StratifiedSplit(0.2, 8);
        Assert.Equal(train.Features, again.Features);
        Assert.NotEqual(train.Labels, other.Labels);
    }

    [Theory]
    [InlineData("1,2,3\n", "65")]
    public void A_malformed_csv_line_is_rejected_with_its_position(string text, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => DigitsCsv.Parse(new StringReader(text)));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(0, "17", "field 1")]
    [InlineData(64, "10", "field 65")]
    [InlineData(5, "x", "field 6")]
    public void An_out_of_range_value_is_rejected_with_its_field(int field, string value, string expected)
    {
        string[] fields = Enumerable.Repeat("0", 65).ToArray();
        fields[field] = value;
        string text = string.Join(',', Enumerable.Repeat("0", 65)) + "\n" + string.Join(',', fields) + "\n";
        var e = Assert.Throws<InvalidDataException>(() => DigitsCsv.Parse(new StringReader(text)));
        Assert.Contains("Line 2, " + expected, e.Message);
    }
}
