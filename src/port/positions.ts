/**
 * Positions through the repair pass: each repair replaces a range of the text; the map turns an
 * offset in the repaired text back into one in the original file, and offsets into line:col.
 */

/** One text repair: `[start, end)` of the text before it was replaced by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  reason: string;
}

/** Maps offsets in repaired text back to the original, through every edit in order. */
export class PositionMap {
  readonly #edits: Edit[] = [];

  push(edit: Edit): void {
    this.#edits.push(edit);
  }

  /** The original offset of `offset` in the repaired text. */
  toOriginal(offset: number): number {
    let at = offset;
    for (let i = this.#edits.length - 1; i >= 0; i--) {
      const edit = this.#edits[i];
      const insertedEnd = edit.start + edit.text.length;
      if (at <= edit.start) continue;
      if (at < insertedEnd) at = Math.min(edit.start + (at - edit.start), edit.end);
      else at = at - edit.text.length + (edit.end - edit.start);
    }
    return at;
  }
}

/** 1-based line and column of `offset` in `text` (columns count UTF-16 units, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
