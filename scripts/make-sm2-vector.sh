#!/usr/bin/env bash
# Makes an SM2 interoperability vector with OpenSSL (an implementation independent of ours) and,
# conversely, checks that OpenSSL accepts a signature made by our PrivateKey.
#
#   scripts/make-sm2-vector.sh            # vector + converse check (needs openssl >= 3 and dotnet)
#   scripts/make-sm2-vector.sh --no-dotnet # vector only
#
# Prints C# constants for tests/LicenseVerifier.Tests/Crypto/Sm2InteropTests.cs. The tests never
# run openssl themselves. SM2 signatures are randomised, so every run gives a new, equally valid
# vector. The key is a throwaway test key: never use it for anything else.
set -euo pipefail

distid=1234567812345678            # GM/T 0009 default user id, as in Sm2Curve.DefaultUserId
message='Regional SM2 interoperability vector: licence BJ-2024-000001 is valid'
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

hex() { xxd -p -c 100000 | tr -d '\n'; }
# SubjectPublicKeyInfo prefix for id-ecPublicKey with the named curve SM2 (1.2.156.10197.1.301)
# and a 65-byte uncompressed point.
spki_prefix=3059301306072a8648ce3d020106082a811ccf5501822d034200

# 1. OpenSSL makes a key and signs the message with SM3 and the default distinguishing id.
printf '%s' "$message" > "$work/msg"
openssl genpkey -algorithm SM2 -out "$work/key.pem" 2>/dev/null
openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt "distid:$distid" \
    -inkey "$work/key.pem" -in "$work/msg" -out "$work/sig.der"
openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt "distid:$distid" \
    -inkey "$work/key.pem" -in "$work/msg" -sigfile "$work/sig.der" >/dev/null

public=$(openssl pkey -in "$work/key.pem" -pubout -outform DER | tail -c 65 | hex)
# The private scalar d, left-padded to 32 bytes (OpenSSL's text output drops leading zeros).
secret=$(openssl pkey -in "$work/key.pem" -text -noout |
    awk '/^priv:/ { on = 1; next } /^pub:/ { on = 0 } on' | tr -d ' :\n')
secret=$(printf '%064s' "$secret" | tr ' ' 0)

echo "// Made by scripts/make-sm2-vector.sh with $(openssl version | cut -d' ' -f1-2)."
echo "private const string OpensslSecretHex = \"$secret\";"
echo "private const string OpensslPublicKeyHex = \"$public\";"
echo "private const string MessageText = \"$message\";"
echo "private const string OpensslSignatureHex = \"$(hex < "$work/sig.der")\";"

[[ "${1:-}" == "--no-dotnet" ]] && exit 0

# 2. Conversely: our PrivateKey signs the same message, OpenSSL verifies the signature.
mkdir -p "$work/signer"
cat > "$work/signer/signer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>
  <ImplicitUsings>enable</ImplicitUsings><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><ProjectReference Include="$repo/src/LicenseVerifier/LicenseVerifier.csproj" /></ItemGroup>
</Project>
EOF
cat > "$work/signer/Program.cs" <<'EOF'
using Regional.LicenseVerifier.Crypto;
var key = PrivateKey.Generate(SignatureAlgorithm.Sm2);
var message = File.ReadAllBytes(args[0]);
Console.WriteLine(Convert.ToHexString(key.PublicKey.Bytes));
Console.WriteLine(Convert.ToHexString(key.Sign(message)));
EOF
output=$(dotnet run --project "$work/signer" -c Release -- "$work/msg" 2>&1) || { echo "$output" >&2; exit 1; }
ours_public=$(sed -n 1p <<< "$output")
ours_signature=$(sed -n 2p <<< "$output")
xxd -r -p <<< "$spki_prefix$ours_public" | openssl pkey -pubin -inform DER -out "$work/ours.pem"
xxd -r -p <<< "$ours_signature" > "$work/ours.der"
openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt "distid:$distid" -pubin \
    -inkey "$work/ours.pem" -in "$work/msg" -sigfile "$work/ours.der" >&2
echo "converse check: OpenSSL verified a signature made by PrivateKey" >&2
