// What a PostgreSQL `text` value can hold: any Unicode text but NUL. A NUL fails the statement
// (SQLSTATE 22021); an unpaired UTF-16 surrogate, which JavaScript strings and JSON allow, is not
// Unicode text and would be stored as U+FFFD, silently changed. Both are refused before SQL.
const UNSTORABLE = /\u0000|\p{Cs}/u; // \p{Cs} in a /u pattern: surrogates not part of a pair

/** What makes `text` unstorable ("a NUL character (U+0000)"), or null when it can be stored. */
export function unstorableCharacter(text: string): string | null {
  const found = UNSTORABLE.exec(text)?.[0];
  if (found === undefined) return null;
  return found === '\u0000'
    ? 'a NUL character (U+0000)'
    : `an unpaired surrogate (U+${found.charCodeAt(0).toString(16).toUpperCase()}), which is not Unicode text`;
}
