using System.Reflection;
using Xunit.Sdk;

namespace Kalkan.Tests.Infrastructure;

/// <summary>Runs a test once in each language Kalkan speaks besides English (six in all, issue 13).</summary>
public sealed class OtherLanguagesAttribute : DataAttribute
{
    public static readonly string[] Codes = ["ru", "ky", "sw", "my", "es"];

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => Codes.Select(code => new object[] { code });
}
