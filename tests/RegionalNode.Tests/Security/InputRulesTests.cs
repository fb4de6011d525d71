using Regional.Node.Errors;
using Regional.Node.Security;

namespace Regional.Node.Tests.Security;

/// <summary>The text rules every caller-chosen string that can reach the log passes (docs/input-limits.md).</summary>
[TestFixture]
public sealed class InputRulesTests
{
    [TestCase("电力过户")]
    [TestCase("天津市电力公司滨海营业厅")]
    [TestCase("Power account transfer (居民)")]
    [TestCase("😀 emoji are text")]
    public void TextProblem_PlainText_None(string text) => Assert.That(InputRules.TextProblem(text), Is.Null);

    [TestCase("a\u0000b", "U+0000")]
    [TestCase("a\u001b[2Jb", "U+001B")]
    [TestCase("a\u0085b", "U+0085")]
    [TestCase("power\u202Eefsnart", "U+202E")]
    [TestCase("x\u2066y", "U+2066")]
    [TestCase("x\u200Fy", "U+200F")]
    [TestCase("line\u2028break", "U+2028")]
    [TestCase("bad\uFFFDutf8", "U+FFFD")]
    public void TextProblem_ControlFormattingOrBrokenText_Refused(string text, string named) =>
        Assert.That(InputRules.TextProblem(text), Does.Contain(named));

    [Test]
    public void TextProblem_UnpairedSurrogate_Refused()
    {
        // Built at run time: an attribute cannot carry a lone surrogate (it becomes U+FFFD).
        var text = "lone " + (char)0xD800 + " surrogate";
        Assert.That(InputRules.TextProblem(text), Does.Contain("unpaired surrogate"));
    }

    [Test]
    public void TextProblem_LongerThanTheLimit_RefusedWithBothLengths()
    {
        Assert.That(InputRules.TextProblem(new string('户', InputRules.MaxTextLength)), Is.Null);
        Assert.That(InputRules.TextProblem(new string('户', InputRules.MaxTextLength + 1)), Is.EqualTo("got 65 characters, want at most 64"));
    }

    [Test]
    public void TextProblem_Empty_RefusedOnlyWhenRequired()
    {
        Assert.That(InputRules.TextProblem("", required: false), Is.Null);
        Assert.That(InputRules.TextProblem(""), Does.StartWith("empty"));
        Assert.That(InputRules.TextProblem("   ", required: false), Does.StartWith("empty"), "blank is not absent");
    }

    [TestCase("power-account-transfer", true)]
    [TestCase("property-transfer", true)]
    [TestCase("0", true)]
    [TestCase("Power", false)]
    [TestCase("-leading", false)]
    [TestCase("with space", false)]
    [TestCase("电力过户", false)]
    public void MatterCode_Pattern(string code, bool ok)
    {
        var violations = new FieldViolations();
        InputRules.MatterCode(violations, "matter_code", code, required: true);
        Assert.That(violations.Any, Is.EqualTo(!ok));
    }

    [TestCase("tj-power", true)]
    [TestCase("bj-natural-resources", true)]
    [TestCase("power", false)]
    [TestCase("tj-", false)]
    [TestCase("TJ-power", false)]
    [TestCase("tj-power-and-water-and-gas-and-heat", false)]
    public void Department_RegionPrefixedName(string department, bool ok)
    {
        var violations = new FieldViolations();
        InputRules.Department(violations, "relying_department", department);
        Assert.That(violations.Any, Is.EqualTo(!ok));
    }

    [Test]
    public void FieldNames_DuplicatesMalformedAndTooMany_EachNamedByIndex()
    {
        var violations = new FieldViolations();
        InputRules.FieldNames(violations, "fields", ["owner_name", "owner_name", "Owner Name"]);
        var tooMany = new FieldViolations();
        InputRules.FieldNames(tooMany, "fields", [.. Enumerable.Range(0, InputRules.MaxFieldNames + 1).Select(i => $"f{i}")]);

        Assert.That(violations.Count, Is.EqualTo(2));
        Assert.That(tooMany.Count, Is.EqualTo(1));
    }
}
