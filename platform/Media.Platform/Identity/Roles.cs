namespace Media.Platform.Identity;

/// <summary>Role names as they appear in tokens and cookies.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string RegionAdmin = "region-admin";
    public const string SchoolAdmin = "school-admin";
    public const string Teacher = "teacher";
    public const string Student = "student";
    public const string Reviewer = "reviewer";

    public static IReadOnlyList<string> All { get; } = [Admin, RegionAdmin, SchoolAdmin, Teacher, Student, Reviewer];
}

/// <summary>Authorization policy names shared by every module.</summary>
public static class Policies
{
    /// <summary>Platform administrators only.</summary>
    public const string Admin = "admin";

    /// <summary>Teachers and the administrators above them (uploads, lesson management).</summary>
    public const string TeacherOrAbove = "teacher-or-above";

    /// <summary>Those who may bulk-import libraries from the server's import folder: administrators.</summary>
    public const string Importer = "importer";

    /// <summary>Those who manage people and organisations: administrators, and region administrators inside their region.</summary>
    public const string PeopleAdmin = "people-admin";

    /// <summary>Reviewers and administrators.</summary>
    public const string Reviewer = "reviewer";
}
