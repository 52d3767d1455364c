using System.ComponentModel.DataAnnotations;

namespace Media.Server;

/// <summary>The web player's settings (section <c>Media:Player</c>).</summary>
internal sealed class PlayerOptions
{
    public const string Section = "Media:Player";

    /// <summary>
    /// Minutes of continuous watching after which the player pauses and suggests a rest (eye-health guidance for pupils:
    /// shorter for primary school). A stage not listed uses <see cref="RestReminderMinutes"/>; 0 turns the reminder off.
    /// </summary>
    public Dictionary<string, double> RestReminderMinutesByStage { get; set; } = new(StringComparer.Ordinal) { ["小学"] = 20 };

    [Range(0, 600)]
    public double RestReminderMinutes { get; set; } = 30;

    public double RestMinutesFor(string? stage) =>
        stage is not null && RestReminderMinutesByStage.TryGetValue(stage, out var minutes) ? minutes : RestReminderMinutes;
}
