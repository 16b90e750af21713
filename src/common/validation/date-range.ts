// A list filter "from … to …" in China dates (both days included), as UTC instants for SQL:
// from 00:00 Beijing time of `from` up to (not including) 00:00 of the day after `to`.
const CHINA_OFFSET = '+08:00';

export function openedBetween(from?: string, to?: string): { openedFrom?: Date; openedTo?: Date } {
  const range: { openedFrom?: Date; openedTo?: Date } = {};
  if (from) range.openedFrom = new Date(`${from}T00:00:00${CHINA_OFFSET}`);
  if (to) range.openedTo = new Date(new Date(`${to}T00:00:00${CHINA_OFFSET}`).getTime() + 86_400_000);
  return range;
}
