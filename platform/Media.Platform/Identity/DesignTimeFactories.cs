using Media.Platform.Data;

namespace Media.Platform.Identity;

internal sealed class SqliteIdentityDesignFactory : SqliteDesignFactory<SqliteIdentityDbContext>;

internal sealed class PostgresIdentityDesignFactory() : PostgresDesignFactory<PostgresIdentityDbContext>(IdentityDbContext.SchemaName);
