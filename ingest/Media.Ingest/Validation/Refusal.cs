namespace Media.Ingest.Validation;

/// <summary>Why a file cannot become a lesson: a stable code pages translate, and the technical reason in English.</summary>
internal sealed record Refusal(string Code, string Reason);
