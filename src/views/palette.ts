/**
 * Colours for charts and markers that stay apart under the common colour-vision deficiencies (protanopia,
 * deuteranopia, tritanopia): Okabe & Ito's colour-universal-design palette (Okabe M, Ito K. Color Universal
 * Design, 2008). Series are told apart by dash and point shape too, and severities by a shape and a word, so
 * nothing depends on colour alone (docs/accessibility.md).
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Severity as a shape as well as a colour and a word. */
export const SEVERITY_GLYPH = { critical: '◆', major: '▲', minor: '●' } as const;
