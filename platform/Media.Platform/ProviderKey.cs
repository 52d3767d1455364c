namespace Media.Platform;

/// <summary>Resolves a configured provider key against the supported ones, failing with the list.</summary>
public static class ProviderKey
{
    public static string Resolve(string setting, string? configured, params string[] supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        var match = supported.FirstOrDefault(s => string.Equals(s, configured, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new StartupException(
            $"{setting} '{configured}' is not supported. Supported: {string.Join(", ", supported)}");
    }
}
