using System.Formats.Tar;

namespace Kalkan.Backup;

/// <summary>
/// What a backup holds, before it is encrypted: a tar archive of the store's snapshot and of the
/// files kept beside it (evidence, case documents), which stay sealed under the network's root
/// key inside it. A restore extracts nothing but these: one store file and plain file names in
/// the known folders, so no name in an archive can write anywhere else.
/// </summary>
public static class BackupArchive
{
    public const string StoreFile = "kalkan.db";

    /// <summary>
    /// The snapshot first, then every sealed file. Taken after the snapshot, every file a row of
    /// the snapshot names is there (a file is written before its row); a file added since is one
    /// no row names, and a file deleted since is left out.
    /// </summary>
    public static async Task WriteAsync(Stream output, string snapshot, string data, CancellationToken ct)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await tar.WriteEntryAsync(snapshot, StoreFile, ct);
        foreach (var folder in DataFolder.SealedFileFolders.Where(f => Directory.Exists(Path.Combine(data, f))))
            foreach (var file in Directory.EnumerateFiles(Path.Combine(data, folder)).Order())
            {
                FileStream content;
                try
                {
                    content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                }
                catch (FileNotFoundException) { continue; }
                await using (content)
                {
                    // An upload still arriving grows its file while it is copied: the archive takes the length the file had
                    // when it was opened, as its header says (no row of the snapshot names a file still arriving).
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{folder}/{Path.GetFileName(file)}")
                    {
                        DataStream = new FirstBytes(content, content.Length),
                        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    };
                    await tar.WriteEntryAsync(entry, ct);
                }
            }
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for anything but the store and sealed files, or no store.</summary>
    public static async Task ExtractAsync(Stream input, string data, CancellationToken ct)
    {
        await using var tar = new TarReader(input, leaveOpen: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !IsKnown(entry.Name) || !seen.Add(entry.Name))
                throw new InvalidDataException("The backup holds something other than a Kalkan store and its files.");
            var target = Path.Combine(data, entry.Name);
            DataFolder.Ensure(Path.GetDirectoryName(target)!);
            // Created owner-only and new, as Kalkan writes its sealed files: never readable by others, not even for a moment.
            await using var file = SealedFile.Create(target);
            if (entry.DataStream is { } content) await content.CopyToAsync(file, ct);
        }
        if (!seen.Contains(StoreFile)) throw new InvalidDataException("The backup holds no Kalkan store.");
    }

    static bool IsKnown(string name) =>
        name == StoreFile || DataFolder.SealedFileFolders.Any(folder => name.StartsWith(folder + "/", StringComparison.Ordinal) && IsPlainFileName(name[(folder.Length + 1)..]));

    /// <summary>What Kalkan names its sealed files: an id and a kind ("0f3c….original"), nothing that could climb out of the folder.</summary>
    static bool IsPlainFileName(string name) =>
        name.Length is > 0 and <= 80 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-');

    /// <summary>The first <c>length</c> bytes of a stream, and no more, however much it grows meanwhile.</summary>
    sealed class FirstBytes(Stream inner, long length) : Stream
    {
        long position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, length - position)]);
            position += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - position)], ct);
            position += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => position + offset, _ => length + offset };
            if (target < 0 || target > length) throw new ArgumentOutOfRangeException(nameof(offset));
            return position = inner.Seek(target, SeekOrigin.Begin);
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
