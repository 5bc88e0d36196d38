// Builds share payloads and browser saves by hand, to give the page sessions that obsim itself
// refuses to write (outside the limits). Mirrors obsim::share (format 1) and src/persist.rs
// (save format 3).
const DAY_US = 86_400_000_000n;

function varint(out, v) {
  let n = BigInt(v);
  while (n >= 0x80n) {
    out.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  out.push(Number(n));
}

/** CRC-16/CCITT-FALSE, as obsim::share's checksum. */
function crc16(bytes) {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The bytes of a session log: `commands` (texts typed at the start; each must pack to
 *  itself: no dictionary word such as an upper-case `SELECT `, no control bytes), `days` of
 *  simulated time, optional cluster options `{ blocks, workload }`. */
export function logBytes({ seed = 42, scenario = 'fresh', days = 0, options, commands = [] } = {}) {
  const out = [1]; // format
  varint(out, 1); // session log version
  varint(out, seed);
  const name = [...Buffer.from(scenario, 'utf8')];
  varint(out, name.length);
  out.push(...name);
  varint(out, commands.length);
  for (const text of commands) {
    const bytes = Buffer.from(text, 'utf8');
    varint(out, 0); // at the epoch: no time between them
    varint(out, bytes.length << 1); // no fault
    for (const b of bytes) out.push(b);
  }
  varint(out, (BigInt(days) * DAY_US) << 1n); // zigzag of a positive delta from the epoch
  if (options) {
    varint(out, options.blocks);
    varint(out, options.workload);
  }
  const sum = crc16(out);
  out.push(sum & 0xff, sum >> 8);
  return out;
}

export function base64url(bytes) {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 15 bits per UTF-16 unit from U+0100, as persist::pack15. */
export function pack15(bytes) {
  let acc = 0;
  let bits = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    if (bits >= 15) {
      bits -= 15;
      out += String.fromCharCode(0x100 + ((acc >> bits) & 0x7fff));
      acc &= (1 << bits) - 1;
    }
  }
  if (bits > 0) out += String.fromCharCode(0x100 + ((acc << (15 - bits)) & 0x7fff));
  return out;
}

/** A save in format 3 of a session log's bytes. */
export function save3(bytes) {
  return `obplay-session 3\ncleared 0\nspeed 10\nplaying 0\ntheme auto\nsteps \nlog ${bytes.length} ${pack15(bytes)}\n`;
}

/** A save in format 2 (the log in base64url): read by this version and by the one before. */
export function save2(bytes) {
  return `obplay-session 2\nlog ${base64url(bytes)}\ncleared 0\nspeed 10\nplaying 0\ntheme auto\nsteps \n`;
}
