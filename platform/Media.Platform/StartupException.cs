namespace Media.Platform;

/// <summary>
/// A start-up failure whose message is already the one line an operator needs
/// (what is wrong and what to do); the host prints it without a stack trace.
/// </summary>
public sealed class StartupException : Exception
{
    public StartupException(string message) : base(message) { }

    public StartupException(string message, Exception innerException) : base(message, innerException) { }

    public StartupException() { }
}
