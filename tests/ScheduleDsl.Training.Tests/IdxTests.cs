using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using ScheduleDsl.Training;
using Xunit;

namespace ScheduleDsl.Training.Tests;

public sealed class IdxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("idx-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Images(int magic, int count, int rows, int columns, int dataBytes)
    {
        var bytes = new byte[16 + dataBytes];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (int i = 0; i < dataBytes; i++)
        {
            bytes[16 + i] = (byte)(i * 37 % 256);
        }

        return bytes;
    }

    private static byte[] Labels(int magic, params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    private void Write(string name, byte[] content, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(Path.Combine(_dir, name), content);
            return;
        }

        using var file = File.Create(Path.Combine(_dir, name + ".gz"));
        using var z = new GZipStream(file, CompressionLevel.Fastest);
        z.Write(content);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_well_formed_set_is_read_with_pixels_scaled_and_labels_kept(bool gzip)
    {
        Write("train-images-idx3-ubyte", Images(0x803, 3, 2, 4, 3 * 8), gzip);
        Write("train-labels-idx1-ubyte", Labels(0x801, 7, 0, 9), gzip);
        Dataset d = Idx.LoadSet(_dir, "train");
        Assert.Equal(3, d.Count);
        Assert.Equal(8, d.FeatureCount);
        Assert.Equal(new byte[] { 7, 0, 9 }, d.Labels);
        Assert.Equal(37 / 255f, d.Features[1]);
        Assert.Equal((23 * 37 % 256) / 255f, d.Features[23]);
    }

    [Fact]
    public void A_wrong_magic_number_is_named()
    {
        Write("t10k-images-idx3-ubyte", Images(0x801, 1, 2, 2, 4), false);
        Write("t10k-labels-idx1-ubyte", Labels(0x801, 1), false);
        var e = Assert.Throws<InvalidDataException>(() => Idx.LoadSet(_dir, "t10k"));
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("expected 0x00000803", e.Message);

        using var labelsAsImages = new MemoryStream(Images(0x803, 1, 1, 1, 1));
        Assert.Contains("not an IDX label file", Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(labelsAsImages)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_truncated_file_is_rejected()
    {
        using var cut = new MemoryStream(Images(0x803, 2, 28, 28, 28 * 28 + 5));
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(cut, out _, out _));
        Assert.Contains("cut short", e.Message);

        using var header = new MemoryStream(Images(0x803, 2, 28, 28, 0).AsSpan(0, 10).ToArray());
        Assert.Contains("header", Assert.Throws<InvalidDataException>(() => Idx.ReadImages(header, out _, out _)).Message);
    }

    [Fact]
    public void Counts_that_disagree_a_bad_label_or_a_missing_file_are_rejected()
    {
        Write("train-images-idx3-ubyte", Images(0x803, 2, 2, 2, 8), false);
        Write("train-labels-idx1-ubyte", Labels(0x801, 1, 2, 3), false);
        Assert.Contains("3 labels", Assert.Throws<InvalidDataException>(() => Idx.LoadSet(_dir, "train")).Message);

        Write("train-labels-idx1-ubyte", Labels(0x801, 1, 12), false);
        Assert.Contains("label 12", Assert.Throws<InvalidDataException>(() => Idx.LoadSet(_dir, "train")).Message);

        Assert.Throws<FileNotFoundException>(() => Idx.LoadSet(_dir, "t10k"));
    }
}
