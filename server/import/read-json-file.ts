import { readFile } from 'node:fs/promises';

/** Reads a JSON array of records, with errors that say what to fix. */
export async function readJsonRecords(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${(error as Error).message})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) {
    throw new Error(`${path}: expected a JSON array of daily-papers entries ({ "paper": {...} })`);
  }
  return data;
}
