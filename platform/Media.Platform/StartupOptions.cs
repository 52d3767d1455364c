using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Media.Platform;

/// <summary>Reads settings that are needed while services are registered, validating them on the spot.</summary>
public static class StartupOptions
{
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"invalid configuration in {section}: {e.Message}", e);
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new StartupException($"invalid configuration in {section}: {string.Join("; ", results.Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"))}");
        }

        return options;
    }
}
