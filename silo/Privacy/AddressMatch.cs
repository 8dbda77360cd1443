using Engagement.Grains.Privacy;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Which rows may hold an erased address, in any of the forms <see cref="AddressRedaction"/> takes out: the database
/// chooses them, and the redaction in .NET decides what changes.
/// </summary>
internal static class AddressMatch
{
    /// <summary>
    /// A condition on <paramref name="column"/>, with the address's <see cref="AddressRedaction.Forms"/> as the
    /// statement's parameter <paramref name="parameter"/>.
    /// </summary>
    public static string Condition(string column, int parameter) =>
        $"EXISTS (SELECT FROM unnest(${parameter}::text[]) AS form WHERE strpos(lower({column}), lower(form)) > 0)";
}
