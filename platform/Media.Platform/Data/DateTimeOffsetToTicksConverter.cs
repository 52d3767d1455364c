using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Media.Platform.Data;

/// <summary>Stores a DateTimeOffset as UTC ticks, which SQLite can compare and order.</summary>
public sealed class DateTimeOffsetToTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
