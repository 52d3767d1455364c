namespace Media.Transcoding.Recognition;

/// <summary>An OCR engine that reads the text lines of one frame (a 24-bit BMP), in reading order.</summary>
internal interface IScreenTextEngine
{
    string Name { get; }

    /// <summary>Why the engine cannot run on this machine (not installed, no models), or null.</summary>
    Task<string?> MissingAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ReadAsync(string imagePath, CancellationToken cancellationToken);

    /// <summary>A second reading of a title-card frame where the engine has one that errs differently; empty otherwise.</summary>
    Task<IReadOnlyList<string>> ReadCardAsync(string imagePath, CancellationToken cancellationToken);
}
