// Times and durations as the C# verifier reads and prints them: protobuf Timestamps, "2h"-style ages.
import type { Timestamp } from "./statusmap.js";

/** Nanoseconds since the Unix epoch. */
export type Instant = bigint;

const minSeconds = -62135596800n;
const maxSeconds = 253402300799n;

/** Within years 1 to 9999 with nanos in range, as LicenseStatusRules.IsValidTimestamp; an absent one is valid. */
export function isValidTimestamp(t: Timestamp | null | undefined): boolean {
  return t == null || (t.seconds >= minSeconds && t.seconds <= maxSeconds && t.nanos >= 0 && t.nanos < 1_000_000_000);
}

export function instantOf(t: Timestamp): Instant {
  return t.seconds * 1_000_000_000n + BigInt(t.nanos);
}

export function instantFromDate(date: Date): Instant {
  return BigInt(date.getTime()) * 1_000_000n;
}

/** "yyyy-MM-dd HH:mm:ssZ", as .NET's "u" format. */
export function formatUniversal(instant: Instant): string {
  return new Date(Number(floorDiv(instant, 1_000_000n))).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

/** "yyyy-MM-dd HH:mm:ss" then "Z", for the CLI's "as of" line. */
export const formatAsOf = formatUniversal;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

export const second = 1_000_000_000n;
export const defaultMaxAge: bigint = 24n * 3600n * second;
export const clockSkew: bigint = 5n * 60n * second;

/** "90s", "30m", "2h" or "7d" in nanoseconds; null when the text is not one, or not positive. */
export function parseAge(text: string | undefined | null): bigint | null {
  if (!text || text.length > 12) return null;
  const match = /^([0-9]+)([smhd])$/.exec(text);
  if (match === null) return null;
  const number = BigInt(match[1]!);
  if (number <= 0n) return null;
  const unit = { s: 1n, m: 60n, h: 3600n, d: 86400n }[match[2] as "s" | "m" | "h" | "d"];
  const seconds = number * unit;
  return seconds > 922337203685n ? null : seconds * second; // beyond what a .NET TimeSpan holds
}

/** An age for people: "45s", "12m", "3h 5m", "2d 4h". */
export function describeAge(age: bigint): string {
  if (age < 0n) return "in the future by " + describeAge(-age);
  const s = age / second;
  if (s < 60n) return `${s}s`;
  if (s < 3600n) return `${s / 60n}m`;
  if (s < 86400n) return `${s / 3600n}h ${(s % 3600n) / 60n}m`;
  return `${s / 86400n}d ${(s % 86400n) / 3600n}h`;
}
