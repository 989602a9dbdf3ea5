using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ParentPortal.Platform.Identity.DevProvider;

/// <summary>
/// The development provider's signing and encryption keys. Several portal instances behind one proxy each run their
/// own provider, and a code or token one issues must be accepted by the others: with
/// <c>DevIdentityProvider:KeySeed</c> set, every instance derives the same keys from it. Without it, each process makes
/// new keys, which is all one instance needs.
/// </summary>
internal static class DevProviderKeys
{
    public const string KeySeedKey = "DevIdentityProvider:KeySeed";

    public static (SecurityKey Signing, SecurityKey Encryption) Create(string? seed)
    {
        if (string.IsNullOrEmpty(seed))
        {
            return (new RsaSecurityKey(RSA.Create(2048)), new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
        }

        // An RSA key cannot be derived from a seed with .NET's APIs; a P-256 key (ES256) can: its private part is any
        // number below the curve's order, which 32 derived bytes are but for a 1 in 2^32 chance, then retried.
        var secret = Encoding.UTF8.GetBytes(seed);
        var encryption = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: null, info: "ParentPortal dev-idp encryption"u8.ToArray());
        for (var attempt = 0; ; attempt++)
        {
            var d = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: null, info: Encoding.UTF8.GetBytes("ParentPortal dev-idp signing " + attempt));
            ECDsa signing;
            try
            {
                signing = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            }
            catch (CryptographicException) when (attempt < 8)
            {
                continue;
            }

            var publicKey = signing.ExportParameters(includePrivateParameters: false).Q;
            var keyId = Base64UrlEncoder.Encode(SHA256.HashData([.. publicKey.X!, .. publicKey.Y!])[..12]);
            return (new ECDsaSecurityKey(signing) { KeyId = keyId }, new SymmetricSecurityKey(encryption) { KeyId = "enc-" + keyId });
        }
    }
}
