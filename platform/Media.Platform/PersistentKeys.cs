using System.Security.Cryptography;

namespace Media.Platform;

/// <summary>
/// Secret keys the embedded defaults generate once and keep under <c>{DataPath}/keys</c>, so that tokens and
/// signed URLs survive a restart. Several processes starting together end up with the same key.
/// </summary>
public static class PersistentKeys
{
    public static byte[] LoadOrCreate(MediaOptions media, string name)
    {
        ArgumentNullException.ThrowIfNull(media);
        var path = Path.Combine(media.FullDataPath, "keys", name + ".key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
