// Short forms of stage names for the chain layout's column headers, where a column may be a few
// dozen pixels wide: each long word is cut after a consonant and ends with a full stop, as
// Russian abbreviations are made («Лесозаготовка» → «Лесозаг.», «промышленности» → «пром.»);
// short words stay whole. The header keeps the full name for its tooltip and screen readers.

// Cyrillic vowels (а е ё и о у ы э ю я) by code point: the client's source holds no Russian text.
const VOWELS = /[\u0430\u0435\u0451\u0438\u043e\u0443\u044b\u044d\u044e\u044faeiouy]/i;
/** Letters an abbreviation does not end on: a vowel, «й», the soft and hard signs. */
const BAD_END = /[\u0430\u0435\u0451\u0438\u043e\u0443\u044b\u044d\u044e\u044f\u0439\u044c\u044aaeiouy]/i;

/** `word` cut to about `keep` letters, ending on a consonant, with a full stop; whole if short. */
export function abbreviateWord(word: string, keep: number): string {
  // A compound is cut part by part: «Погрузочно-разгрузочные» → «Погр.-разгр.».
  if (/\p{L}-\p{L}/u.test(word))
    return word
      .split('-')
      .map((part) => abbreviateWord(part, keep))
      .join('-');
  const letters = word.match(/^\p{L}+/u)?.[0] ?? '';
  const tail = word.slice(letters.length);
  // Only words (with trailing punctuation: «Биоэнергетика:»); numbers and codes stay whole, and
  // so does what the cut would barely shorten.
  if (!letters || !/^\p{P}*$/u.test(tail) || letters.length <= keep + 2) return word;
  let end = keep;
  while (end > 1 && BAD_END.test(letters[end - 1])) end--;
  // A stem of consonants only («Стр») is no word: go on to the consonant after its first vowel.
  if (!VOWELS.test(letters.slice(0, end))) {
    while (end < letters.length && !VOWELS.test(letters.slice(0, end))) end++;
    while (end < letters.length && BAD_END.test(letters[end - 1])) end++;
  }
  if (end >= letters.length - 1) return word;
  return `${letters.slice(0, end)}.${tail}`;
}

/** The forms to try, longest first: the name itself, then its words cut shorter and shorter. */
export function abbreviations(name: string, keeps: readonly number[] = [7, 5, 3]): string[] {
  const forms = [name];
  for (const keep of keeps) {
    const short = name
      .split(/(\s+)/)
      .map((part) => (/\s/.test(part) ? part : abbreviateWord(part, keep)))
      .join('');
    if (short.length < forms[forms.length - 1].length) forms.push(short);
  }
  return forms;
}

/** Lines `text` wraps into at `width`, breaking between words only (`measure` gives a width). */
export function wrappedLines(text: string, width: number, measure: (s: string) => number): number {
  const words = text.split(/\s+/).filter(Boolean);
  let lines = 0;
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && measure(next) > width) {
      lines++;
      line = w;
    } else line = next;
    // A single word wider than the line cannot be wrapped without cutting it.
    if (measure(line) > width) return Infinity;
  }
  return lines + (line ? 1 : 0);
}
