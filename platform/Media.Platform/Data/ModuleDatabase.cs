using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Media.Platform.Data;

/// <summary>Registers a module's DbContext for the configured provider, with that provider's migrations.</summary>
public static class ModuleDatabase
{
    /// <param name="builder">The host being composed.</param>
    /// <param name="schema">The module's schema (PostgreSQL) and file name (SQLite).</param>
    /// <typeparam name="TContext">The context the module's code depends on.</typeparam>
    /// <typeparam name="TSqlite">The subclass that carries the SQLite migrations.</typeparam>
    /// <typeparam name="TPostgres">The subclass that carries the PostgreSQL migrations.</typeparam>
    public static IHostApplicationBuilder AddModuleDatabase<TContext, TSqlite, TPostgres>(this IHostApplicationBuilder builder, string schema)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ReadOptions(builder.Configuration);
        var dataPath = StartupOptions.Read<MediaOptions>(builder.Configuration, MediaOptions.Section).FullDataPath;
        builder.Services.TryAddSingleton<Events.OutboxSaveInterceptor>();

        if (options.Provider == DatabaseOptions.Sqlite)
        {
            var file = Path.Combine(dataPath, schema + ".db");
            builder.Services.AddDbContext<TContext, TSqlite>((services, o) => o.UseSqlite($"Data Source={file}")
                .AddInterceptors(services.GetRequiredService<Events.OutboxSaveInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContext<TContext, TPostgres>((services, o) => o.UseNpgsql(
                options.ConnectionString,
                npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", schema))
                .AddInterceptors(services.GetRequiredService<Events.OutboxSaveInterceptor>()));
        }

        builder.Services.AddSingleton(new ModuleDatabaseRegistration(schema, typeof(TContext)));
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database:" + schema, tags: ["ready"]);
        return builder;
    }

    /// <summary>Reads and validates <c>Media:Database</c>, failing with one line when it is unusable.</summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var options = StartupOptions.Read<DatabaseOptions>(configuration, DatabaseOptions.Section);
        options.Provider = ProviderKey.Resolve("Media:Database:Provider", options.Provider, DatabaseOptions.Sqlite, DatabaseOptions.PostgreSql);
        if (options.Provider == DatabaseOptions.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StartupException("Media:Database:ConnectionString is required when Media:Database:Provider is PostgreSql.");
        }

        return options;
    }
}

/// <summary>One module's database, migrated at start-up.</summary>
public sealed record ModuleDatabaseRegistration(string Schema, Type ContextType);
