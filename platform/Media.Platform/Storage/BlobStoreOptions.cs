namespace Media.Platform.Storage;

/// <summary>Settings under <c>Media:Storage</c>.</summary>
public sealed class BlobStoreOptions
{
    public const string Section = "Media:Storage";
    public const string FileSystem = "FileSystem";
    public const string AzureBlob = "AzureBlob";

    public string Provider { get; set; } = FileSystem;

    /// <summary>FileSystem root; defaults to <c>{DataPath}/blobs</c>.</summary>
    public string? RootPath { get; set; }

    /// <summary>AzureBlob connection string (Azurite's works too).</summary>
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "media";
}
