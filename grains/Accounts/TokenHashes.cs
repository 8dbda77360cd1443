using System.Security.Cryptography;
using System.Text;

namespace Engagement.Grains.Accounts;

/// <summary>Compares a presented token's hash with the stored ones without leaking timing.</summary>
internal static class TokenHashes
{
    public static bool Contains(IEnumerable<string> stored, string presented)
    {
        var presentedBytes = Encoding.ASCII.GetBytes(presented);
        var found = false;
        foreach (var hash in stored)
        {
            found |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), presentedBytes);
        }

        return found;
    }
}
