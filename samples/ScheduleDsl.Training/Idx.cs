using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ScheduleDsl.Training;

/// <summary>
/// Reads MNIST's IDX files (big-endian): images have magic 0x00000803 (unsigned bytes, 3 dimensions: count, rows,
/// columns), labels 0x00000801 (unsigned bytes, 1 dimension). Files may be gzip-compressed (detected by content).
/// </summary>
public static class Idx
{
    /// <summary>The magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file.</summary>
    /// <param name="stream">The (uncompressed) IDX data.</param>
    /// <param name="rows">The image height.</param>
    /// <param name="columns">The image width.</param>
    /// <returns>Pixels 0–255, image after image, row-major.</returns>
    /// <exception cref="InvalidDataException">Wrong magic, implausible dimensions, or the data is cut short.</exception>
    public static byte[] ReadImages(Stream stream, out int rows, out int columns)
    {
        int magic = ReadInt32(stream, "magic number");
        if (magic != ImagesMagic)
        {
            throw new InvalidDataException($"Not an IDX image file: magic number 0x{magic:X8}, expected 0x{ImagesMagic:X8} (unsigned bytes, 3 dimensions).");
        }

        int count = ReadInt32(stream, "image count");
        rows = ReadInt32(stream, "row count");
        columns = ReadInt32(stream, "column count");
        if (count < 0 || rows <= 0 || columns <= 0 || (long)count * rows * columns > Array.MaxLength)
        {
            throw new InvalidDataException($"Implausible IDX image dimensions {count} × {rows} × {columns}.");
        }

        var pixels = new byte[count * rows * columns];
        ReadExactly(stream, pixels, $"{count} images of {rows}×{columns}");
        return pixels;
    }

    /// <summary>Reads a label file.</summary>
    /// <param name="stream">The (uncompressed) IDX data.</param>
    /// <returns>The labels.</returns>
    /// <exception cref="InvalidDataException">Wrong magic, a negative count, or the data is cut short.</exception>
    public static byte[] ReadLabels(Stream stream)
    {
        int magic = ReadInt32(stream, "magic number");
        if (magic != LabelsMagic)
        {
            throw new InvalidDataException($"Not an IDX label file: magic number 0x{magic:X8}, expected 0x{LabelsMagic:X8} (unsigned bytes, 1 dimension).");
        }

        int count = ReadInt32(stream, "label count");
        if (count < 0)
        {
            throw new InvalidDataException($"Negative IDX label count {count}.");
        }

        var labels = new byte[count];
        ReadExactly(stream, labels, $"{count} labels");
        return labels;
    }

    /// <summary>Opens a file, decompressing it when it starts with the gzip signature.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A stream of the uncompressed content.</returns>
    public static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        int b0 = file.ReadByte(), b1 = file.ReadByte();
        file.Position = 0;
        return b0 == 0x1F && b1 == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Reads one set from a directory: images and labels, checked against each other.</summary>
    /// <param name="directory">The directory holding the files.</param>
    /// <param name="prefix"><c>train</c> or <c>t10k</c>.</param>
    /// <returns>The examples with pixels scaled to [0, 1].</returns>
    /// <exception cref="FileNotFoundException">A file is missing (with or without <c>.gz</c>).</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or the counts differ.</exception>
    public static Dataset LoadSet(string directory, string prefix)
    {
        string imagesPath = Find(directory, prefix + "-images-idx3-ubyte");
        string labelsPath = Find(directory, prefix + "-labels-idx1-ubyte");
        byte[] pixels;
        int rows, columns;
        using (Stream s = Open(imagesPath))
        {
            pixels = ReadImages(s, out rows, out columns);
        }

        byte[] labels;
        using (Stream s = Open(labelsPath))
        {
            labels = ReadLabels(s);
        }

        int size = rows * columns;
        if (pixels.Length / size != labels.Length)
        {
            throw new InvalidDataException($"{imagesPath} holds {pixels.Length / size} images but {labelsPath} holds {labels.Length} labels.");
        }

        foreach (byte label in labels)
        {
            if (label > 9)
            {
                throw new InvalidDataException($"{labelsPath} holds the label {label}; MNIST labels are 0..9.");
            }
        }

        var features = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            features[i] = pixels[i] / 255f;
        }

        return new Dataset(features, labels, size);
    }

    private static string Find(string directory, string name)
    {
        foreach (string candidate in new[] { name, name + ".gz", name.Replace("-idx", ".idx", StringComparison.Ordinal), name.Replace("-idx", ".idx", StringComparison.Ordinal) + ".gz" })
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"MNIST file {name} (or {name}.gz) not found in {directory}.", Path.Combine(directory, name));
    }

    private static int ReadInt32(Stream stream, string what)
    {
        Span<byte> bytes = stackalloc byte[4];
        int read = stream.ReadAtLeast(bytes, 4, throwOnEndOfStream: false);
        if (read < 4)
        {
            throw new InvalidDataException($"The IDX file ends inside its header (reading the {what}).");
        }

        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException($"The IDX file is cut short: {what} need {buffer.Length} bytes of data, found {read}.");
        }
    }
}
