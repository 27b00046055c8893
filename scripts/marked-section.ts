// Rewrites one section of a Markdown file that a generator owns, between a pair of HTML comments
// (`<!-- KIND:NAME -->` … `<!-- /KIND:NAME -->`): the benchmark runner keeps BENCHMARKS.md's
// tables this way (kind `bench`), the soak runner RELIABILITY.md's lines (kind `soak`). The rest of
// the file is left byte for byte as it was.

/** The opening and closing markers of section `name` of kind `kind`. */
export function sectionMarkers(kind: string, name: string): { start: string; end: string } {
  return { start: `<!-- ${kind}:${name} -->`, end: `<!-- /${kind}:${name} -->` };
}

/**
 * `doc` with section `name`'s body replaced by `body`, or, when the section is not there yet (or
 * its markers are out of order), with the section appended at the end after a blank line.
 */
export function replaceMarkedSection(
  doc: string,
  kind: string,
  name: string,
  body: string,
): string {
  const { start, end } = sectionMarkers(kind, name);
  const block = `${start}\n${body}\n${end}`;
  const i = doc.indexOf(start);
  const j = i >= 0 ? doc.indexOf(end, i + start.length) : -1;
  return i >= 0 && j > i
    ? doc.slice(0, i) + block + doc.slice(j + end.length)
    : `${doc.trimEnd()}\n\n${block}\n`;
}
