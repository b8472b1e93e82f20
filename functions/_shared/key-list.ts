/**
 * A rotatable key list as settings hold it: `kid:base64,kid2:…`, the first being the one in use
 * (signing, sealing) and every one still accepted. `valid` checks a key's bytes; `rule` is what
 * the error says a key must be, naming the setting.
 */
export function parseKeyList(
  setting: string,
  value: string | undefined,
  valid: (bytes: Buffer) => boolean,
  rule: string,
): { id: string; bytes: Buffer }[] {
  return (value ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf(':');
      const id = pair.slice(0, i);
      const bytes = Buffer.from(pair.slice(i + 1), 'base64');
      if (i < 1 || !/^[A-Za-z0-9_-]+$/.test(id) || !valid(bytes)) {
        throw new Error(`${setting}: each key is ${rule}, base64`);
      }
      return { id, bytes };
    });
}
