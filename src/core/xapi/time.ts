/**
 * Time formats for xAPI, computed from numbers passed in (the core has no clock): ISO 8601 durations
 * and UTC timestamps.
 */

/** Seconds → ISO 8601 duration, hundredths of a second at most (xAPI's precision), e.g. 61.4 → "PT1M1.4S". */
export function isoDuration(seconds: number): string {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new Error(`a duration must be a finite, non-negative number of seconds: ${seconds}`);
  const hundredths = Math.round(seconds * 100);
  const h = Math.floor(hundredths / 360_000);
  const m = Math.floor((hundredths % 360_000) / 6000);
  const s = (hundredths % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/** Milliseconds since the Unix epoch → "YYYY-MM-DDTHH:MM:SS.sssZ" (UTC), without a Date object. */
export function isoTimestamp(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new Error(`not a time: ${epochMs}`);
  const ms = Math.round(epochMs);
  const days = Math.floor(ms / 86_400_000);
  const dayMs = ms - days * 86_400_000;
  const [y, mo, d] = civilFromDays(days);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const hh = Math.floor(dayMs / 3_600_000);
  const mm = Math.floor((dayMs % 3_600_000) / 60_000);
  const ss = Math.floor((dayMs % 60_000) / 1000);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}.${pad(dayMs % 1000, 3)}Z`;
}

/** Days since 1970-01-01 → proleptic Gregorian [year, month, day] (H. Hinnant's civil_from_days). */
function civilFromDays(z: number): [number, number, number] {
  const shifted = z + 719_468;
  const era = Math.floor(shifted / 146_097);
  const doe = shifted - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
