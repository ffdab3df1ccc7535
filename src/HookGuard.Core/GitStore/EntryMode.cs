namespace HookGuard.GitStore;

/// <summary>The kinds of entry git records, by their mode bits (S_IFMT).</summary>
internal static class EntryMode
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000, Directory = 0x4000, Symlink = 0xA000;

    public static bool IsRegular(int mode) => (mode & TypeMask) == Regular;

    public static bool IsSymlink(int mode) => (mode & TypeMask) == Symlink;

    public static bool IsDirectory(int mode) => (mode & TypeMask) == Directory;

    public static bool SameType(int a, int b) => (a & TypeMask) == (b & TypeMask);

    public static bool TryParseOctal(ReadOnlySpan<byte> text, out int mode)
    {
        mode = 0;
        if (text.IsEmpty || text.Length > 7) return false;
        foreach (var digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'7') return false;
            mode = (mode << 3) | (digit - '0');
        }
        return true;
    }
}
