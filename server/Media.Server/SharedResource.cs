namespace Media.Server;

/// <summary>Marker for the web UI's shared strings (Resources/SharedResource.{culture}.resx).</summary>
public sealed class SharedResource;
