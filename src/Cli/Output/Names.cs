using System.Globalization;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Regional.V1;

namespace Regional.Cli.Output;

/// <summary>Names for people: enum values as the contract spells them without their prefix
/// (VERIFICATION_STATUS_NOT_FOUND is NOT_FOUND), times, licence types in Chinese and English.</summary>
internal static class Names
{
    public static string Of(VerificationStatus value) => Strip(Descriptor<VerificationStatus>(), (int)value);

    public static string Of(LicenseStatus value) => Strip(Descriptor<LicenseStatus>(), (int)value);

    public static string Of(StatusReason value) => Strip(Descriptor<StatusReason>(), (int)value);

    public static string Of(SharingClass value) => Strip(Descriptor<SharingClass>(), (int)value);

    public static string Of(CryptoSuite value) => Strip(Descriptor<CryptoSuite>(), (int)value);

    public static string Of(ApplicationState value) => Strip(Descriptor<ApplicationState>(), (int)value);

    /// <summary>"营业执照 Business licence (business-licence)", or the code alone when unknown.</summary>
    public static string Type(string code, LicenseType? type) =>
        type is null ? code : $"{type.NameZh} {type.NameEn} ({code})";

    public static string Time(Timestamp? time) =>
        time is null ? "-" : time.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(Timestamp? time) =>
        time is null ? "-" : time.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Validity(Validity? validity) =>
        validity is null ? "-" : $"{Date(validity.NotBefore)} .. {(validity.NotAfter is null ? "no expiry" : Date(validity.NotAfter))}";

    /// <summary>Parses an enum value by its short name, case-insensitive, '-' for '_' (e.g. "holder-request").</summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, System.Enum
    {
        var descriptor = Descriptor<T>();
        var prefix = Prefix(descriptor);
        var wanted = text.Trim().Replace('-', '_').ToUpperInvariant();
        var match = descriptor.Values.FirstOrDefault(v => v.Number != 0 && (v.Name == wanted || v.Name == prefix + wanted));
        value = match is null ? default : (T)System.Enum.ToObject(typeof(T), match.Number);
        return match is not null;
    }

    /// <summary>The short names of an enum's values, without UNSPECIFIED: "ISSUED_IN_ERROR, ...".</summary>
    public static string Choices<T>() where T : struct, System.Enum
    {
        var descriptor = Descriptor<T>();
        return string.Join(", ", descriptor.Values.Where(v => v.Number != 0).Select(v => v.Name[Prefix(descriptor).Length..]));
    }

    private static string Strip(EnumDescriptor descriptor, int number) =>
        descriptor.FindValueByNumber(number)?.Name[Prefix(descriptor).Length..] ?? number.ToString(CultureInfo.InvariantCulture);

    private static string Prefix(EnumDescriptor descriptor) => descriptor.Values[0].Name[..^"UNSPECIFIED".Length];

    private static EnumDescriptor Descriptor<T>() =>
        TypesReflection.Descriptor.EnumTypes.Concat(LicenseServiceReflection.Descriptor.EnumTypes)
            .Concat(LedgerReflection.Descriptor.EnumTypes).Concat(DirectoryServiceReflection.Descriptor.EnumTypes)
            .First(e => e.ClrType == typeof(T));
}
