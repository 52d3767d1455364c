using System.ComponentModel.DataAnnotations;

namespace Media.Platform;

/// <summary>Settings under <c>Media</c> that every module shares.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Folder for the embedded defaults: SQLite files, search index, filesystem blobs, job storage.</summary>
    [Required]
    public string DataPath { get; set; } = "./data";

    /// <summary>The data path made absolute against the working directory.</summary>
    public string FullDataPath => Path.GetFullPath(DataPath);
}
