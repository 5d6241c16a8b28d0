// An expected message too long for one line, as one regular expression written over several: each
// part is a regex literal (escaped as usual), and they match in order with nothing between them.
export function joinRegExp(...parts: RegExp[]): RegExp {
  if (parts.some((p) => p.flags)) throw new Error('joinRegExp: flags are not carried over; use none');
  return new RegExp(parts.map((p) => p.source).join(''));
}
