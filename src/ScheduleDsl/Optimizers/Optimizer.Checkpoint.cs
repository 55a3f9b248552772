using System;
using System.Buffers.Binary;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ScheduleDsl.Optimizers;

public abstract partial class Optimizer
{
    /// <summary>The current checkpoint format version written by <see cref="SaveCheckpoint"/>.</summary>
    public const int CheckpointVersion = 1;

    /// <summary>The eight ASCII bytes every checkpoint starts with.</summary>
    private static ReadOnlySpan<byte> Magic => "SDLOPTCK"u8;

    private const int FixedHeaderLength = 52;

    /// <summary>
    /// Writes the step counters and every state buffer to <paramref name="destination"/> in the versioned binary format
    /// described in <c>docs/optimizers.md</c> (magic, version, algorithm id, hyperparameter fingerprint, counters,
    /// tensor count and lengths, payload, CRC-32C).
    /// </summary>
    /// <param name="destination">A writable stream; written from its current position.</param>
    /// <remarks>The parameters themselves are not part of the checkpoint: save them with the model.</remarks>
    public void SaveCheckpoint(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> header = stackalloc byte[FixedHeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.Slice(8), CheckpointVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(12), (uint)Algorithm);
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(16), HyperparameterFingerprint);
        BinaryPrimitives.WriteInt64LittleEndian(header.Slice(24), StepCount);
        BinaryPrimitives.WriteInt64LittleEndian(header.Slice(32), SkippedStepCount);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(40), StateFlags);
        BinaryPrimitives.WriteInt32LittleEndian(header.Slice(44), BuffersPerTensor);
        BinaryPrimitives.WriteInt32LittleEndian(header.Slice(48), _lengths.Length);
        uint crc = Crc32C.Append(Crc32C.Initial, header);
        destination.Write(header);

        Span<byte> length = stackalloc byte[8];
        foreach (int n in _lengths)
        {
            BinaryPrimitives.WriteInt64LittleEndian(length, n);
            crc = Crc32C.Append(crc, length);
            destination.Write(length);
        }

        foreach (float[] buffer in _buffers)
        {
            crc = WritePayload(destination, buffer, crc);
        }

        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32C.Finish(crc));
        destination.Write(trailer);
    }

    /// <summary>
    /// Restores the step counters and every state buffer from a checkpoint written by <see cref="SaveCheckpoint"/>
    /// of an optimizer with the same algorithm, hyperparameters and tensor lengths. The checkpoint is read and
    /// verified completely into temporary buffers first; only a valid one replaces the state.
    /// </summary>
    /// <param name="source">A readable stream positioned at the checkpoint; read up to the checkpoint's end.</param>
    /// <exception cref="InvalidDataException">
    /// The data is not a checkpoint, is truncated or corrupt (checksum), has another version, or belongs to another
    /// algorithm, hyperparameter set or tensor layout. The optimizer was not changed.
    /// </exception>
    public void LoadCheckpoint(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> header = stackalloc byte[FixedHeaderLength];
        ReadFully(source, header, "header");
        uint crc = Crc32C.Append(Crc32C.Initial, header);
        if (!header.Slice(0, 8).SequenceEqual(Magic))
        {
            throw Invalid("it does not start with the magic bytes \"SDLOPTCK\"; this is not a ScheduleDsl optimizer checkpoint");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(8));
        if (version != CheckpointVersion)
        {
            throw Invalid($"it has format version {version}; this library reads version {CheckpointVersion}");
        }

        uint algorithm = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(12));
        if (algorithm != (uint)Algorithm)
        {
            string name = Enum.IsDefined(typeof(OptimizerAlgorithm), (int)algorithm) ? ((OptimizerAlgorithm)algorithm).ToString() : $"unknown id {algorithm}";
            throw Invalid($"it was written by a {name} optimizer, not {Algorithm}");
        }

        ulong fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(16));
        if (fingerprint != HyperparameterFingerprint)
        {
            throw Invalid($"its hyperparameter fingerprint 0x{fingerprint:x16} differs from this optimizer's 0x{HyperparameterFingerprint:x16}");
        }

        long stepCount = BinaryPrimitives.ReadInt64LittleEndian(header.Slice(24));
        long skipped = BinaryPrimitives.ReadInt64LittleEndian(header.Slice(32));
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(40));
        int buffersPerTensor = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(44));
        int tensorCount = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(48));
        if (stepCount < 0 || skipped < 0)
        {
            throw Invalid($"its step counters are negative ({stepCount}, {skipped})");
        }

        if ((flags & ~KnownStateFlags) != 0)
        {
            throw Invalid($"its state flags 0x{flags:x8} contain bits {Algorithm} does not define");
        }

        if (buffersPerTensor != BuffersPerTensor || tensorCount != _lengths.Length)
        {
            throw Invalid($"it holds {tensorCount} tensors with {buffersPerTensor} buffers each; this optimizer has {_lengths.Length} with {BuffersPerTensor}");
        }

        Span<byte> length = stackalloc byte[8];
        for (int t = 0; t < tensorCount; t++)
        {
            ReadFully(source, length, "tensor lengths");
            crc = Crc32C.Append(crc, length);
            long n = BinaryPrimitives.ReadInt64LittleEndian(length);
            if (n != _lengths[t])
            {
                throw Invalid($"its tensor {t} has {n} elements; this optimizer's has {_lengths[t]}");
            }
        }

        float[][] staged = new float[_buffers.Length][];
        for (int i = 0; i < staged.Length; i++)
        {
            staged[i] = new float[_buffers[i].Length];
            Span<byte> bytes = MemoryMarshal.AsBytes(staged[i].AsSpan());
            ReadFully(source, bytes, "state buffers");
            crc = Crc32C.Append(crc, bytes);
            if (!BitConverter.IsLittleEndian)
            {
                Span<int> words = MemoryMarshal.Cast<float, int>(staged[i].AsSpan());
                BinaryPrimitives.ReverseEndianness(words, words);
            }
        }

        Span<byte> trailer = stackalloc byte[4];
        ReadFully(source, trailer, "checksum");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint computed = Crc32C.Finish(crc);
        if (stored != computed)
        {
            throw Invalid($"its CRC-32C is 0x{stored:x8} but the content hashes to 0x{computed:x8}; the data is corrupt");
        }

        // Everything is valid: commit.
        for (int i = 0; i < staged.Length; i++)
        {
            staged[i].CopyTo(_buffers[i], 0);
        }

        StepCount = stepCount;
        SkippedStepCount = skipped;
        StateFlags = flags;
    }

    private static uint WritePayload(Stream destination, float[] buffer, uint crc)
    {
        if (BitConverter.IsLittleEndian)
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(buffer.AsSpan());
            destination.Write(bytes);
            return Crc32C.Append(crc, bytes);
        }

        int[] swapped = new int[buffer.Length];
        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(buffer.AsSpan()), swapped);
        ReadOnlySpan<byte> swappedBytes = MemoryMarshal.AsBytes(swapped.AsSpan());
        destination.Write(swappedBytes);
        return Crc32C.Append(crc, swappedBytes);
    }

    private void ReadFully(Stream source, Span<byte> destination, string part)
    {
        int read = source.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (read < destination.Length)
        {
            throw Invalid($"it is truncated: the stream ended {read} bytes into the {destination.Length} bytes of its {part}");
        }
    }

    private InvalidDataException Invalid(string reason)
        => new($"Cannot restore this {Algorithm} optimizer from the checkpoint: {reason}. The optimizer was not changed.");
}

/// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial and final XOR 0xFFFFFFFF).</summary>
internal static class Crc32C
{
    internal const uint Initial = 0xFFFFFFFF;

    internal static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data.Slice(8);
        }

        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }

    internal static uint Finish(uint crc) => ~crc;
}
