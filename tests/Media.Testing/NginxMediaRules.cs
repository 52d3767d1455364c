namespace Media.Testing;

/// <summary>
/// Media's nginx rules as a deployment includes them (deploy/nginx-media-http.conf and deploy/nginx-media-locations.conf),
/// with a test's own blob and cache folders; the server block around them defines the <c>api</c> upstream.
/// </summary>
public static class NginxMediaRules
{
    /// <summary>The http-level rules (the grant cache), with the cache in <paramref name="cacheFolder"/> (nginx creates it).</summary>
    public static string Http(string cacheFolder) =>
        Read("nginx-media-http.conf").Replace("/var/cache/nginx/media-grants", cacheFolder, StringComparison.Ordinal);

    /// <summary>The locations of the server block, sending files from <paramref name="blobFolder"/>.</summary>
    public static string Locations(string blobFolder) =>
        Read("nginx-media-locations.conf").Replace("alias /blobs/", $"alias {blobFolder.TrimEnd('/')}/", StringComparison.Ordinal);

    private static string Read(string name) => File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", name));
}
