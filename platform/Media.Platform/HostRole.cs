using Microsoft.Extensions.Configuration;

namespace Media.Platform;

/// <summary>What this process does: everything, only the web API, or only background jobs (<c>--role worker</c>).</summary>
public enum HostRole
{
    All,
    Api,
    Worker,
}

public static class HostRoles
{
    public static HostRole Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = ProviderKey.Resolve("--role", configuration["role"] ?? "all", "all", "api", "worker");
        return Enum.Parse<HostRole>(key, ignoreCase: true);
    }

    public static bool RunsJobs(this HostRole role) => role is HostRole.All or HostRole.Worker;

    public static bool ServesWeb(this HostRole role) => role is HostRole.All or HostRole.Api;
}

/// <summary>The role of this process, for services that behave differently in a worker.</summary>
public sealed record HostRoleAccessor(HostRole Role);
