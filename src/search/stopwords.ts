// Words a question is made of but an answer need not contain ("why did the deploy fail" → deploy,
// fail). Dropped from plain words only — never from "phrases" — and only when something is left.
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing done down during each few for from further
  had has have having he her here hers him his how i if in into is it its itself just me more most
  my no nor not now of off on once only or other our ours out over own same she should so some such
  than that the their theirs them then there these they this those through to too under until up
  very was we were what when where which while who whom why will with would you your yours
  anything something tell know remember happened happen get got us let lets please
  recently lately kind type many much considered`
    .split(/\s+/)
    .filter(Boolean),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}
