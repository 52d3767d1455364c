using Media.Platform.Storage;

namespace Media.Platform.Tests.Storage;

public sealed class BlobKeyTests
{
    [Theory]
    [InlineData("uploads/abc/file.mp4")]
    [InlineData("lessons/0193/v2/720p/seg_00001.m4s")]
    [InlineData("a")]
    public void Validate_SafeKey_ReturnsIt(string key) => Assert.Equal(key, BlobKey.Validate(key));

    [Theory]
    [InlineData("uploads/")]
    [InlineData("")]
    [InlineData("uploads/ab")]
    public void ValidatePrefix_SafePrefix_ReturnsIt(string prefix) => Assert.Equal(prefix, BlobKey.ValidatePrefix(prefix));

    [Theory]
    [InlineData("uploads/../x")]
    [InlineData("./x")]
    [InlineData("x/")]
    [InlineData("x y")]
    public void Validate_UnsafeKey_Throws(string key) => Assert.Throws<ArgumentException>(() => BlobKey.Validate(key));
}
