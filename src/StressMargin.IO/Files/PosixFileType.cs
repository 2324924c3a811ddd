using System.Runtime.InteropServices;

namespace StressMargin.IO.Files;

/// <summary>
/// The type of a path on Linux and macOS (regular file, directory, FIFO, device, socket), which .NET does not expose:
/// <c>stat(2)</c> through the runtime's own native shim, <c>SystemNative_Stat</c> of <c>libSystem.Native</c>, whose
/// result begins with two 32-bit fields, flags and <c>st_mode</c>. Used to refuse a FIFO or a device as an input before
/// opening it (opening a FIFO blocks until a writer appears; <c>/dev/zero</c> never ends).
/// </summary>
internal static partial class PosixFileType
{
    private const int TypeMask = 0xF000;   // S_IFMT
    private const int Fifo = 0x1000;       // S_IFIFO
    private const int CharDevice = 0x2000; // S_IFCHR
    private const int Directory = 0x4000;  // S_IFDIR
    private const int BlockDevice = 0x6000; // S_IFBLK
    private const int Regular = 0x8000;    // S_IFREG
    private const int Socket = 0xC000;     // S_IFSOCK

    /// <summary>
    /// What a path is when it is not a regular file, in words for a message (<c>a FIFO (named pipe)</c>,
    /// <c>a character device</c>, …); null for a regular file, a missing path, on Windows, or when the type cannot be
    /// found (the caller then reads it as a file). Symbolic links are followed.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>Description or null.</returns>
    public static string? NonRegularKind(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        int mode;
        try
        {
            var status = new byte[512]; // larger than the shim's FileStatus in every .NET version
            if (Stat(path, status) != 0) return null;
            mode = BitConverter.ToInt32(status, 4);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (mode & TypeMask) switch
        {
            Regular => null,
            Directory => "a directory",
            Fifo => "a FIFO (named pipe)",
            CharDevice => "a character device",
            BlockDevice => "a block device",
            Socket => "a socket",
            _ => "not a regular file",
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
