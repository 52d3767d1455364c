using System.Text.RegularExpressions;
using System.Xml.Linq;
using Media.Testing;

namespace Media.Server.Tests;

/// <summary>The pages' texts: every key has a Chinese and an English text, and the Chinese one is Chinese.</summary>
public sealed partial class ResourceTests
{
    private static Dictionary<string, string> Read(string culture) =>
        XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, "server", "Media.Server", "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    [Fact]
    public void Resources_ChineseAndEnglish_HaveTheSameKeysAndEveryChineseTextIsWritten()
    {
        var chinese = Read("zh-CN");
        var english = Read("en");

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        // A text may keep a product name (Media, API, MP4) but says the rest in Chinese: no untranslated English sentences.
        var untranslated = chinese.Where(e => !Han().IsMatch(e.Value) && !AllowedLatin().IsMatch(e.Value)).Select(e => $"{e.Key}={e.Value}").ToList();
        Assert.True(untranslated.Count == 0, string.Join(", ", untranslated));
    }

    /// <summary>The web app's texts (web/src/locales/*.json) flattened to dotted keys.</summary>
    private static Dictionary<string, string> ReadWebApp(string culture)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(System.Text.Json.JsonElement element, string prefix)
        {
            foreach (var property in element.EnumerateObject())
            {
                var key = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                if (property.Value.ValueKind == System.Text.Json.JsonValueKind.Object)
                {
                    Walk(property.Value, key);
                }
                else
                {
                    texts[key] = property.Value.GetString()!;
                }
            }
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "web", "src", "locales", $"{culture}.json")));
        Walk(document.RootElement, "");
        return texts;
    }

    [Fact]
    public void WebAppTexts_ChineseAndEnglish_HaveTheSameKeysAndEveryChineseTextIsWritten()
    {
        var chinese = ReadWebApp("zh-CN");
        var english = ReadWebApp("en");

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        var untranslated = chinese.Where(e => !Han().IsMatch(e.Value) && !AllowedLatin().IsMatch(e.Value)).Select(e => $"{e.Key}={e.Value}").ToList();
        Assert.True(untranslated.Count == 0, string.Join(", ", untranslated));
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    /// <summary>Texts that are the same in every language: names, symbols, numbers.</summary>
    [GeneratedRegex(@"^(English|中文|[\d\s.:×·/%-]*|[A-Z]{2,}[\w\s]*)$")]
    private static partial Regex AllowedLatin();
}
