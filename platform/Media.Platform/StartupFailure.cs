using Microsoft.Extensions.Options;

namespace Media.Platform;

/// <summary>Turns a start-up failure caused by configuration or the environment into the one line an operator reads.</summary>
public static class StartupFailure
{
    public static bool TryDescribe(Exception exception, out string line)
    {
        var found = exception;
        while (found is not null and not StartupException and not OptionsValidationException)
        {
            found = found.InnerException ?? (found as AggregateException)?.InnerExceptions.FirstOrDefault();
        }

        line = found switch
        {
            StartupException startup => "error: " + startup.Message,
            OptionsValidationException invalid => $"error: invalid configuration ({invalid.OptionsType.Name}): {string.Join("; ", invalid.Failures)}",
            _ => string.Empty,
        };
        return line.Length > 0;
    }
}
