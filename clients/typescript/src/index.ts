// @regional/verify: check a Regional licence file offline against the federation's trust file
// (docs/verifying.md), in Node and in browsers.
export { readLicenceFile, LicenceFileError, type LicenceFile, type LicenseDocument, type ProofBundle } from "./licencefile.js";
export { checkTrust, type Trust, type TrustedLog } from "./trust.js";
export { verifyBundle, verifyLicenceFile, type BundleCheck, type BundleFailure, type Verdict, type VerifyOptions } from "./verify.js";
export { describeAge, formatUniversal, instantFromDate, parseAge, type Instant } from "./time.js";
export { verifyInclusion, verifyConsistency, type ProofCheck, type ProofFailure } from "./merkle.js";
export { parseNote, parseCheckpoint, parseNoteKey, verifyIssuer, verifyCosignatures, type NoteKey } from "./notes.js";
export { checkDisclosure, fieldDigest, type DisclosedField, type FieldOutcome } from "./digests.js";
export { encodeEntry, mapKey, mapPathProblem, valueHash, leafHash as mapLeafHash, type StatusMapEntry } from "./statusmap.js";
export { gm, intl, suiteByName, hashLeaf, hashChildren, isPublicKey, verifySignature, type Suite } from "./suite.js";
export { fromHex, toHex, toBase64 } from "./bytes.js";
