using System;
using System.Buffers.Binary;
using System.IO;
using System.Numerics;

namespace ScheduleDsl.Optimizers;

public abstract partial class Optimizer
{
    /// <summary>The current checkpoint format version written by <see cref="SaveCheckpoint"/>.</summary>
    public const int CheckpointVersion = 2;

    /// <summary>The eight ASCII bytes every checkpoint starts with.</summary>
    private static ReadOnlySpan<byte> Magic => "SDLOPTCK"u8;

    /// <summary>
    /// Writes the step counters, every recorded setting (hyperparameters, schedule identities, groups, clipping) and
    /// every state buffer to <paramref name="destination"/> in the versioned binary format described in
    /// <c>docs/optimizers.md</c>, ending with a CRC-32C.
    /// </summary>
    /// <param name="destination">A writable stream; written from its current position.</param>
    /// <remarks>The parameters themselves are not part of the checkpoint: save them with the model.</remarks>
    /// <exception cref="InvalidOperationException">Another thread is inside a call of this instance.</exception>
    public void SaveCheckpoint(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Enter();
        try
        {
            var w = new CheckpointWriter(destination);
            w.Bytes(Magic);
            w.Int32(CheckpointVersion);
            w.Int32((int)Algorithm);
            w.Int64(StepCount);
            w.Int64(SkippedStepCount);
            w.Int32((int)StateFlags);
            w.Int32(BuffersPerTensor);
            w.Int32(_lengths.Length);
            w.Settings(_settings);
            foreach (int n in _lengths)
            {
                w.Int64(n);
            }

            foreach (float[] buffer in _buffers)
            {
                w.Floats(buffer);
            }

            w.Finish();
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Restores the step counters and every state buffer from a checkpoint written by <see cref="SaveCheckpoint"/>
    /// of an optimizer with the same algorithm, settings, schedules and tensor lengths. The checkpoint is read and
    /// verified completely into temporary buffers first; only a valid one replaces the state.
    /// </summary>
    /// <param name="source">A readable stream positioned at the checkpoint, which must end where the checkpoint ends.</param>
    /// <exception cref="InvalidDataException">
    /// The data is not a checkpoint, is truncated or corrupt (checksum), has trailing bytes or another version, or
    /// belongs to another algorithm, tensor layout, hyperparameter value or schedule (the message names the setting
    /// and both values). The optimizer was not changed.
    /// </exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a call of this instance.</exception>
    public void LoadCheckpoint(Stream source) => LoadCheckpoint(source, verifyScheduleIdentity: true);

    /// <summary>
    /// As <see cref="LoadCheckpoint(Stream)"/>; with <paramref name="verifyScheduleIdentity"/> <see langword="false"/>,
    /// a checkpoint written under other schedules (learning rate or a scheduled hyperparameter) is accepted, to resume
    /// under a changed schedule on purpose. Every other setting is still compared.
    /// </summary>
    /// <param name="source">A readable stream positioned at the checkpoint, which must end where the checkpoint ends.</param>
    /// <param name="verifyScheduleIdentity">Whether a different schedule identity rejects the checkpoint (the default of the other overload).</param>
    /// <exception cref="InvalidDataException">As for <see cref="LoadCheckpoint(Stream)"/>. The optimizer was not changed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside a call of this instance.</exception>
    public void LoadCheckpoint(Stream source, bool verifyScheduleIdentity)
    {
        ArgumentNullException.ThrowIfNull(source);
        Enter();
        try
        {
            Load(source, verifyScheduleIdentity);
        }
        finally
        {
            Exit();
        }
    }

    private void Load(Stream source, bool verifyScheduleIdentity)
    {
        var r = new CheckpointReader(source, Invalid);
        Span<byte> magic = stackalloc byte[8];
        r.Bytes(magic, "header");
        if (!magic.SequenceEqual(Magic))
        {
            throw Invalid("it does not start with the magic bytes \"SDLOPTCK\"; this is not a ScheduleDsl optimizer checkpoint");
        }

        int version = r.Int32("header");
        if (version != CheckpointVersion)
        {
            throw Invalid($"it has format version {version}; this library reads version {CheckpointVersion}");
        }

        uint algorithm = (uint)r.Int32("header");
        if (algorithm != (uint)Algorithm)
        {
            string name = Enum.IsDefined(typeof(OptimizerAlgorithm), (int)algorithm) ? ((OptimizerAlgorithm)algorithm).ToString() : $"unknown id {algorithm}";
            throw Invalid($"it was written by a {name} optimizer, not {Algorithm}");
        }

        long stepCount = r.Int64("header");
        long skipped = r.Int64("header");
        uint flags = (uint)r.Int32("header");
        int buffersPerTensor = r.Int32("header");
        int tensorCount = r.Int32("header");
        if (stepCount < 0 || skipped < 0)
        {
            throw Invalid($"its step counters are negative ({stepCount}, {skipped})");
        }

        if ((flags & ~KnownStateFlags) != 0)
        {
            throw Invalid($"its state flags 0x{flags:x8} contain bits {Algorithm} does not define");
        }

        if (tensorCount != _lengths.Length)
        {
            throw Invalid($"it holds {tensorCount} tensors; this optimizer has {_lengths.Length}");
        }

        r.Match(r.Settings(), _settings, verifyScheduleIdentity);
        if (buffersPerTensor != BuffersPerTensor)
        {
            throw Invalid($"it holds {buffersPerTensor} buffers per tensor; this optimizer has {BuffersPerTensor}");
        }

        for (int t = 0; t < tensorCount; t++)
        {
            long n = r.Int64("tensor lengths");
            if (n != _lengths[t])
            {
                throw Invalid($"its tensor {t} has {n} elements; this optimizer's has {_lengths[t]}");
            }
        }

        float[][] staged = new float[_buffers.Length][];
        for (int i = 0; i < staged.Length; i++)
        {
            staged[i] = new float[_buffers[i].Length];
            r.Floats(staged[i], "state buffers");
        }

        r.Finish();

        // Everything is valid: commit.
        for (int i = 0; i < staged.Length; i++)
        {
            staged[i].CopyTo(_buffers[i], 0);
        }

        StepCount = stepCount;
        SkippedStepCount = skipped;
        StateFlags = flags;
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
