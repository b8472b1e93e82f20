/**
 * Accents and case gone: "Zürich" → "zurich", "Ｂｅｒｌｉｎ" → "berlin". NFKD also unfolds ligatures
 * and full-width letters, which people paste from PDFs and Asian keyboards.
 */
export const foldAccents = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Runs of anything but letters and digits become one space: "acme, inc." → "acme inc". */
export const foldWords = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Text as people mean it, for comparing names typed different ways: "  Müller-Lüdenscheidt, GmbH"
 * → "muller ludenscheidt gmbh". Used by matching, mapping and reference-data lookups alike.
 */
export const fold = (text: string | undefined): string => foldWords(foldAccents(text ?? ''));
