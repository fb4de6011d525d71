// Reading the exact entry bytes of a bundle (protos/regional/v1/ledger.proto) as an ordinary protobuf
// parser does (Google.Protobuf on the C# side): unknown fields and fields of an unexpected wire type are
// skipped, the last scalar wins, a repeated message field appends, an embedded message or a oneof case
// seen again merges, another oneof case replaces the one before; truncated input, invalid wire types,
// field number 0 and strings that are not UTF-8 make the bytes unreadable.
import { decodeUtf8, type Bytes } from "./bytes.js";

type FieldType = "string" | "bytes" | "uint32" | "uint64" | "int32" | "int64" | "enum" | "bool" | Schema;

interface Field {
  name: string;
  type: FieldType;
  repeated?: boolean;
  oneof?: string;
}

type Schema = { [number: number]: Field };

export type Message = { [name: string]: unknown };

const timestamp: Schema = { 1: { name: "seconds", type: "int64" }, 2: { name: "nanos", type: "int32" } };
const validity: Schema = { 1: { name: "notBefore", type: timestamp }, 2: { name: "notAfter", type: timestamp } };
const fieldDigest: Schema = { 1: { name: "name", type: "string" }, 2: { name: "digest", type: "bytes" } };
const fieldSpec: Schema = {
  1: { name: "name", type: "string" }, 2: { name: "labelZh", type: "string" }, 3: { name: "labelEn", type: "string" },
  4: { name: "type", type: "enum" }, 5: { name: "sensitivity", type: "enum" }, 6: { name: "required", type: "bool" },
};
const sharingPolicy: Schema = {
  1: { name: "sharingClass", type: "enum" }, 2: { name: "allowedDepartments", type: "string", repeated: true },
  3: { name: "allowedPurposes", type: "string", repeated: true },
};
const licenseType: Schema = {
  1: { name: "code", type: "string" }, 2: { name: "nameZh", type: "string" }, 3: { name: "nameEn", type: "string" },
  4: { name: "owningDepartment", type: "string" }, 5: { name: "fields", type: fieldSpec, repeated: true }, 6: { name: "sharing", type: sharingPolicy },
};

/** LedgerEntry and every kind, so that a string that is not UTF-8 anywhere is refused as the C# parser refuses it. */
export const ledgerEntry: Schema = {
  1: { name: "formatVersion", type: "uint32" },
  2: { name: "region", type: "string" },
  3: { name: "recordedAt", type: timestamp },
  10: { name: "catalogEntry", oneof: "kind", type: { 1: { name: "licenseType", type: licenseType }, 2: { name: "revision", type: "uint32" } } },
  11: {
    name: "licenseIssued", oneof: "kind", type: {
      1: { name: "licenseId", type: "string" }, 2: { name: "licenseType", type: "string" }, 3: { name: "issuingDepartment", type: "string" },
      4: { name: "validity", type: validity }, 5: { name: "fieldDigests", type: fieldDigest, repeated: true },
    },
  },
  12: {
    name: "licenseAmended", oneof: "kind", type: {
      1: { name: "licenseId", type: "string" }, 2: { name: "version", type: "uint32" }, 3: { name: "validity", type: validity },
      4: { name: "fieldDigests", type: fieldDigest, repeated: true },
    },
  },
  13: {
    name: "licenseStatusChanged", oneof: "kind", type: {
      1: { name: "licenseId", type: "string" }, 2: { name: "status", type: "enum" }, 3: { name: "reason", type: "enum" },
    },
  },
  14: {
    name: "consentGranted", oneof: "kind", type: {
      1: { name: "grantId", type: "string" }, 2: { name: "licenseId", type: "string" }, 3: { name: "relyingDepartment", type: "string" },
      4: { name: "relyingWindow", type: "string" }, 5: { name: "matterCode", type: "string" }, 6: { name: "matterName", type: "string" },
      7: { name: "fields", type: "string", repeated: true }, 8: { name: "expiresAt", type: timestamp }, 9: { name: "singleUse", type: "bool" },
    },
  },
  15: { name: "consentWithdrawn", oneof: "kind", type: { 1: { name: "grantId", type: "string" }, 2: { name: "licenseId", type: "string" } } },
  16: {
    name: "accessRecorded", oneof: "kind", type: {
      1: { name: "licenseId", type: "string" }, 2: { name: "kind", type: "enum" }, 3: { name: "relyingDepartment", type: "string" },
      4: { name: "clerk", type: "string" }, 5: { name: "matterCode", type: "string" }, 6: { name: "place", type: "string" },
      7: { name: "requestingRegion", type: "string" }, 8: { name: "grantId", type: "string" }, 9: { name: "fieldsSeen", type: "string", repeated: true },
      10: { name: "accessedAt", type: timestamp }, 11: { name: "window", type: "string" },
    },
  },
  17: {
    name: "keyRotated", oneof: "kind", type: {
      1: { name: "previousVerifierKey", type: "string" }, 2: { name: "newVerifierKey", type: "string" }, 3: { name: "endorsement", type: "bytes" },
    },
  },
  18: { name: "statusRoot", oneof: "kind", type: { 1: { name: "root", type: "bytes" } } },
};

class Malformed extends Error {}

class Reader {
  constructor(readonly bytes: Bytes, public at = 0, readonly end = bytes.length) {}

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.at >= this.end) throw new Malformed("truncated varint");
      const b = this.bytes[this.at++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result & 0xffffffffffffffffn;
    }
    throw new Malformed("varint longer than 10 bytes");
  }

  take(length: number): Bytes {
    if (length < 0 || this.at + length > this.end) throw new Malformed("truncated field");
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  /** Skips a field of wire type `wire` (field already read); groups are skipped up to their end tag. */
  skip(wire: number, field: number): void {
    switch (wire) {
      case 0: this.varint(); return;
      case 1: this.take(8); return;
      case 2: this.take(this.length()); return;
      case 5: this.take(4); return;
      case 3:
        for (;;) {
          const [f, w] = this.tag();
          if (w === 4) {
            if (f !== field) throw new Malformed("mismatched end group");
            return;
          }
          this.skip(w, f);
        }
      default: throw new Malformed(`wire type ${wire}`);
    }
  }

  length(): number {
    const n = this.varint();
    if (n > 0x7fffffffn) throw new Malformed("length too large");
    return Number(n);
  }

  tag(): [number, number] {
    const tag = this.varint();
    if (tag > 0xffffffffn) throw new Malformed("tag too large");
    const field = Number(tag >> 3n);
    if (field === 0) throw new Malformed("field number 0");
    return [field, Number(tag & 7n)];
  }
}

const wireOf = (type: FieldType): number => (typeof type === "object" || type === "string" || type === "bytes" ? 2 : 0);

function scalar(reader: Reader, type: FieldType): unknown {
  switch (type) {
    case "string": {
      const text = decodeUtf8(reader.take(reader.length()));
      if (text === null) throw new Malformed("a string that is not UTF-8");
      return text;
    }
    case "bytes": return reader.take(reader.length()).slice();
    case "uint64": return reader.varint();
    case "int64": return BigInt.asIntN(64, reader.varint());
    case "uint32": return Number(reader.varint() & 0xffffffffn);
    case "int32":
    case "enum": return Number(BigInt.asIntN(32, reader.varint() & 0xffffffffn));
    case "bool": return reader.varint() !== 0n;
    default: throw new Error("not a scalar");
  }
}

function decodeInto(target: Message, reader: Reader, schema: Schema): void {
  while (reader.at < reader.end) {
    const [number, wire] = reader.tag();
    if (wire === 4) throw new Malformed("end group without a start");
    const field = schema[number];
    if (field === undefined || wire !== wireOf(field.type)) {
      reader.skip(wire, number);
      continue;
    }
    if (typeof field.type === "object") {
      const length = reader.length();
      const end = reader.at + length;
      if (end > reader.end) throw new Malformed("truncated message");
      let child: Message;
      if (field.repeated) {
        child = {};
        ((target[field.name] ??= []) as Message[]).push(child);
      } else {
        if (field.oneof !== undefined && target[field.oneof] !== field.name) {
          const previous = target[field.oneof];
          if (typeof previous === "string") delete target[previous];
          target[field.oneof] = field.name;
        }
        child = (target[field.name] ??= {}) as Message;
      }
      decodeInto(child, new Reader(reader.bytes, reader.at, end), field.type);
      reader.at = end;
    } else if (field.repeated) {
      ((target[field.name] ??= []) as unknown[]).push(scalar(reader, field.type));
    } else {
      target[field.name] = scalar(reader, field.type);
    }
  }
}

/** The entry bytes as a LedgerEntry, or null when a protobuf parser would refuse them. */
export function decodeLedgerEntry(bytes: Bytes): Message | null {
  try {
    const entry: Message = {};
    decodeInto(entry, new Reader(bytes), ledgerEntry);
    return entry;
  } catch (e) {
    if (e instanceof Malformed) return null;
    throw e;
  }
}
