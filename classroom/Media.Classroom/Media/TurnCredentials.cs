using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Media.Classroom.Media;

/// <summary>
/// TURN REST credentials (coturn's use-auth-secret): the user name is "expiry:who", the password the base64
/// HMAC-SHA1 of that name under the shared secret. They expire by themselves; the secret never leaves the server.
/// </summary>
internal static class TurnCredentials
{
    public static IReadOnlyList<IceServer> For(ClassroomOptions options, Guid userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TurnUrls.Length == 0 || string.IsNullOrEmpty(options.TurnSecret))
        {
            return [];
        }

        var expiry = now.Add(options.TurnCredentialLifetime).ToUnixTimeSeconds();
        var userName = string.Create(CultureInfo.InvariantCulture, $"{expiry}:{userId:N}");
        // SHA-1 because coturn's TURN REST scheme is defined with it; the MAC only proves the name was issued by us.
#pragma warning disable CA5350
        var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(options.TurnSecret), Encoding.UTF8.GetBytes(userName)));
#pragma warning restore CA5350
        return [new IceServer(options.TurnUrls, userName, password)];
    }
}
